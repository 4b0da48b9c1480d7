'use client';

import { lazy, startTransition, Suspense, useRef, useState } from 'react';
import { PlusIcon } from './icons';
import styles from './lists.module.css';

// The form loads when first opened: most visits never make a list.
const NewListEditor = lazy(() => import('./new-list-editor').then((module) => ({ default: module.NewListEditor })));

/** "New list": a button under the lists that opens an inline form in its place. */
export function NewListForm({ onCreated }: { readonly onCreated?: (() => void) | undefined }) {
  const [open, setOpen] = useState(false);
  const toggleRef = useRef<HTMLButtonElement>(null);

  function close() {
    setOpen(false);
    requestAnimationFrame(() => toggleRef.current?.focus());
  }

  // A transition, under a boundary already shown: the button stays (with the focus) until the form has loaded.
  return (
    <Suspense fallback={null}>
      {open ? (
        <NewListEditor onClose={close} onCreated={onCreated} />
      ) : (
        <button ref={toggleRef} type="button" className={styles.newList} onClick={() => startTransition(() => setOpen(true))}>
          <PlusIcon className={styles.icon} />
          New list
        </button>
      )}
    </Suspense>
  );
}
