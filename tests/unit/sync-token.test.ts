/** Sync tokens (lib/sync/token.ts): what goes in comes out, for its owner only; anything else is a 400. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { BadRequestError } from '../../lib/errors';
import { sign } from '../../lib/signing';
import { decodeSyncToken, encodeSyncToken, type SyncState } from '../../lib/sync/token';

const SECRET = 'a-test-secret-of-at-least-32-characters';
const USER = 'user-1';
const LIST_A = '0b8c2a5e-1d1f-4c3a-9a56-7f0e1b2c3d4e';
const LIST_B = 'f1e2d3c4-b5a6-8978-8a9b-0c1d2e3f4a5b';

const paging: SyncState = {
  issuedAt: 1_764_590_000_123,
  since: 1_764_500_000_000,
  cut: 1_764_589_995_123,
  cursor: { listId: LIST_B, lost: true, afterKey: '2025-12-01T10:00:00.000Z#e3b0c442-98fc-1c14-9afb-f4c8996fb924#0000000003' },
  known: new Map([
    [LIST_A, 0],
    [LIST_B, 0xffffffff],
  ]),
};

describe('sync tokens', () => {
  it('round-trips a paging state and a finished one', () => {
    assert.deepEqual(decodeSyncToken(encodeSyncToken(paging, USER, SECRET), USER, SECRET), paging);
    const done: SyncState = { issuedAt: 5, since: 4, cut: null, cursor: null, known: new Map() };
    assert.deepEqual(decodeSyncToken(encodeSyncToken(done, USER, SECRET), USER, SECRET), done);
  });

  it('is 400 for another user, another key, edited bytes, or a valid signature over bytes the encoder never wrote', () => {
    const token = encodeSyncToken(paging, USER, SECRET);
    assert.throws(() => decodeSyncToken(token, 'user-2', SECRET), BadRequestError);
    assert.throws(() => decodeSyncToken(token, USER, `${SECRET}!`), BadRequestError);
    assert.throws(() => decodeSyncToken(`x${token}`, USER, SECRET), BadRequestError);
    assert.throws(() => decodeSyncToken(`${token}.more`, USER, SECRET), BadRequestError);
    const garbage = sign(SECRET, USER, 'sync-token:v1', Buffer.from([1, 2, 3]).toString('base64url'));
    assert.throws(() => decodeSyncToken(garbage, USER, SECRET), BadRequestError);
  });

  it('refuses to encode a list id that is not a UUID (it would not fit in 16 bytes)', () => {
    assert.throws(() => encodeSyncToken({ ...paging, known: new Map([['not-a-uuid', 1]]) }, USER, SECRET), /not a UUID/);
  });
});
