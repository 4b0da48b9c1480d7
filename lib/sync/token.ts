import { AppError, BadRequestError } from '../errors';
import { sign, verified } from '../signing';

/**
 * Sync tokens (docs/data-model.md, "Sync"): where a device's copy stands, signed for one caller.
 * Binary, then base64url, so a person with 200 lists carries about 5.4 KB: per list its 16-byte id and
 * a 4-byte fingerprint of what the device holds of it. Plain code with the secret as an argument: the
 * server signs with CURSOR_SECRET (under its own purpose scope), and tests can sign an old token.
 */

export type SyncCursor = {
  /** The list whose changes (or, for a lost list, whose task ids) a page stopped in. */
  readonly listId: string;
  readonly lost: boolean;
  /** The last ListChangesIndex key handed out; the next page reads strictly after it. */
  readonly afterKey: string;
};

export type SyncState = {
  /** When the token was made (epoch ms): a device cannot hold a task created after it. */
  readonly issuedAt: number;
  /** Every change at or before this time (epoch ms) has been delivered; null: nothing yet (from empty). */
  readonly since: number | null;
  /** While paging: the cut of the round in progress (becomes `since` when it ends). */
  readonly cut: number | null;
  readonly cursor: SyncCursor | null;
  /** Lists the device holds, with the fingerprint of the state it holds them in. */
  readonly known: ReadonlyMap<string, number>;
};

const SCOPE = 'sync-token:v1';
const FORMAT = 1;
const INVALID = 'That sync token is not valid for this account. Sync again without `since` to start over.';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

/** 410: the device was away longer than deletions are kept, so it must start over. */
export class SyncTokenExpiredError extends AppError {
  constructor(retentionDays: number) {
    super(410, 'Sync token expired', `This device last synced more than ${retentionDays} days ago. Sync again without \`since\` to start over.`);
  }
}

function uuidBytes(id: string): Buffer {
  if (!UUID.test(id)) throw new Error(`A list id that is not a UUID cannot go into a sync token: ${id}`);
  return Buffer.from(id.replaceAll('-', ''), 'hex');
}

function uuidOf(bytes: Buffer): string {
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A 48-bit time, 0 for none: epoch ms fit until the year 10889. */
function time(value: number | null): Buffer {
  const bytes = Buffer.alloc(6);
  bytes.writeUIntBE(value ?? 0, 0, 6);
  return bytes;
}

function serialize(state: SyncState): Buffer {
  const parts: Buffer[] = [Buffer.from([FORMAT]), time(state.issuedAt), time(state.since), time(state.cut)];
  if (state.cursor) {
    const key = Buffer.from(state.cursor.afterKey, 'utf8');
    const header = Buffer.alloc(3);
    header.writeUInt8(state.cursor.lost ? 2 : 1, 0);
    header.writeUInt16BE(key.length, 1);
    parts.push(header.subarray(0, 1), uuidBytes(state.cursor.listId), header.subarray(1), key);
  } else {
    parts.push(Buffer.from([0]));
  }
  const count = Buffer.alloc(2);
  count.writeUInt16BE(state.known.size, 0);
  parts.push(count);
  for (const [listId, fingerprint] of state.known) {
    const entry = Buffer.alloc(4);
    entry.writeUInt32BE(fingerprint >>> 0, 0);
    parts.push(uuidBytes(listId), entry);
  }
  return Buffer.concat(parts);
}

/** Reads what `serialize` wrote; throws on anything else (a valid MAC makes that a bug, not an attack). */
function deserialize(bytes: Buffer): SyncState {
  let at = 0;
  const take = (length: number) => {
    if (at + length > bytes.length) throw new RangeError('short token');
    const slice = bytes.subarray(at, at + length);
    at += length;
    return slice;
  };
  const readTime = () => take(6).readUIntBE(0, 6) || null;
  if (take(1).readUInt8(0) !== FORMAT) throw new RangeError('unknown format');
  const issuedAt = readTime() ?? 0;
  const since = readTime();
  const cut = readTime();
  const cursorKind = take(1).readUInt8(0);
  let cursor: SyncCursor | null = null;
  if (cursorKind !== 0) {
    const listId = uuidOf(take(16));
    const keyLength = take(2).readUInt16BE(0);
    cursor = { listId, lost: cursorKind === 2, afterKey: take(keyLength).toString('utf8') };
  }
  const known = new Map<string, number>();
  const count = take(2).readUInt16BE(0);
  for (let i = 0; i < count; i += 1) known.set(uuidOf(take(16)), take(4).readUInt32BE(0));
  if (at !== bytes.length) throw new RangeError('trailing bytes');
  return { issuedAt, since, cut, cursor, known };
}

export function encodeSyncToken(state: SyncState, userId: string, secret: string): string {
  return sign(secret, userId, SCOPE, serialize(state).toString('base64url'));
}

/** The state inside a token this server signed for this caller; 400 for anything else (forged, edited, another user's). */
export function decodeSyncToken(token: string, userId: string, secret: string): SyncState {
  const payload = verified(secret, userId, SCOPE, token);
  if (payload === null) throw new BadRequestError(INVALID);
  try {
    return deserialize(Buffer.from(payload, 'base64url'));
  } catch {
    throw new BadRequestError(INVALID);
  }
}
