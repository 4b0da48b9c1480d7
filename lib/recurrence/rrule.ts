import * as rruleModule from 'rrule';

/**
 * The rrule library as one object under both loaders: bundlers read its ES module build, while
 * Node's ESM loader (unit tests, the worker under tsx) only sees the UMD build's default export.
 */
const library = (rruleModule as typeof rruleModule & { readonly default?: typeof rruleModule }).default ?? rruleModule;

export const { RRule, Weekday } = library;
export type RRuleOptions = ConstructorParameters<typeof library.RRule>[0];
