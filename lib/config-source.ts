import type { z } from 'zod';

/**
 * Shared by the server's and the consumers' configuration: both read process.env through a zod schema
 * and report every problem at once. Imports nothing server-only, so the Lambda bundles can use it.
 */

export type RawEnv = Record<string, string | undefined>;

/** Unset and empty variables alike count as missing (an empty `FOO=` in a task definition is a mistake). */
export function withoutEmpty(raw: RawEnv): RawEnv {
  return Object.fromEntries(Object.entries(raw).filter(([, value]) => value !== undefined && value !== ''));
}

/** "NAME is missing" or "NAME <what is wrong>", one per issue. */
export function configProblems(error: z.ZodError, source: RawEnv): string[] {
  return error.issues.map((issue) => {
    const name = issue.path.join('.');
    return source[name] === undefined ? `${name} is missing` : `${name} ${issue.message}`;
  });
}
