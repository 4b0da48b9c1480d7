'use client';

import { useEffect, useRef, type ReactNode } from 'react';

export type FormErrorItem = { readonly fieldId: string | null; readonly message: string };

type FormErrorProps = {
  readonly message: string | null;
  readonly items?: readonly FormErrorItem[];
  /** Extra actions, e.g. a link to confirm the account. */
  readonly children?: ReactNode;
};

/**
 * The error summary of a form: announced as an alert, each item links to its field, and it takes
 * focus when it appears. Give it a new `key` per failed submit so it re-announces and re-focuses.
 */
export function FormError({ message, items = [], children }: FormErrorProps) {
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    ref.current?.focus();
  }, []);

  return (
    <div ref={ref} role="alert" tabIndex={-1} className="form-error">
      <p className="form-error-title">There is a problem</p>
      {message ? <p>{message}</p> : null}
      {items.length > 0 ? (
        <ul className="form-error-list">
          {items.map((item) => (
            <li key={`${item.fieldId ?? 'form'}:${item.message}`}>
              {item.fieldId ? (
                <a
                  href={`#${item.fieldId}`}
                  onClick={(event) => {
                    const field = document.getElementById(item.fieldId ?? '');
                    if (!field) return;
                    event.preventDefault();
                    field.focus();
                  }}
                >
                  {item.message}
                </a>
              ) : (
                item.message
              )}
            </li>
          ))}
        </ul>
      ) : null}
      {children}
    </div>
  );
}
