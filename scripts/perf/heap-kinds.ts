import { readFileSync } from 'node:fs';

type Snapshot = {
  snapshot: { meta: { node_fields: string[]; node_types: [string[], ...unknown[]] } };
  nodes: number[];
  strings: string[];
};

/** The biggest kinds of object in a V8 heap snapshot by self size (constructor name, or the node type), in MiB. */
export function biggestKinds(file: string, count: number): { name: string; mib: number }[] {
  const snapshot = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
  const { node_fields: fields, node_types: [types] } = snapshot.snapshot.meta;
  const width = fields.length;
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((field) => fields.indexOf(field)) as [number, number, number];
  const totals = new Map<string, number>();
  for (let i = 0; i < snapshot.nodes.length; i += width) {
    const type = types[snapshot.nodes[i + typeAt]!] ?? '?';
    const name = type === 'object' || type === 'native' ? (snapshot.strings[snapshot.nodes[i + nameAt]!] ?? '?') : `(${type})`;
    totals.set(name, (totals.get(name) ?? 0) + snapshot.nodes[i + sizeAt]!);
  }
  return [...totals]
    .sort((a, b) => b[1] - a[1])
    .slice(0, count)
    .map(([name, bytes]) => ({ name, mib: +(bytes / 1024 / 1024).toFixed(1) }));
}
