import { generateKeyBetween } from 'fractional-indexing';

/**
 * Manual order: a task that moves gets one new position key between its new neighbours', so a move
 * writes one task (SPEC §6.2). Keys compare as plain strings, as the manual index does.
 */

/**
 * The key that puts the item at `from` in place `to` of `positions` (the list's keys in order), or
 * null when it does not move or its neighbours leave no room (equal keys).
 */
export function positionForMove(positions: readonly string[], from: number, to: number): string | null {
  if (from === to || from < 0 || from >= positions.length || to < 0 || to >= positions.length) return null;
  const others = positions.filter((_, index) => index !== from);
  const before = others[to - 1] ?? null;
  const after = others[to] ?? null;
  if (before !== null && after !== null && before >= after) return null;
  try {
    return generateKeyBetween(before, after);
  } catch {
    return null;
  }
}

/** The index one place up or down, or null at that end. */
export function stepIndex(index: number, count: number, direction: 'up' | 'down'): number | null {
  const next = direction === 'up' ? index - 1 : index + 1;
  return next >= 0 && next < count ? next : null;
}
