import { BatchGetCommand, type DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { LIST_SK, listPk, memberSk, type ListItem, type MemberItem } from './items';
import { roleAllows, type Right } from './rights';

/**
 * The read and the rule behind every list access check, as plain code: the app's check
 * (lib/lists/access.ts) and the reminder consumer (which runs without the app's configuration) share them.
 */

export type ListAndMember = { list: ListItem | null; member: MemberItem | null };

/** Where the lists live: the client and the `lists` table's name. */
export type ListsTable = { readonly client: DynamoDBDocumentClient; readonly LISTS_TABLE: string };

/** The list and one person's membership, read consistently in one round trip. */
export async function readListAndMember(db: ListsTable, listId: string, userId: string): Promise<ListAndMember> {
  const { Responses } = await db.client.send(
    new BatchGetCommand({
      RequestItems: {
        [db.LISTS_TABLE]: {
          Keys: [
            { pk: listPk(listId), sk: LIST_SK },
            { pk: listPk(listId), sk: memberSk(userId) },
          ],
          ConsistentRead: true,
        },
      },
    }),
  );
  const items = Responses?.[db.LISTS_TABLE] ?? [];
  return {
    list: (items.find((item) => item.sk === LIST_SK) as ListItem | undefined) ?? null,
    member: (items.find((item) => item.sk === memberSk(userId)) as MemberItem | undefined) ?? null,
  };
}

/** Whether the person is a member of a list that is not being deleted: a non-member sees nothing. */
export function isVisible(found: ListAndMember): found is { list: ListItem; member: MemberItem } {
  return found.list !== null && found.member !== null && !found.list.deleting;
}

export function mayDo(member: MemberItem, right: Right): boolean {
  return roleAllows(member.role, right);
}
