/**
 * The rules of a person's profile (name, time zone), zod-free: lib/auth/schema.ts builds the server's
 * schemas from them and the account page checks the same ones before it sends anything.
 */
import { FORBIDDEN_IN_LINE, isCleanLine } from '../text-rules';
import { isTimeZone } from '../time-zone';

export const NAME_MAX_LENGTH = 100;
export const NAME_TOO_LONG = `Names are at most ${NAME_MAX_LENGTH} characters.`;
export const TIME_ZONE_MAX_LENGTH = 64;
export const TIME_ZONE_INVALID = 'Use a time zone like Europe/Berlin.';

/** The problem with a (trimmed) name, if any; an empty name clears it. */
export function checkName(name: string): string | undefined {
  if (name.length > NAME_MAX_LENGTH) return NAME_TOO_LONG;
  if (!isCleanLine(name)) return FORBIDDEN_IN_LINE;
  return undefined;
}

/** The problem with an IANA time zone name, if any. */
export function checkTimeZone(zone: string): string | undefined {
  return zone.length > 0 && zone.length <= TIME_ZONE_MAX_LENGTH && isTimeZone(zone) ? undefined : TIME_ZONE_INVALID;
}
