'use client';

import { useQuery } from '@tanstack/react-query';
import { useSearchParams, usePathname } from 'next/navigation';
import { AppLink } from '@/components/ui/app-link';
import { useId } from 'react';
import { tagsOptions } from '@/lib/query/task-queries';
import { tagKey } from '@/lib/tasks/rules';
import { tagHref } from '@/components/tasks/tasks-href';
import styles from './lists.module.css';

/** The person's tags with their open counts; each opens the tag's view. Nothing shows until there is a tag. */
export function TagLinks({ onNavigate }: { readonly onNavigate?: (() => void) | undefined }) {
  const headingId = useId();
  const pathname = usePathname();
  const currentTag = useSearchParams().get('tag');
  const { data } = useQuery(tagsOptions());
  const tags = data ?? [];
  if (tags.length === 0) return null;
  return (
    <>
      <h2 id={headingId} className={styles.heading}>
        Tags
      </h2>
      <ul className={styles.rows} aria-labelledby={headingId}>
        {tags.map((tag) => {
          const current = pathname === '/' && currentTag !== null && tagKey(currentTag) === tagKey(tag.name);
          return (
            <li key={tag.name} className={current ? `${styles.row} ${styles.rowCurrent}` : styles.row}>
              <AppLink href={tagHref(tag.name)} className={styles.link} aria-current={current ? 'page' : undefined} onClick={onNavigate}>
                <span className={styles.tagMark} aria-hidden="true">
                  +
                </span>
                <span className={styles.name}>{tag.name}</span>
                {tag.open > 0 ? (
                  <span className={styles.counts}>
                    {tag.open}
                    <span className="visually-hidden"> open</span>
                  </span>
                ) : null}
              </AppLink>
            </li>
          );
        })}
      </ul>
    </>
  );
}
