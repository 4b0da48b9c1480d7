'use client';

import { useId, useState } from 'react';
import type { TaskFilters } from '@/lib/query/task-queries';
import { AddTaskForm } from './add-task-form';
import { QuickAdd } from './quick-add';
import styles from './tasks.module.css';

/** Quick add first; the full form (description, date picker, priority) behind "More options". */
export function AddTaskArea({ filters }: { readonly filters: TaskFilters }) {
  const formId = useId();
  const [more, setMore] = useState(false);
  return (
    <div className={styles.addArea}>
      <QuickAdd listId={filters.listId} />
      <button type="button" className={styles.moreToggle} aria-expanded={more} aria-controls={formId} onClick={() => setMore((open) => !open)}>
        {more ? 'Fewer options' : 'More options'}
      </button>
      <div id={formId} hidden={!more}>
        {more ? <AddTaskForm filters={filters} /> : null}
      </div>
    </div>
  );
}
