import 'server-only';
import { TODOS_INDEX } from '../data/tables';
import type { IndexRead } from './repository';
import { addDays, wallClock } from '../time-zone';
import { tagKey } from './rules';
import { UPCOMING_DAYS, type StatusFilter, type TaskSort, type TaskView } from './schema';

/** Which index serves which view, in which direction (docs/data-model.md, the `todos` indexes). */

type ViewIndex = Pick<IndexRead, 'index' | 'rangeKey' | 'descending'>;

const OPEN_BY_SORT: Record<TaskSort, ViewIndex> = {
  created: { index: TODOS_INDEX.listOpen, rangeKey: 'open_created', descending: true },
  manual: { index: TODOS_INDEX.listManual, rangeKey: 'open_position', descending: false },
  due: { index: TODOS_INDEX.listDue, rangeKey: 'open_due', descending: false },
  priority: { index: TODOS_INDEX.listPriority, rangeKey: 'open_priority', descending: false },
};

export function viewIndex(status: StatusFilter, sort: TaskSort): ViewIndex {
  if (status === 'done') return { index: TODOS_INDEX.listDone, rangeKey: 'done_at', descending: true };
  if (status === 'all') return { index: TODOS_INDEX.listTasks, rangeKey: 'list_created', descending: true };
  return OPEN_BY_SORT[sort];
}


/**
 * The window of the due-date index a date view reads, in the person's time zone: due keys are
 * `<date>T<time or 24:00>#…`, so a bound on "<date>T<time>" cuts exactly at a day or a minute.
 */
export function dateWindow(view: Exclude<TaskView, 'all'>, timeZone: string, now: Date = new Date()): Pick<IndexRead, 'from' | 'to'> {
  const { date: today, time } = wallClock(timeZone, now);
  // "~" sorts after "#" and every digit: the bound takes in every task of that day.
  if (view === 'today') return { to: `${today}T~` };
  if (view === 'upcoming') return { from: today, to: `${addDays(today, UPCOMING_DAYS - 1)}T~` };
  // Overdue: due on an earlier day, or earlier today at a time that has passed.
  return { to: `${today}T${time}` };
}

/** The filter of a search (`q` in title or description, `label` among attachment labels, `tag`), or none. */
export function searchFilter(q: string, label: string, tag = ''): IndexRead['filter'] | undefined {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (q) {
    names['#search'] = 'search_text';
    values[':q'] = q.toLowerCase();
    conditions.push('contains(#search, :q)');
  }
  if (label) {
    names['#labels'] = 'label_names';
    values[':label'] = label.toLowerCase();
    conditions.push('contains(#labels, :label)');
  }
  if (tag) {
    names['#tags'] = 'tag_keys';
    values[':tag'] = tagKey(tag);
    conditions.push('contains(#tags, :tag)');
  }
  return conditions.length > 0 ? { expression: conditions.join(' AND '), names, values } : undefined;
}
