'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '@/lib/client/api';
import { deleteTagMutation, renameTagMutation } from '@/lib/query/tag-mutations';
import { normalizeTag, TAG_MAX, tagsProblem } from '@/lib/tasks/rules';
import { Button } from '@/components/ui/button';
import { Dialog } from '@/components/ui/dialog';
import { tagHref } from './tasks-href';

function problemOf(error: unknown): string {
  return error instanceof ApiError ? error.detail : 'Try again in a moment.';
}

export type TagDialogKind = 'rename' | 'delete';

type TagDialogsProps = {
  readonly tag: string;
  readonly kind: TagDialogKind;
  readonly open: boolean;
  readonly onClose: () => void;
};

/** Renaming or deleting a tag on every task the person may edit (loaded when first asked for, components/tasks/tag-menu.tsx). */
export function TagDialogs({ tag, kind, open, onClose }: TagDialogsProps) {
  const router = useRouter();
  const queryClient = useQueryClient();
  const inputId = useId();
  const [name, setName] = useState(tag);
  const [problem, setProblem] = useState<string | null>(null);
  const rename = useMutation(renameTagMutation(queryClient));
  const remove = useMutation(deleteTagMutation(queryClient));

  function submitRename(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const to = normalizeTag(name);
    const refused = tagsProblem([to]);
    if (refused) {
      setProblem(refused);
      return;
    }
    rename.mutate(
      { from: tag, to },
      {
        onSuccess: () => {
          onClose();
          router.replace(tagHref(to));
        },
        onError: (error) => setProblem(`The tag was not renamed. ${problemOf(error)}`),
      },
    );
  }

  function confirmDelete() {
    remove.mutate(tag, {
      onSuccess: () => {
        onClose();
        router.replace('/');
      },
      onError: (error) => setProblem(`The tag was not deleted. ${problemOf(error)}`),
    });
  }

  return kind === 'rename' ? (
    <Dialog open={open} onClose={onClose} title={`Rename “${tag}”`} description="Every task you can edit gets the new name." dismissible={!rename.isPending}>
      <form className="form" noValidate onSubmit={submitRename}>
        <div className={problem ? 'field field-invalid' : 'field'}>
          <label htmlFor={inputId} className="field-label">
            New name
          </label>
          {problem ? (
            <p id={`${inputId}-error`} className="field-error">
              {problem}
            </p>
          ) : null}
          <input
            id={inputId}
            className="input"
            data-autofocus
            autoComplete="off"
            maxLength={TAG_MAX}
            value={name}
            aria-invalid={problem ? true : undefined}
            aria-describedby={problem ? `${inputId}-error` : undefined}
            onChange={(event) => setName(event.target.value)}
          />
        </div>
        <div className="button-row">
          <Button type="submit" pending={rename.isPending} pendingLabel="Renaming…">
            Rename
          </Button>
          <Button variant="secondary" disabled={rename.isPending} onClick={onClose}>
            Cancel
          </Button>
        </div>
      </form>
    </Dialog>
  ) : (
    <Dialog open={open} onClose={onClose} title={`Delete the tag “${tag}”?`} description="The tag comes off every task you can edit; the tasks stay." dismissible={!remove.isPending}>
      {problem ? (
        <p role="alert" className="field-error">
          {problem}
        </p>
      ) : null}
      <div className="button-row">
        <Button variant="danger" pending={remove.isPending} pendingLabel="Deleting…" onClick={confirmDelete}>
          Delete tag
        </Button>
        <Button variant="secondary" data-autofocus disabled={remove.isPending} onClick={onClose}>
          Cancel
        </Button>
      </div>
    </Dialog>
  );
}
