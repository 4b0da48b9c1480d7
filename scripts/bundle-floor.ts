/**
 * `npm run bench:floor`: the least first-load JS a page can ship with this project's Next.js, React and
 * React Query, to set the task page's figure against. Builds a throwaway two-page app with Turbopack under
 * .data/bundle-floor (the same node_modules, resolved from the repository root) and prints, from its
 * .next/diagnostics/route-bundle-stats.json, the gzipped first-load JS of:
 *   /empty        a server-rendered paragraph, no client code of its own (Next.js and React alone);
 *   /react-query  one useQuery inside a QueryClientProvider, the least a React Query page needs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { firstLoadJsKiB } from './bundle-stats';
import { ROOT } from './stack';

const FLOOR_DIR = path.join(ROOT, '.data', 'bundle-floor');

const FILES: Record<string, string> = {
  'package.json': JSON.stringify({ name: 'bundle-floor', private: true }),
  'next.config.mjs': 'export default {};\n',
  'app/layout.jsx': `export default function RootLayout({ children }) {
  return <html lang="en"><body>{children}</body></html>;
}
`,
  'app/empty/page.jsx': 'export default function Page() { return <p>Nothing client-side.</p>; }\n',
  'app/react-query/list.jsx': `'use client';
import { QueryClient, QueryClientProvider, useQuery } from '@tanstack/react-query';
import { useState } from 'react';

function Items() {
  const { data } = useQuery({ queryKey: ['items'], queryFn: async () => (await fetch('/items')).json() });
  return <ul>{(data ?? []).map((item) => <li key={item}>{item}</li>)}</ul>;
}

export function List() {
  const [client] = useState(() => new QueryClient());
  return <QueryClientProvider client={client}><Items /></QueryClientProvider>;
}
`,
  'app/react-query/page.jsx': `import { List } from './list';
export default function Page() { return <List />; }
`,
};

function main() {
  rmSync(FLOOR_DIR, { recursive: true, force: true });
  for (const [file, text] of Object.entries(FILES)) {
    mkdirSync(path.dirname(path.join(FLOOR_DIR, file)), { recursive: true });
    writeFileSync(path.join(FLOOR_DIR, file), text);
  }
  const nextBin = path.join(ROOT, 'node_modules', 'next', 'dist', 'bin', 'next');
  const build = spawnSync(process.execPath, [nextBin, 'build'], {
    cwd: FLOOR_DIR,
    env: { ...process.env, NEXT_TELEMETRY_DISABLED: '1' },
    encoding: 'utf8',
  });
  if (build.status !== 0) throw new Error(`the floor build failed:\n${build.stdout}\n${build.stderr}`);
  const floor = firstLoadJsKiB(FLOOR_DIR);
  console.log(`first-load JS, gzip (Turbopack):`);
  console.log(`  /empty        ${floor.get('/empty')} KiB  Next.js and React alone`);
  console.log(`  /react-query  ${floor.get('/react-query')} KiB  plus the least React Query page`);
  const taskPage = firstLoadJsKiB(ROOT).get('/');
  if (taskPage !== undefined) console.log(`  the task page ${taskPage} KiB  (this repository's last build)`);
  rmSync(FLOOR_DIR, { recursive: true, force: true });
}

main();
