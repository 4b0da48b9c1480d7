'use client';

import { useId, useMemo, useState } from 'react';
import { useFormErrors } from '@/components/ui/use-form-errors';
import { colorName, LIST_COLORS } from './colors';
import { LIST_NAME_MAX } from './rights';
import styles from './lists.module.css';

export type ListDraft = { readonly name: string; readonly color: string | null };

/** A trimmed name, or what is wrong with it (the server checks again). */
function readListName(name: string): { name: string; error?: undefined } | { name?: undefined; error: string } {
  const trimmed = name.trim();
  if (trimmed === '') return { error: 'Enter a name.' };
  if (trimmed.length > LIST_NAME_MAX) return { error: `Names are at most ${LIST_NAME_MAX} characters.` };
  return { name: trimmed };
}

const nameFieldId = (idPrefix: string) => `${idPrefix}-name`;

/**
 * What a form around ListFields holds: the fields' id prefix, the draft, the errors (whose summary links
 * to the name field ListFields draws) and `checkedName`, the trimmed name, or null once what is wrong
 * with it is shown on the field.
 */
export function useListFieldsForm(initial: ListDraft) {
  const idPrefix = useId();
  const fieldIds = useMemo(() => ({ name: nameFieldId(idPrefix) }), [idPrefix]);
  const errors = useFormErrors(fieldIds);
  const [draft, setDraft] = useState<ListDraft>(initial);
  const checkedName = (): string | null => {
    const { name, error } = readListName(draft.name);
    if (error === undefined) return name;
    errors.show({ name: error });
    return null;
  };
  return { idPrefix, draft, setDraft, errors, checkedName };
}

type ListFieldsProps = {
  /** Unique per form: the fields' ids start with it. */
  readonly idPrefix: string;
  readonly draft: ListDraft;
  readonly onChange: (draft: ListDraft) => void;
  readonly nameError?: string | undefined;
  readonly autoFocus?: boolean;
};

/** A list's name and its colour from the palette (radio buttons drawn as swatches). */
export function ListFields({ idPrefix, draft, onChange, nameError, autoFocus = false }: ListFieldsProps) {
  const nameId = nameFieldId(idPrefix);
  const errorId = `${nameId}-error`;
  const custom = draft.color !== null && !LIST_COLORS.some((option) => option.value === draft.color);
  const options = [
    { value: null, name: 'No colour' },
    ...LIST_COLORS,
    ...(custom ? [{ value: draft.color, name: 'Custom' }] : []),
  ];

  return (
    <>
      <div className={['field', nameError ? 'field-invalid' : null].filter(Boolean).join(' ')}>
        <label htmlFor={nameId} className="field-label">
          Name
        </label>
        {nameError ? (
          <p id={errorId} className="field-error">
            <span className="visually-hidden">Error: </span>
            {nameError}
          </p>
        ) : null}
        <input
          id={nameId}
          name="name"
          className="input"
          autoComplete="off"
          required
          maxLength={LIST_NAME_MAX}
          value={draft.name}
          onChange={(event) => onChange({ ...draft, name: event.target.value })}
          aria-invalid={nameError ? true : undefined}
          aria-describedby={nameError ? errorId : undefined}
          data-autofocus={autoFocus || undefined}
        />
      </div>
      <fieldset className={styles.colors}>
        <legend className="field-label">
          Colour{' '}
          <span className={styles.colorChoice} aria-hidden="true">
            {colorName(draft.color)}
          </span>
        </legend>
        <div className={styles.swatches}>
          {options.map((option) => (
            <label key={option.value ?? 'none'} className={styles.swatchLabel} title={option.name}>
              <input
                type="radio"
                name={`${idPrefix}-color`}
                className={styles.swatchInput}
                checked={draft.color === option.value}
                onChange={() => onChange({ ...draft, color: option.value })}
              />
              <span
                className={option.value ? styles.swatch : `${styles.swatch} ${styles.swatchNone}`}
                style={option.value ? { background: option.value } : undefined}
                aria-hidden="true"
              />
              <span className="visually-hidden">{option.name}</span>
            </label>
          ))}
        </div>
      </fieldset>
    </>
  );
}
