/** The props type Next.js passes to pages as `searchParams` (a promise since Next 15). */
export type SearchParams = Promise<Readonly<Record<string, string | string[] | undefined>>>;

/** The first value of a query parameter, or undefined when absent or empty. */
export function firstParam(value: string | readonly string[] | undefined): string | undefined {
  const first = typeof value === 'string' ? value : value?.[0];
  return first === undefined || first === '' ? undefined : first;
}
