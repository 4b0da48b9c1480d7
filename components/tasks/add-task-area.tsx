'use client';

import { lazy, Suspense, useId, useState } from 'react';
import type { TaskFilters } from '@/lib/query/task-filters';
import { QuickAdd } from './quick-add';
import styles from './tasks.module.css';

// The full form loads when first asked for: most tasks come in through quick add.
const AddTaskForm = lazy(() => import('./add-task-form').then((module) => ({ default: module.AddTaskForm })));

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
        {more ? (
          <Suspense fallback={<p className={styles.count}>Loading the form…</p>}>
            <AddTaskForm filters={filters} />
          </Suspense>
        ) : null}
      </div>
    </div>
  );
}
