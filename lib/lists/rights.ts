/**
 * Roles and what each may do, and the list-name limit: plain data, so the browser hides what a role
 * cannot do by the same rule the server enforces (lib/lists/access.ts), without loading zod.
 */

export const ROLES = ['owner', 'editor', 'viewer'] as const;
export type Role = (typeof ROLES)[number];
/** The roles an invitation or a role change may give; there is one owner, who made the list. */
export const GRANTABLE_ROLES = ['editor', 'viewer'] as const;
export type GrantableRole = (typeof GRANTABLE_ROLES)[number];

export const LIST_NAME_MAX = 100;

/** What each role may do; the one place that says so (the service checks, the UI hides controls). */
export const CAN = {
  read: ['owner', 'editor', 'viewer'],
  edit: ['owner', 'editor'],
  own: ['owner'],
} as const satisfies Record<string, readonly Role[]>;
export type Right = keyof typeof CAN;

export function roleAllows(role: Role, right: Right): boolean {
  return (CAN[right] as readonly Role[]).includes(role);
}
