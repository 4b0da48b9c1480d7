/** What the shell's live indicator shows; a tiny store components read with useSyncExternalStore. */
export type LiveStatus = 'connecting' | 'connected' | 'reconnecting' | 'offline';

let status: LiveStatus = 'connecting';
const listeners = new Set<() => void>();

export function setLiveStatus(next: LiveStatus): void {
  if (next === status) return;
  status = next;
  for (const listener of listeners) listener();
}

export function liveStatus(): LiveStatus {
  return status;
}

export function subscribeLiveStatus(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
