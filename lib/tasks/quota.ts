import 'server-only';
import { QuotaExceededError } from '../errors';
import { findMemberships } from '../lists/repository';
import { countOpenTasks } from './repository';
import { MAX_OPEN_TASKS } from './rules';

/**
 * The open-tasks quota (SPEC §6.4), checked before a task is created, reopened or moved to another
 * account's list: it is the account that owns the list that pays, whoever adds the task. Counted from the open-task index of each list the account owns
 * (at most 200, counted in parallel) rather than kept as a counter, so no other write has to maintain
 * it and it never drifts; the price is a count read proportional to the open tasks.
 */
export async function assertRoomForOpenTasks(ownerId: string, adding = 1): Promise<void> {
  const owned = (await findMemberships(ownerId)).filter((member) => member.role === 'owner');
  const counts = await Promise.all(owned.map((member) => countOpenTasks(member.list_id)));
  if (counts.reduce((sum, count) => sum + count, 0) + adding > MAX_OPEN_TASKS) {
    throw new QuotaExceededError('open-tasks', MAX_OPEN_TASKS, `An account has at most ${MAX_OPEN_TASKS.toLocaleString('en-US')} open tasks. Complete or delete some first.`);
  }
}
