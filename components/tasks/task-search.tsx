'use client';

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { TaskFilters } from '@/lib/query/task-filters';
import styles from './tasks.module.css';
import { TASK_SEARCH_ID } from './focus';

const SEARCH_DEBOUNCE_MS = 300;

type TaskSearchProps = {
  readonly filters: TaskFilters;
  readonly shownFilters: TaskFilters;
  readonly navigate: (next: TaskFilters, history: 'push' | 'replace') => void;
};

/** Searches as you type (debounced); Enter searches at once. */
export function TaskSearch({ filters, shownFilters, navigate }: TaskSearchProps) {
  const [text, setText] = useState(filters.q);
  // The search this box last asked for, and the URL's search it last saw: a change of the URL that
  // this box did not ask for (Back, Clear search) replaces what the box shows.
  const [requested, setRequested] = useState(filters.q);
  const [seen, setSeen] = useState(filters.q);
  if (filters.q !== seen) {
    setSeen(filters.q);
    if (filters.q !== requested) {
      setRequested(filters.q);
      setText(filters.q);
    }
  }

  const search = useCallback(
    (q: string) => {
      setRequested(q);
      navigate({ ...shownFilters, q }, 'replace');
    },
    [navigate, shownFilters],
  );

  useEffect(() => {
    const q = text.trim();
    if (q === requested) return;
    const timer = window.setTimeout(() => search(q), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [text, requested, search]);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const q = text.trim();
    if (q !== requested) search(q);
  }

  return (
    <form role="search" className={styles.search} onSubmit={handleSubmit}>
      <label htmlFor={TASK_SEARCH_ID} className="visually-hidden">
        Search tasks
      </label>
      <input
        id={TASK_SEARCH_ID}
        type="search"
        className="input"
        placeholder="Search tasks"
        autoComplete="off"
        spellCheck={false}
        maxLength={200}
        value={text}
        onChange={(event) => setText(event.target.value)}
      />
    </form>
  );
}

