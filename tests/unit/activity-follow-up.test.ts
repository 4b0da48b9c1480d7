/** Activity views follow live events with a few refetches and then stay quiet (no polling). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { InfiniteQueryObserver, QueryClient } from '@tanstack/react-query';
import { activityListOptions } from '../../lib/query/activity';
import { ACTIVITY_FOLLOW_UP_MS, createActivityFollowUp } from '../../lib/sync-client/activity-follow-up';

/** A query client with one activity view on screen, counting how often that view fetches. */
function screenWithActivity() {
  const client = new QueryClient({ defaultOptions: { queries: { retry: false, refetchOnWindowFocus: false } } });
  let fetches = 0;
  const observer = new InfiniteQueryObserver(client, {
    ...activityListOptions(null),
    queryFn: () => {
      fetches += 1;
      return Promise.resolve({ items: [], nextCursor: null });
    },
  });
  const unsubscribe = observer.subscribe(() => undefined);
  return { client, fetches: () => fetches, close: unsubscribe };
}

/** Moves the fake clock on in small steps (a timer set by a timer runs in a later step) and lets the fetches settle. */
async function advance(ms: number): Promise<void> {
  for (let left = ms; left >= 0; left -= 100) {
    mock.timers.tick(Math.min(100, left));
    for (let i = 0; i < 5; i += 1) await Promise.resolve();
    if (left < 100) break;
  }
}

describe('activity follow-up', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  it('does not poll: without changes an open activity view fetches once, however long it stays', async () => {
    const screen = screenWithActivity();
    await advance(0);
    const first = screen.fetches();
    assert.equal(first, 1);
    createActivityFollowUp(screen.client);
    await advance(120_000);
    assert.equal(screen.fetches(), first);
    screen.close();
  });

  it('refetches at each follow-up delay after one change, then stops', async () => {
    const screen = screenWithActivity();
    await advance(0);
    const followUp = createActivityFollowUp(screen.client);
    followUp.changed();
    let previous = 0;
    for (const [index, delay] of ACTIVITY_FOLLOW_UP_MS.entries()) {
      await advance(delay - previous - 1);
      assert.equal(screen.fetches(), 1 + index, `nothing before ${delay} ms`);
      await advance(1);
      assert.equal(screen.fetches(), 2 + index, `a refetch at ${delay} ms`);
      previous = delay;
    }
    await advance(60_000);
    assert.equal(screen.fetches(), 1 + ACTIVITY_FOLLOW_UP_MS.length);
    screen.close();
  });

  it('under a steady stream of changes refetches about once a second, and follows the last one to the end', async () => {
    const screen = screenWithActivity();
    await advance(0);
    const followUp = createActivityFollowUp(screen.client);
    for (let i = 0; i < 10; i += 1) {
      followUp.changed();
      await advance(400);
    }
    // 4 s of changes every 400 ms: refetched at least three times, never more than once per 400 ms step.
    const during = screen.fetches() - 1;
    assert.ok(during >= 3 && during <= 4, `refetches during the burst: ${during}`);
    await advance(ACTIVITY_FOLLOW_UP_MS.at(-1)!);
    const after = screen.fetches() - 1 - during;
    assert.ok(after >= 2, `the follow-ups of the last change: ${after}`);
    const settled = screen.fetches();
    await advance(60_000);
    assert.equal(screen.fetches(), settled);
    screen.close();
  });

  it('stop cancels what is scheduled', async () => {
    const screen = screenWithActivity();
    await advance(0);
    const followUp = createActivityFollowUp(screen.client);
    followUp.changed();
    followUp.stop();
    await advance(60_000);
    assert.equal(screen.fetches(), 1);
    screen.close();
  });
});
