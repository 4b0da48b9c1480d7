import type { QueryClient } from '@tanstack/react-query';
import { ApiError } from '@/lib/client/api';
import { applySyncPage } from './apply-sync';
import { fetchSyncPage, type SyncPage } from './sync-api';

/**
 * Runs GET /api/sync and applies it: at most one sync in flight and one queued, however many events
 * arrive meanwhile (a burst of 50 changes is one or two syncs, not 50). The token and the synced data
 * live in IndexedDB, loaded lazily so the first paint does not carry that code.
 */

type TokenStore = {
  readonly read: () => Promise<string | null>;
  readonly store: (page: SyncPage) => Promise<void>;
  readonly forget: () => Promise<void>;
};

const MUTATION_WAIT_MS = 150;
const MUTATION_WAIT_LIMIT_MS = 10_000;

/** IndexedDB when it opens; otherwise (private windows of some browsers) a token kept in memory. */
async function openTokenStore(userId: string): Promise<TokenStore> {
  try {
    const [{ openOfflineDb }, data] = await Promise.all([import('@/lib/offline/db'), import('@/lib/offline/synced-data')]);
    const db = await openOfflineDb(userId);
    return { read: () => data.readSyncToken(db), store: (page) => data.storeSyncPage(db, page), forget: () => data.forgetSyncedData(db) };
  } catch {
    let token: string | null = null;
    return {
      read: () => Promise.resolve(token),
      store: (page) => Promise.resolve(void (token = page.token)),
      forget: () => Promise.resolve(void (token = null)),
    };
  }
}

/** An optimistic edit on screen (a task's, a list's, ...) must not be overwritten by a page fetched before it was saved. */
async function mutationsSettled(queryClient: QueryClient): Promise<void> {
  const deadline = Date.now() + MUTATION_WAIT_LIMIT_MS;
  while (queryClient.isMutating() > 0 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, MUTATION_WAIT_MS));
  }
}

/**
 * How many mutations have started in this tab. A page fetched while one started may predate it, and
 * lists carry no version that would let the cache keep the newer one (a member's order is not the
 * list's version), so such a page is fetched again instead of applied.
 */
function mutationStarts(queryClient: QueryClient): () => number {
  let started = 0;
  queryClient.getMutationCache().subscribe((event) => {
    if (event.type === 'added') started += 1;
  });
  return () => started;
}

export type SyncRunner = {
  readonly request: () => Promise<void>;
  /** The last sync was refused because the session is over (it could not be renewed). */
  readonly signedOut: () => boolean;
};

export function createSyncRunner(queryClient: QueryClient, userId: string): SyncRunner {
  let tokens: Promise<TokenStore> | undefined;
  let running: Promise<void> | null = null;
  let queued = false;
  let signedOut = false;
  const starts = mutationStarts(queryClient);

  async function syncOnce(): Promise<void> {
    tokens ??= openTokenStore(userId);
    const store = await tokens;
    let since = await store.read();
    // From empty the page already shows fresh server data: sync only refreshes what it holds.
    const insert = since !== null;
    for (;;) {
      let page: SyncPage;
      await mutationsSettled(queryClient);
      const startsBefore = starts();
      try {
        page = await fetchSyncPage(since);
      } catch (error) {
        if (error instanceof ApiError && error.status === 410 && since !== null) {
          await store.forget();
          since = null;
          continue;
        }
        throw error;
      }
      await mutationsSettled(queryClient);
      if (starts() !== startsBefore) continue;
      applySyncPage(queryClient, page, { insert });
      await store.store(page);
      since = page.token;
      if (!page.hasMore) return;
    }
  }

  function request(): Promise<void> {
    if (running) {
      queued = true;
      return running;
    }
    running = syncOnce()
      .then(() => {
        signedOut = false;
      })
      // A failed sync leaves the token where it was; the next event or reconnect tries again.
      .catch((error: unknown) => {
        signedOut = error instanceof ApiError && error.status === 401;
      })
      .finally(() => {
        running = null;
        if (queued) {
          queued = false;
          void request();
        }
      });
    return running;
  }

  return { request, signedOut: () => signedOut };
}
