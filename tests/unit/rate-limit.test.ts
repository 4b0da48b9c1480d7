import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { FailureLimiter } from '../../lib/auth/rate-limit';

describe('FailureLimiter', () => {
  it('blocks a key after the maximum failures until the window ends', () => {
    const limiter = new FailureLimiter(3, 60_000);
    const t0 = 1_000_000;
    for (let i = 0; i < 2; i += 1) limiter.recordFailure('k', t0);
    assert.equal(limiter.retryAfterSeconds('k', t0), 0);
    limiter.recordFailure('k', t0);
    assert.equal(limiter.retryAfterSeconds('k', t0 + 1_000), 59);
    assert.equal(limiter.retryAfterSeconds('k', t0 + 60_000), 0);
  });

  it('keeps keys apart and forgets a key on reset', () => {
    const limiter = new FailureLimiter(1, 60_000);
    limiter.recordFailure('a', 0);
    assert.ok(limiter.retryAfterSeconds('a', 1) > 0);
    assert.equal(limiter.retryAfterSeconds('b', 1), 0);
    limiter.reset('a');
    assert.equal(limiter.retryAfterSeconds('a', 1), 0);
  });

  it('stays bounded in memory', () => {
    const limiter = new FailureLimiter(1, 60_000, 10);
    for (let i = 0; i < 100; i += 1) limiter.recordFailure(`key-${i}`, 0);
    const live = Array.from({ length: 100 }, (_, i) => limiter.retryAfterSeconds(`key-${i}`, 1)).filter((s) => s > 0);
    assert.ok(live.length <= 10, `expected at most 10 tracked keys, got ${live.length}`);
    assert.ok(limiter.retryAfterSeconds('key-99', 1) > 0, 'the newest key is tracked');
  });
});
