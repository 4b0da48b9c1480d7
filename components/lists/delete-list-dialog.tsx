'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import type { List } from '@/lib/lists/schema';
import { deleteListMutation } from '@/lib/query/lists';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { FormError } from '@/components/ui/form-error';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { useList } from './use-lists';

const NO_FIELDS = {};

type DeleteListDialogProps = {
  readonly list: List;
  /** The page shows this list: after deleting it, go to All tasks. */
  readonly viewing: boolean;
  readonly open: boolean;
  readonly onClose: () => void;
};

/** What deleting takes with it, in words. */
export function deletionText(list: List): string {
  const open = list.counts.open;
  const tasks = open === 0 ? '' : ` and its ${open} open ${open === 1 ? 'task' : 'tasks'}`;
  const rest = open === 0 ? ', along with any completed tasks in it' : ', along with any completed ones';
  const shared = list.shared ? ' The people you shared it with lose it too.' : '';
  return `“${list.name}”${tasks} will be deleted${rest}. This can't be undone.${shared}`;
}

/** The owner's confirm before a list and its tasks go. */
export function DeleteListDialog({ list, viewing, open, onClose }: DeleteListDialogProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const errors = useFormErrors(NO_FIELDS);
  const shown = useList(list.id) ?? list;
  const mutation = useMutation({ ...deleteListMutation(queryClient), onError: errors.showError });

  function confirm() {
    errors.clear();
    mutation.mutate(shown, {
      onSuccess: () => {
        onClose();
        if (viewing) router.push('/');
      },
    });
  }

  return (
    <Dialog
      open={open}
      onClose={onClose}
      dismissible={!mutation.isPending}
      title={`Delete “${list.name}”?`}
      description={<p>{deletionText(shown)}</p>}
    >
      {errors.hasErrors ? <FormError key={errors.attempt} message={errors.message} /> : null}
      <div className="button-row">
        <Button variant="danger" pending={mutation.isPending} pendingLabel="Deleting…" onClick={confirm}>
          Delete list
        </Button>
        <Button variant="secondary" data-autofocus disabled={mutation.isPending} onClick={onClose}>
          Cancel
        </Button>
      </div>
    </Dialog>
  );
}
