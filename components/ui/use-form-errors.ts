import { useCallback, useState } from 'react';
import { ApiError } from '@/lib/client/api';
import type { FormErrorItem } from './form-error';

export type FieldErrors = Readonly<Partial<Record<string, string>>>;

type FormErrorState = {
  /** Increments on every failed submit so the summary re-renders (and is re-announced) each time. */
  readonly attempt: number;
  readonly error: ApiError | null;
  readonly message: string | null;
  readonly fields: FieldErrors;
  readonly items: readonly FormErrorItem[];
};

const EMPTY: FormErrorState = { attempt: 0, error: null, message: null, fields: {}, items: [] };
const UNKNOWN_ERROR = 'Something went wrong. Try again in a moment.';

/**
 * Error state for one form: field messages keyed by input name and the items of the summary.
 * `attempt` changes on every failed submit; use it as the FormError key. `fieldIds` maps input
 * names to element ids and must be a stable (module-level) object.
 */
export function useFormErrors(fieldIds: Readonly<Record<string, string>>) {
  const [state, setState] = useState<FormErrorState>(EMPTY);
  const show = useCallback(
    (fields: FieldErrors, message: string | null = null, error: ApiError | null = null) => {
      const items = Object.entries(fields).flatMap(([name, text]) =>
        text ? [{ fieldId: fieldIds[name] ?? null, message: text }] : [],
      );
      setState((previous) => ({ attempt: previous.attempt + 1, error, message, fields, items }));
    },
    [fieldIds],
  );

  /** Shows a thrown error: the server's field errors on their inputs, everything else in the summary. */
  const showError = useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError)) {
        show({}, UNKNOWN_ERROR);
        return;
      }
      const fields: Record<string, string> = {};
      const unplaced: string[] = [];
      for (const { field, message } of error.errors) {
        if (field in fieldIds && fields[field] === undefined) fields[field] = message;
        else unplaced.push(message);
      }
      const hasFields = Object.keys(fields).length > 0;
      const message = hasFields && unplaced.length === 0 ? null : [error.detail, ...unplaced].join(' ');
      show(fields, message, error);
    },
    [fieldIds, show],
  );

  const clear = useCallback(() => {
    setState((previous) => ({ ...EMPTY, attempt: previous.attempt }));
  }, []);

  const hasErrors = state.message !== null || state.items.length > 0;
  return { ...state, hasErrors, show, showError, clear };
}
