import 'server-only';
import type { Actor } from '../events/build';
import { ValidationError } from '../errors';
import { roleAllows } from '../lists/schema';
import { visibleMemberships } from '../lists/service';
import { normalizeTag, tagKey, tagsProblem } from './rules';
import { updateTask } from './service';
import { tagsOfList, tasksTagged } from './tag-entries';

/** A person's tags across the lists they see, and renaming or removing one on every task they may edit. */

export type Tag = { readonly name: string; readonly open: number; readonly total: number };

export async function tagsForUser(userId: string): Promise<Tag[]> {
  const memberships = await visibleMemberships(userId);
  const perList = await Promise.all(memberships.map(({ list }) => tagsOfList(list.list_id)));
  const merged = new Map<string, { name: string; open: number; total: number; newest: string }>();
  for (const tag of perList.flat()) {
    const existing = merged.get(tagKey(tag.name)) ?? { ...tag, open: 0, total: 0 };
    const newer = tag.newest > existing.newest ? tag : existing;
    merged.set(tagKey(tag.name), { name: newer.name, newest: newer.newest, open: existing.open + tag.open, total: existing.total + tag.total });
  }
  return [...merged.values()]
    .map(({ name, open, total }) => ({ name, open, total }))
    .sort((a, b) => a.name.localeCompare(b.name, 'en', { sensitivity: 'base' }));
}

/** Applies `retag` to every task carrying `tag` in the lists the person may edit; how many changed. */
async function retagEverywhere(actor: Actor, tag: string, retag: (tags: readonly string[]) => string[]): Promise<number> {
  const editable = (await visibleMemberships(actor.id)).filter(({ member }) => roleAllows(member.role, 'edit'));
  let changed = 0;
  for (const { list } of editable) {
    for (const ref of await tasksTagged(list.list_id, tag)) {
      await updateTask(actor, ref.taskId, (current) => ({ tags: retag(current.tags) }), undefined);
      changed += 1;
    }
  }
  return changed;
}

/** "Errands" → "errands" (a case change) or → another tag: tasks that had both keep one. */
export function renameTag(actor: Actor, from: string, to: string): Promise<number> {
  const name = normalizeTag(to);
  const problem = tagsProblem([name]);
  if (problem) throw new ValidationError([{ field: 'to', message: problem }]);
  return retagEverywhere(actor, from, (tags) => {
    const renamed = tags.map((tag) => (tagKey(tag) === tagKey(from) ? name : tag));
    return renamed.filter((tag, index) => renamed.findIndex((other) => tagKey(other) === tagKey(tag)) === index);
  });
}

export function removeTag(actor: Actor, name: string): Promise<number> {
  return retagEverywhere(actor, name, (tags) => tags.filter((tag) => tagKey(tag) !== tagKey(name)));
}
