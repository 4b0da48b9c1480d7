'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useMemo, type FormEvent } from 'react';
import { ApiError } from '@/lib/client/api';
import type { ListChanges } from '@/lib/client/lists';
import type { List } from '@/lib/lists/schema';
import { updateListMutation } from '@/lib/query/lists';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormError } from '@/components/ui/form-error';
import { ListFields, useListFieldsForm } from './list-fields';

type EditListDialogProps = { readonly list: List; readonly open: boolean; readonly onClose: () => void };

/**
 * Rename and recolour (owner). The sidebar shows the change at once; the dialog stays open until the
 * server agrees, so a refusal keeps what was typed beside the reason.
 */
export function EditListDialog({ list, open, onClose }: EditListDialogProps) {
  const queryClient = useQueryClient();
  const { idPrefix, draft, setDraft, errors, checkedName } = useListFieldsForm({ name: list.name, color: list.color });
  const base = useMemo(() => updateListMutation(queryClient), [queryClient]);
  const mutation = useMutation({
    ...base,
    onError: (error, variables, result, context) => {
      void base.onError?.(error, variables, result, context);
      if (error instanceof ApiError && error.status === 412) {
        errors.show({}, 'This list was changed elsewhere in the meantime. Check the name and colour, then save again.');
      } else {
        errors.showError(error);
      }
    },
  });

  function handleSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    if (mutation.isPending) return;
    const name = checkedName();
    if (name === null) return;
    const changes: ListChanges = {
      ...(name !== list.name ? { name } : {}),
      ...(draft.color !== list.color ? { color: draft.color } : {}),
    };
    if (Object.keys(changes).length === 0) {
      onClose();
      return;
    }
    errors.clear();
    mutation.mutate({ list, changes }, { onSuccess: onClose });
  }

  return (
    <Dialog open={open} onClose={onClose} dismissible={!mutation.isPending} title={`Edit “${list.name}”`}>
      <form className="form" noValidate onSubmit={handleSubmit}>
        {errors.hasErrors ? <FormError key={errors.attempt} message={errors.message} items={errors.items} /> : null}
        <ListFields idPrefix={idPrefix} draft={draft} onChange={setDraft} nameError={errors.fields.name} autoFocus />
        <div className="button-row">
          <Button type="submit" pending={mutation.isPending} pendingLabel="Saving…">
            Save
          </Button>
          <Button variant="secondary" disabled={mutation.isPending} onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  );
}
