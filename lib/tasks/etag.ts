/** Strong ETags carry the task's version: `"7"`. */
export function etagFor(version: number): string {
  return `"${version}"`;
}

/**
 * The version an If-Match header demands: undefined when absent or `*`, NaN when it names no
 * version we could have issued (which then never matches, giving 412).
 */
export function versionFromIfMatch(header: string | null): number | undefined {
  if (header === null || header.trim() === '*') return undefined;
  const match = /^\s*(?:W\/)?"(\d{1,15})"\s*$/.exec(header);
  return match?.[1] ? Number(match[1]) : Number.NaN;
}
