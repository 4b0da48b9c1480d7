import { ApiError } from './api';

/**
 * Small zod-free checks of what the API answered: a response that is not the shape the code relies
 * on fails loudly as an ApiError here, instead of as a TypeError somewhere in a component.
 */

export type Guard<T> = (value: unknown) => value is T;

export function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function hasStrings(value: Record<string, unknown>, keys: readonly string[]): boolean {
  return keys.every((key) => typeof value[key] === 'string');
}

export function isArrayOf<T>(value: unknown, guard: Guard<T>): value is T[] {
  return Array.isArray(value) && value.every((item) => guard(item));
}

/** `{ items: T[] }`, the shape of every collection the API returns. */
export function isItemsOf<T>(value: unknown, guard: Guard<T>): value is { items: T[] } {
  return isRecord(value) && isArrayOf(value.items, guard);
}

/** The value when the guard accepts it; otherwise the error a person sees for a garbled answer. */
export function expectShape<T>(value: unknown, guard: Guard<T>, what: string): T {
  if (guard(value)) return value;
  throw new ApiError(0, 'Unexpected response', `The server sent ${what} Todoer could not read.`);
}
