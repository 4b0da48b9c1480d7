'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect, useRef, type FormEvent, type KeyboardEvent } from 'react';
import { createListMutation } from '@/lib/query/lists';
import { Button } from '@/components/ui/button';
import { FormError } from '@/components/ui/form-error';
import { ListFields, useListFieldsForm, type ListDraft } from './list-fields';
import styles from './lists.module.css';

const EMPTY: ListDraft = { name: '', color: null };

type NewListEditorProps = {
  /** Cancel, Escape or done: the toggle takes the form's place (and the focus) again. */
  readonly onClose: () => void;
  readonly onCreated?: (() => void) | undefined;
};

/** The open "New list" form (loaded when first opened, components/lists/new-list-form.tsx); the new list opens when the server has made it. */
export function NewListEditor({ onClose, onCreated }: NewListEditorProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const { idPrefix, draft, setDraft, errors, checkedName } = useListFieldsForm(EMPTY);
  const formRef = useRef<HTMLFormElement>(null);
  const mutation = useMutation({ ...createListMutation(queryClient), onError: errors.showError });

  useEffect(() => {
    formRef.current?.querySelector<HTMLElement>('[data-autofocus]')?.focus();
  }, []);

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const name = checkedName();
    if (name === null) return;
    errors.clear();
    mutation.mutate(
      { name, color: draft.color },
      {
        onSuccess: (list) => {
          onClose();
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
    onClose();
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
        <Button variant="secondary" disabled={mutation.isPending} onClick={onClose}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
