/** Activity views follow live events with a few refetches and then stay quiet (no polling). */
import assert from 'node:assert/strict';
import { afterEach, beforeEach, describe, it, mock } from 'node:test';
import { ACTIVITY_FOLLOW_UP_MS, createActivityFollowUp } from '../../lib/sync-client/activity-follow-up';

/** Moves the fake clock on in small steps: a timer set by a timer runs in a later step. */
function advance(ms: number): void {
  for (let left = ms; left > 0; left -= 100) mock.timers.tick(Math.min(100, left));
}

function counter() {
  let count = 0;
  return { refresh: () => void (count += 1), count: () => count };
}

describe('activity follow-up', () => {
  beforeEach(() => mock.timers.enable({ apis: ['setTimeout', 'Date'], now: 1_000_000 }));
  afterEach(() => mock.timers.reset());

  it('refreshes nothing until something changes', () => {
    const refreshes = counter();
    createActivityFollowUp(refreshes.refresh);
    advance(120_000);
    assert.equal(refreshes.count(), 0);
  });

  it('refreshes at each follow-up delay after one change, then stops', () => {
    const refreshes = counter();
    const followUp = createActivityFollowUp(refreshes.refresh);
    followUp.changed();
    let previous = 0;
    for (const [index, delay] of ACTIVITY_FOLLOW_UP_MS.entries()) {
      mock.timers.tick(delay - previous - 1);
      assert.equal(refreshes.count(), index, `nothing before ${delay} ms`);
      mock.timers.tick(1);
      assert.equal(refreshes.count(), index + 1, `a refresh at ${delay} ms`);
      previous = delay;
    }
    advance(60_000);
    assert.equal(refreshes.count(), ACTIVITY_FOLLOW_UP_MS.length);
  });

  it('under a steady stream of changes refreshes about once a second, and follows the last one to the end', () => {
    const refreshes = counter();
    const followUp = createActivityFollowUp(refreshes.refresh);
    for (let i = 0; i < 10; i += 1) {
      followUp.changed();
      advance(400);
    }
    // 4 s of changes every 400 ms: a refresh at least every 1.5 s, never one per change.
    const during = refreshes.count();
    assert.ok(during >= 3 && during <= 5, `refreshes during the burst: ${during}`);
    advance(ACTIVITY_FOLLOW_UP_MS.at(-1)!);
    assert.ok(refreshes.count() - during >= 2, `the follow-ups of the last change: ${refreshes.count() - during}`);
    const settled = refreshes.count();
    advance(60_000);
    assert.equal(refreshes.count(), settled);
  });

  it('stop cancels what is scheduled', () => {
    const refreshes = counter();
    const followUp = createActivityFollowUp(refreshes.refresh);
    followUp.changed();
    followUp.stop();
    advance(60_000);
    assert.equal(refreshes.count(), 0);
  });
});
