/**
 * A server component's read for the client cache (handed over through HydrationBoundary). A failed
 * prefetch is logged; the client then fetches on its own and shows its error state if that fails too.
 */
export async function prefetch<T>(read: () => Promise<T>, store: (data: T) => void, what: string): Promise<void> {
  try {
    store(await read());
  } catch (error) {
    console.error(JSON.stringify({ level: 'error', message: `${what} prefetch failed`, error: String(error) }));
  }
}
