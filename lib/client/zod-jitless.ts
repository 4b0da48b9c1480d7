/**
 * Tells zod, before it loads, not to compile parsers with `new Function`: probing for that is an eval the
 * page's Content-Security-Policy refuses (and reports). Zod keeps its settings on this global so that
 * every copy of it shares them; writing it directly keeps zod itself out of pages that never parse with it
 * (the task page), instead of importing `config` from zod into every page's first load.
 * tests/unit/zod-jitless.test.ts checks that zod still reads the setting from here.
 */
type ZodGlobal = typeof globalThis & { __zod_globalConfig?: { jitless?: boolean } };

export function makeZodJitless(): void {
  const scope = globalThis as ZodGlobal;
  scope.__zod_globalConfig ??= {};
  scope.__zod_globalConfig.jitless = true;
}
