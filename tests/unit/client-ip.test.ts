import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientIp } from '../../lib/auth/session';

const request = (forwardedFor?: string) =>
  new Request('http://localhost/', { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });

describe('clientIp', () => {
  it('takes the last entry when no proxy is trusted', () => {
    assert.equal(clientIp(request('6.6.6.6, 10.0.0.1'), 0), '10.0.0.1');
  });

  it('takes the entry the outermost trusted proxy wrote, so forged leading entries are ignored', () => {
    assert.equal(clientIp(request('6.6.6.6, 203.0.113.9, 130.176.0.1'), 2), '203.0.113.9');
    assert.equal(clientIp(request('1.1.1.1, 2.2.2.2, 198.51.100.7'), 1), '198.51.100.7');
  });

  it('falls back to the first entry or "unknown"', () => {
    assert.equal(clientIp(request('203.0.113.9'), 3), '203.0.113.9');
    assert.equal(clientIp(request(), 0), 'unknown');
  });
});
