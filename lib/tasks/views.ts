import 'server-only';
import { TODOS_INDEX } from '../data/tables';
import type { IndexRead } from './repository';
import type { StatusFilter, TaskSort } from './schema';

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


/** The filter of a search (`q` in title or description, `label` among attachment labels), or none. */
export function searchFilter(q: string, label: string): IndexRead['filter'] | undefined {
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
  return conditions.length > 0 ? { expression: conditions.join(' AND '), names, values } : undefined;
}
