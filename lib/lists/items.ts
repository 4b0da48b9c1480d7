import { createHash } from 'node:crypto';
import type { GrantableRole, InvitationStatus, Role } from './schema';

/**
 * How lists, memberships and invitations are stored in the `lists` table (docs/data-model.md). Plain
 * code (no server-only): the repository and the migration build items here.
 */

export type ListItem = {
  readonly pk: string;
  readonly sk: 'LIST';
  readonly list_id: string;
  readonly name: string;
  readonly color?: string;
  readonly owner_id: string;
  readonly inbox: boolean;
  readonly version: number;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** Set while a delete is in progress: access checks answer 404 from then on. */
  readonly deleting?: boolean;
};

export type MemberItem = {
  readonly pk: string;
  readonly sk: string;
  readonly list_id: string;
  readonly user_id: string;
  readonly role: Role;
  readonly email: string;
  readonly name?: string;
  readonly position: string;
  readonly joinedAt: string;
  readonly member_id: string;
  readonly member_position: string;
};

export type InvitationItem = {
  readonly pk: string;
  readonly sk: string;
  readonly invitation_id: string;
  readonly list_id: string;
  readonly list_name: string;
  readonly email: string;
  readonly role: GrantableRole;
  readonly invited_by: string;
  readonly invited_by_id: string;
  readonly status: InvitationStatus;
  readonly createdAt: string;
  readonly expiresAt: string;
  /** TTL (epoch seconds): DynamoDB removes the invitation a while after it expired. */
  readonly expires_at: number;
  readonly invitee_email: string;
  readonly invited_at: string;
};

export const listPk = (listId: string) => `L#${listId}`;
export const LIST_SK = 'LIST';
export const memberSk = (userId: string) => `M#${userId}`;
export const invitationSk = (invitationId: string) => `I#${invitationId}`;

export function listItem(fields: Omit<ListItem, 'pk' | 'sk'>): ListItem {
  return { pk: listPk(fields.list_id), sk: LIST_SK, ...fields };
}

export function memberItem(fields: Omit<MemberItem, 'pk' | 'sk' | 'member_id' | 'member_position'>): MemberItem {
  return {
    pk: listPk(fields.list_id),
    sk: memberSk(fields.user_id),
    ...fields,
    member_id: fields.user_id,
    member_position: `${fields.position}#${fields.list_id}`,
  };
}

export function invitationItem(fields: Omit<InvitationItem, 'pk' | 'sk' | 'invitee_email' | 'invited_at' | 'expires_at'>): InvitationItem {
  return {
    pk: listPk(fields.list_id),
    sk: invitationSk(fields.invitation_id),
    ...fields,
    expires_at: Math.floor(Date.parse(fields.expiresAt) / 1000) + 30 * 24 * 60 * 60,
    invitee_email: fields.email,
    invited_at: `${fields.createdAt}#${fields.invitation_id}`,
  };
}


/** The Inbox's id is derived from its owner, so creating it twice (two first requests at once) is harmless. */
export function inboxIdFor(userId: string): string {
  const hex = createHash('sha256').update(`todoer-inbox:${userId}`).digest('hex');
  // An RFC 9562 version 8 (custom) UUID: set the version and variant bits.
  const variant = ((parseInt(hex[16]!, 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The Inbox sorts before every other list: fractional-indexing's keys all start with a letter. */
export const INBOX_POSITION = '0';
