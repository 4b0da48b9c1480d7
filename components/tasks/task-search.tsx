'use client';

import { useCallback, useEffect, useState, type FormEvent } from 'react';
import type { TaskFilters } from '@/lib/query/task-filters';
import styles from './tasks.module.css';
import { TASK_SEARCH_ID } from './focus';

const SEARCH_DEBOUNCE_MS = 300;

export type SearchBox = {
  /** What the box shows. */
  readonly text: string;
  /** The trimmed text, which the rows follow at once (the URL, and so the server, once typing pauses). */
  readonly typed: string;
  readonly setText: (text: string) => void;
  /** Enter: search now. */
  readonly submit: () => void;
};

/**
 * The search box's state, kept by the page so the rows can follow what is typed before the URL does.
 * Searches as you type (debounced); Enter searches at once. A change of the URL that this box did not
 * ask for (Back, Clear search) replaces what the box shows.
 */
export function useSearchBox(filters: TaskFilters, shownFilters: TaskFilters, navigate: (next: TaskFilters, history: 'push' | 'replace') => void): SearchBox {
  const [text, setText] = useState(filters.q);
  // The search this box last asked for, and the URL's search it last saw.
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

  const typed = text.trim();
  useEffect(() => {
    if (typed === requested) return;
    const timer = window.setTimeout(() => search(typed), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [typed, requested, search]);

  const submit = useCallback(() => {
    if (typed !== requested) search(typed);
  }, [typed, requested, search]);

  return { text, typed, setText, submit };
}

export function TaskSearch({ box }: { readonly box: SearchBox }) {
  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    box.submit();
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
        value={box.text}
        onChange={(event) => box.setText(event.target.value)}
      />
    </form>
  );
}
