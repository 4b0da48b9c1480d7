import { z } from 'zod';
import { orderKeySchema } from '../order-key';
import { FORBIDDEN_IN_LINE, isCleanLine } from '../text-rules';
import { GRANTABLE_ROLES, LIST_NAME_MAX, type GrantableRole, type Role } from './rights';

/** The List, Member and Invitation contracts of SPEC §6.1 and the validation of their inputs. */

export { CAN, GRANTABLE_ROLES, LIST_NAME_MAX, ROLES, roleAllows, type GrantableRole, type Right, type Role } from './rights';

export type List = {
  readonly id: string;
  readonly name: string;
  readonly color: string | null;
  readonly inbox: boolean;
  readonly role: Role;
  /** The caller's own sort key for this list among theirs. */
  readonly position: string;
  readonly ownerId: string;
  /** More than one member. */
  readonly shared: boolean;
  readonly counts: { readonly open: number; readonly overdue: number };
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
};

export type Member = { readonly userId: string; readonly email: string; readonly name: string | null; readonly role: Role };

export type InvitationStatus = 'pending' | 'accepted' | 'declined';
export type Invitation = {
  readonly id: string;
  readonly listId: string;
  readonly listName: string;
  readonly email: string;
  readonly role: GrantableRole;
  readonly invitedBy: string;
  readonly status: InvitationStatus;
  readonly expiresAt: string;
};

export const INBOX_NAME = 'Inbox';
export const INVITATION_DAYS = 14;
/** Quotas (SPEC §6.4), checked before anything is written. */
export const MAX_OWNED_LISTS = 200;
export const MAX_MEMBERS_PER_LIST = 50;

const nameSchema = z
  .string({ error: 'Enter a name.' })
  .trim()
  .min(1, 'Enter a name.')
  .max(LIST_NAME_MAX, `Names are at most ${LIST_NAME_MAX} characters.`)
  .refine(isCleanLine, FORBIDDEN_IN_LINE);

const colorSchema = z
  .string({ error: 'Colours look like #1a73e8.' })
  .regex(/^#[0-9a-fA-F]{6}$/, 'Colours look like #1a73e8.')
  .transform((color) => color.toLowerCase());


export const createListSchema = z.strictObject({
  name: nameSchema,
  color: colorSchema.nullish().transform((value) => value ?? null),
});
export type CreateListInput = z.infer<typeof createListSchema>;

export const updateListSchema = z
  .strictObject({ name: nameSchema.optional(), color: colorSchema.nullable().optional(), position: orderKeySchema.optional() })
  .refine((patch) => Object.keys(patch).length > 0, 'Send at least one field to change.');
export type UpdateListInput = z.infer<typeof updateListSchema>;

const grantableRoleSchema = z.enum(GRANTABLE_ROLES, { error: 'role is editor or viewer.' });

export const inviteSchema = z.strictObject({
  email: z.email({ error: 'Enter an email address.' }).max(254).transform((email) => email.toLowerCase()),
  role: grantableRoleSchema,
});
export type InviteInput = z.infer<typeof inviteSchema>;

export const memberRoleSchema = z.strictObject({ role: grantableRoleSchema });

export const listIdParamSchema = z.uuid();
export const userIdParamSchema = z.string().min(1).max(128).regex(/^[\w-]+$/);
export const invitationIdParamSchema = z.uuid();
