'use client';

import { useId } from 'react';
import { isTaskSort, type TaskSort } from '@/lib/tasks/rules';
import styles from './tasks.module.css';

const SORT_NAMES: Record<TaskSort, string> = { manual: 'Manual', due: 'Due date', priority: 'Priority', created: 'Newest first' };

type SortMenuProps = {
  readonly value: TaskSort;
  /** Manual order exists inside one list only. */
  readonly manual: boolean;
  readonly onChange: (sort: TaskSort) => void;
};

/** How the open tasks are ordered; the choice is in the URL, so each view remembers its own. */
export function SortMenu({ value, manual, onChange }: SortMenuProps) {
  const id = useId();
  const options = (Object.keys(SORT_NAMES) as TaskSort[]).filter((sort) => manual || sort !== 'manual');
  return (
    <div className={styles.sort}>
      <label htmlFor={id} className={styles.sortLabel}>
        Sort
      </label>
      <select
        id={id}
        className={`input ${styles.sortSelect}`}
        value={value}
        onChange={(event) => {
          if (isTaskSort(event.target.value)) onChange(event.target.value);
        }}
      >
        {options.map((sort) => (
          <option key={sort} value={sort}>
            {SORT_NAMES[sort]}
          </option>
        ))}
      </select>
    </div>
  );
}
