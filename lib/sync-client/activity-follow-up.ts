/**
 * Activity entries are written by the activity consumer a moment after the change they describe
 * (topic → queue → consumer), so the live event of a change arrives before its entry exists. After
 * each change the open activity views refetch a few times over the next seconds, then stop: nothing
 * is fetched while nothing changes. Under a steady stream of changes they refetch about once a second.
 */

/** Delays after the latest change at which open activity views refetch. */
export const ACTIVITY_FOLLOW_UP_MS = [1000, 2500, 5000, 10_000] as const;

export type ActivityFollowUp = {
  /** Something changed (a live event, a reconnect): follow it. */
  readonly changed: () => void;
  readonly stop: () => void;
};

/** `refresh` refetches the open activity views (invalidating their queries). */
export function createActivityFollowUp(refresh: () => void, now: () => number = Date.now): ActivityFollowUp {
  let changedAt = 0;
  let timer: ReturnType<typeof setTimeout> | undefined;
  let dueAt = Infinity;

  /** The first follow-up time of the latest change still ahead, if any. */
  const nextDue = (): number | undefined => ACTIVITY_FOLLOW_UP_MS.map((delay) => changedAt + delay).find((at) => at > now());

  function schedule(at: number): void {
    clearTimeout(timer);
    dueAt = at;
    timer = setTimeout(fire, Math.max(0, at - now()));
  }

  function fire(): void {
    timer = undefined;
    dueAt = Infinity;
    refresh();
    const next = nextDue();
    if (next !== undefined) schedule(next);
  }

  return {
    changed() {
      changedAt = now();
      const first = changedAt + ACTIVITY_FOLLOW_UP_MS[0];
      // A pending refetch that comes sooner stays; one further off is brought forward.
      if (first < dueAt) schedule(first);
    },
    stop() {
      clearTimeout(timer);
      timer = undefined;
      dueAt = Infinity;
    },
  };
}
