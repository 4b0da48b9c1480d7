import 'server-only';
import { createHash } from 'node:crypto';
import { env } from './env';
import { BadRequestError } from './errors';
import { sign, verified } from './signing';

/**
 * Opaque, tamper-evident list cursors: a position (the key parts of the last item handed out) plus an
 * HMAC over the position, the owner and the list's scope (its filters). A cursor from another user,
 * another list or edited bytes is rejected with 400 before anything is read.
 */

const INVALID = 'That cursor is not valid for this list. Start again from the first page.';

/** A stable digest of the filters, so a cursor only continues the list it came from. */
export function filtersKey(filters: Record<string, string>): string {
  const canonical = JSON.stringify(Object.entries(filters).sort(([a], [b]) => a.localeCompare(b)));
  return createHash('sha256').update(canonical).digest('base64url');
}

export function encodeCursor(position: readonly string[], userId: string, scope: string): string {
  return sign(env().CURSOR_SECRET, userId, scope, Buffer.from(JSON.stringify(position)).toString('base64url'));
}

/** The position inside a valid cursor; it always has `parts` strings. */
export function decodeCursor(cursor: string, userId: string, scope: string, parts: number): string[] {
  const payload = verified(env().CURSOR_SECRET, userId, scope, cursor);
  if (payload === null) throw new BadRequestError(INVALID);
  try {
    const decoded: unknown = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
    if (Array.isArray(decoded) && decoded.length === parts && decoded.every((part) => typeof part === 'string')) {
      return decoded as string[];
    }
  } catch {
    // Falls through: a valid MAC over bytes we did not write cannot happen without the key.
  }
  throw new BadRequestError(INVALID);
}
