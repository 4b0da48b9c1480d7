'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useId, useMemo, useRef, useState, type FormEvent, type KeyboardEvent } from 'react';
import { createListMutation } from '@/lib/query/lists';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { PlusIcon } from './icons';
import { ListFields, readListName, type ListDraft } from './list-fields';
import styles from './lists.module.css';

const EMPTY: ListDraft = { name: '', color: null };

/** "New list": an inline form under the lists; the new list opens when the server has made it. */
export function NewListForm({ onCreated }: { readonly onCreated?: (() => void) | undefined }) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const idPrefix = useId();
  const fieldIds = useMemo(() => ({ name: `${idPrefix}-name` }), [idPrefix]);
  const errors = useFormErrors(fieldIds);
  const [open, setOpen] = useState(false);
  const [draft, setDraft] = useState<ListDraft>(EMPTY);
  const toggleRef = useRef<HTMLButtonElement>(null);
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({ ...createListMutation(queryClient), onError: errors.showError });

  useEffect(() => {
    if (open) formRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, [open]);

  function close() {
    setOpen(false);
    setDraft(EMPTY);
    errors.clear();
    requestAnimationFrame(() => toggleRef.current?.focus());
  }

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const { name, error } = readListName(draft.name);
    if (error !== undefined) {
      errors.show({ name: error });
      return;
    }
    errors.clear();
    mutation.mutate(
      { name, color: draft.color },
      {
        onSuccess: (list) => {
          close();
          router.push(`/lists/${encodeURIComponent(list.id)}`);
          onCreated?.();
        },
      },
    );
  }

  function handleKeyDown(event: KeyboardEvent<HTMLFormElement>) {
    if (event.key !== 'Escape' || mutation.isPending) return;
    // Inside the phone drawer, Escape closes this form first.
    event.preventDefault();
    event.stopPropagation();
    close();
  }

  if (!open) {
    return (
      <button ref={toggleRef} type="button" className={styles.newList} onClick={() => setOpen(true)}>
        <PlusIcon className={styles.icon} />
        New list
      </button>
    );
  }

  return (
    <form
      ref={formRef}
      className={`form ${styles.newListForm}`}
      aria-labelledby={`${idPrefix}-title`}
      noValidate
      onSubmit={handleSubmit}
      onKeyDown={handleKeyDown}
    >
      <h3 id={`${idPrefix}-title`} className={styles.formTitle}>
        New list
      </h3>
      {errors.hasErrors ? <FormError key={errors.attempt} message={errors.message} items={errors.items} /> : null}
      <ListFields idPrefix={idPrefix} draft={draft} onChange={setDraft} nameError={errors.fields.name} autoFocus />
      <div className="button-row">
        <Button type="submit" pending={mutation.isPending} pendingLabel="Adding…">
          Add list
        </Button>
        <Button variant="secondary" disabled={mutation.isPending} onClick={close}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
