import { setLiveStatus } from './live-status';

/**
 * One EventSource to /api/events per tab (the session cookie authenticates it). Every `change`,
 * `lists` or `resync` asks for a sync; `end` closes the stream (token expired or session ended).
 * EventSource retries on its own after a dropped connection; when it gives up (an error answer such
 * as an expired token) this reconnects with exponential backoff, and at once when the device comes
 * back online or the tab becomes visible again (after sleep).
 */

export type LiveHandlers = {
  /** Called for every event that means "something changed" and once after each (re)connect. */
  readonly onChange: () => void;
  /**
   * Before reconnecting: a sync through the API, which refreshes an expired session and, when the
   * session is over, goes to sign-in (lib/client/api.ts).
   */
  readonly beforeReconnect: () => Promise<void>;
  /** Whether that sync found the session over: then there is nothing to reconnect to. */
  readonly signedOut: () => boolean;
  readonly onSignedOut: () => void;
};

const FIRST_RETRY_MS = 1000;
const MAX_RETRY_MS = 30_000;
const SYNC_EVENTS = ['change', 'lists', 'resync'] as const;

export function openLiveConnection(handlers: LiveHandlers): () => void {
  let source: EventSource | null = null;
  let retryMs = FIRST_RETRY_MS;
  let retryTimer: ReturnType<typeof setTimeout> | undefined;
  let stopped = false;
  let sessionEnded = false;

  const online = () => typeof navigator === 'undefined' || navigator.onLine;

  function connect(): void {
    clearTimeout(retryTimer);
    source?.close();
    if (stopped) return;
    if (!online()) {
      setLiveStatus('offline');
      return;
    }
    const current = new EventSource('/api/events');
    source = current;
    current.addEventListener('open', () => {
      retryMs = FIRST_RETRY_MS;
      setLiveStatus('connected');
      // Whatever happened while not connected is fetched now.
      handlers.onChange();
    });
    for (const name of SYNC_EVENTS) current.addEventListener(name, () => handlers.onChange());
    // The stream ends with its access token: when that expired, or when the session it belongs to
    // ended. A password change ends the old token while this device carries on with fresh ones, so the
    // API decides: the sync before reconnecting renews the session, or finds it over (then sign-in).
    current.addEventListener('end', (event) => {
      current.close();
      sessionEnded = readReason(event) === 'session';
      // Not at once: a server that ends every stream at once must not be called in a tight loop.
      scheduleReconnect(FIRST_RETRY_MS);
    });
    current.addEventListener('error', () => {
      if (!online()) {
        current.close();
        setLiveStatus('offline');
        return;
      }
      setLiveStatus('reconnecting');
      if (current.readyState === EventSource.CLOSED) scheduleReconnect(retryMs);
    });
  }

  function scheduleReconnect(delayMs: number): void {
    if (stopped) return;
    setLiveStatus('reconnecting');
    clearTimeout(retryTimer);
    // Jitter keeps many tabs waking from one outage from arriving together.
    const wait = delayMs === 0 ? 0 : delayMs / 2 + Math.random() * (delayMs / 2);
    retryMs = Math.min(MAX_RETRY_MS, retryMs * 2);
    retryTimer = setTimeout(() => {
      void handlers.beforeReconnect().finally(() => {
        if (stopped) return;
        // Only the server's word that the session ended leads away from the page; a token that merely
        // could not be renewed in the background waits for the person's next request to say so.
        if (sessionEnded && handlers.signedOut()) handlers.onSignedOut();
        else connect();
        sessionEnded = false;
      });
    }, wait);
  }

  /** Back online or back from sleep: reconnect now unless the stream is healthy. */
  function wake(): void {
    if (document.visibilityState === 'hidden') return;
    if (source?.readyState === EventSource.OPEN) return;
    retryMs = FIRST_RETRY_MS;
    scheduleReconnect(0);
  }
  const goOffline = () => {
    source?.close();
    setLiveStatus('offline');
  };

  window.addEventListener('online', wake);
  window.addEventListener('offline', goOffline);
  document.addEventListener('visibilitychange', wake);
  connect();

  return () => {
    stopped = true;
    clearTimeout(retryTimer);
    source?.close();
    window.removeEventListener('online', wake);
    window.removeEventListener('offline', goOffline);
    document.removeEventListener('visibilitychange', wake);
  };
}

function readReason(event: Event): string | null {
  if (!(event instanceof MessageEvent) || typeof event.data !== 'string') return null;
  try {
    const data: unknown = JSON.parse(event.data);
    return typeof data === 'object' && data !== null && 'reason' in data && typeof data.reason === 'string' ? data.reason : null;
  } catch {
    return null;
  }
}
