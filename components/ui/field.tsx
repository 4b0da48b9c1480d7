import type { ComponentProps, ReactNode } from 'react';

type FieldProps = Omit<ComponentProps<'input'>, 'id' | 'name' | 'aria-invalid' | 'aria-describedby'> & {
  readonly id: string;
  readonly name: string;
  readonly label: string;
  /** Help shown under the label and read with the input. */
  readonly hint?: ReactNode;
  /** The message for this field from the last failed submit. */
  readonly error?: string | undefined;
  /** Adds "(optional)" to the label. */
  readonly optional?: boolean;
};

/** A labelled input whose hint and error are linked with aria-describedby and aria-invalid. */
export function Field({ id, name, label, hint, error, optional = false, className, ...input }: FieldProps) {
  const hintId = hint ? `${id}-hint` : undefined;
  const errorId = error ? `${id}-error` : undefined;
  const describedBy = [errorId, hintId].filter(Boolean).join(' ') || undefined;
  return (
    <div className={['field', error ? 'field-invalid' : null, className].filter(Boolean).join(' ')}>
      <label htmlFor={id} className="field-label">
        {label}
        {optional ? <span className="field-optional"> (optional)</span> : null}
      </label>
      {hint ? (
        <p id={hintId} className="field-hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={errorId} className="field-error">
          <span className="visually-hidden">Error: </span>
          {error}
        </p>
      ) : null}
      <input {...input} id={id} name={name} className="input" aria-invalid={error ? true : undefined} aria-describedby={describedBy} />
    </div>
  );
}
