import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { clientIp, UNTRUSTED_ADDRESS } from '../../lib/auth/session';

const request = (forwardedFor?: string) =>
  new Request('http://localhost/', { headers: forwardedFor ? { 'x-forwarded-for': forwardedFor } : {} });

describe('clientIp', () => {
  it('trusts nothing in the request when no proxy is trusted: every request counts under one address', () => {
    const seen = new Set(['6.6.6.6, 10.0.0.1', '10.0.0.2', '203.0.113.5, 198.51.100.1', undefined].map((header) => clientIp(request(header), 0)));
    assert.deepEqual([...seen], [UNTRUSTED_ADDRESS]);
  });

  it('takes the entry the outermost trusted proxy wrote, so forged leading entries are ignored', () => {
    assert.equal(clientIp(request('6.6.6.6, 203.0.113.9, 130.176.0.1'), 2), '203.0.113.9');
    assert.equal(clientIp(request('1.1.1.1, 2.2.2.2, 198.51.100.7'), 1), '198.51.100.7');
  });

  it('falls back to the first entry or "unknown" behind proxies', () => {
    assert.equal(clientIp(request('203.0.113.9'), 3), '203.0.113.9');
    assert.equal(clientIp(request(), 1), 'unknown');
  });
});
