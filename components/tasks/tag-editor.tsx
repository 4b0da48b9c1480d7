'use client';

import { useQuery } from '@tanstack/react-query';
import { AppLink } from '@/components/ui/app-link';
import { useId, useState, type KeyboardEvent } from 'react';
import { tagsOptions } from '@/lib/query/task-queries';
import { normalizeTag, tagKey, tagsProblem } from '@/lib/tasks/rules';
import { Button } from '@/components/ui/button';
import { tagHref } from './tasks-href';
import styles from './task-panel.module.css';

type TagEditorProps = {
  readonly tags: readonly string[];
  readonly disabled: boolean;
  readonly onChange: (tags: readonly string[]) => void;
};

/** A task's tags as chips (each a link to its view, with a remove button) and a field with suggestions. */
export function TagEditor({ tags, disabled, onChange }: TagEditorProps) {
  const inputId = useId();
  const suggestionsId = useId();
  const errorId = useId();
  const [text, setText] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const known = useQuery(tagsOptions());
  const taken = new Set(tags.map(tagKey));
  const suggestions = (known.data ?? []).filter((tag) => !taken.has(tagKey(tag.name)));

  function add() {
    const tag = normalizeTag(text);
    if (!tag) return;
    if (taken.has(tagKey(tag))) {
      setText('');
      return;
    }
    const next = [...tags, tag];
    const refused = tagsProblem(next);
    setProblem(refused);
    if (refused) return;
    setText('');
    onChange(next);
  }

  function handleKeyDown(event: KeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' || event.key === ',') {
      event.preventDefault();
      add();
    }
  }

  return (
    <div className={styles.section}>
      <label htmlFor={inputId} className={styles.sectionTitle}>
        Tags
      </label>
      {tags.length > 0 ? (
        <ul className={styles.chips} aria-label="Tags of this task">
          {tags.map((tag) => (
            <li key={tag} className={styles.chip}>
              <AppLink href={tagHref(tag)} prefetch={false} className={styles.chipLink}>
                <span className="visually-hidden">Show tasks tagged </span>+{tag}
              </AppLink>
              {disabled ? null : (
                <button type="button" className={styles.chipRemove} onClick={() => onChange(tags.filter((item) => item !== tag))}>
                  <span aria-hidden="true">×</span>
                  <span className="visually-hidden">Remove tag {tag}</span>
                </button>
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {disabled ? null : (
        <div className={styles.inline}>
          <input
            id={inputId}
            className="input"
            list={suggestionsId}
            autoComplete="off"
            placeholder="Add a tag"
            value={text}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? errorId : undefined}
            onChange={(event) => {
              setText(event.target.value);
              setProblem(null);
            }}
            onKeyDown={handleKeyDown}
          />
          <Button variant="secondary" onClick={add}>
            Add tag
          </Button>
          <datalist id={suggestionsId}>
            {suggestions.map((tag) => (
              <option key={tag.name} value={tag.name} />
            ))}
          </datalist>
        </div>
      )}
      {problem ? (
        <p id={errorId} role="alert" className="field-error">
          {problem}
        </p>
      ) : null}
    </div>
  );
}
