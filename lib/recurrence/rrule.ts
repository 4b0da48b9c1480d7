import * as rruleModule from 'rrule';

/**
 * The rrule library as one object under both loaders: bundlers read its ES module build, while
 * Node's ESM loader (unit tests, the worker under tsx) only sees the UMD build's default export.
 */
// Read by name at run time: a bundler that sees `.default` on a module without one may refuse it.
const library = (Reflect.get(rruleModule, 'default') as typeof rruleModule | undefined) ?? rruleModule;

export const { RRule, Weekday } = library;
export type RRuleOptions = ConstructorParameters<typeof library.RRule>[0];
