/** The app-wide keys, read by the global handler (use-global-shortcuts.ts) and described by ./shortcut-list.ts. */

export const ADD_KEY = 'q';
export const HELP_KEY = '?';
export const SEARCH_KEY = '/';
/** `g` then one of these keys, within GO_SEQUENCE_TIMEOUT_MS, opens a view. */
export const GO_PREFIX_KEY = 'g';
export const GO_SEQUENCE_TIMEOUT_MS = 1500;
export const GO_KEYS = { today: 't', upcoming: 'u', inbox: 'i' } as const;
export type GoTarget = keyof typeof GO_KEYS;
