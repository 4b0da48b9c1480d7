'use client';

import { useEffect, useId, useRef, type ReactNode } from 'react';

type DialogProps = {
  readonly open: boolean;
  /** Called whenever the dialog closes (Escape included); the parent then sets `open` to false. */
  readonly onClose: () => void;
  readonly title: string;
  readonly description?: ReactNode;
  /** When false, Escape does nothing (e.g. while a request is in flight). */
  readonly dismissible?: boolean;
  readonly children: ReactNode;
};

/**
 * A modal built on the native <dialog>: the browser traps focus and makes the page inert.
 * On open, focus goes to the element marked `data-autofocus` (or the first focusable one);
 * on close it returns to whatever opened the dialog.
 */
export function Dialog({ open, onClose, title, description, dismissible = true, children }: DialogProps) {
  const dialogRef = useRef<HTMLDialogElement>(null);
  const openerRef = useRef<HTMLElement | null>(null);
  const titleId = useId();
  const descriptionId = useId();

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) {
      openerRef.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
      dialog.showModal();
      dialog.querySelector<HTMLElement>('[data-autofocus]')?.focus();
    } else if (!open && dialog.open) {
      dialog.close();
    }
  }, [open]);

  return (
    <dialog
      ref={dialogRef}
      className="dialog"
      aria-labelledby={titleId}
      aria-describedby={description ? descriptionId : undefined}
      onCancel={(event) => {
        if (!dismissible) {
          event.preventDefault();
          return;
        }
        // Escape closes the dialog at once but its close event comes a task later, after any key already
        // pressed: tell the parent now, so a key that reopens the dialog finds it closed.
        onClose();
      }}
      onClose={(event) => {
        // A close event from before the dialog was opened again is stale: acting on it would close it.
        if (event.currentTarget.open) return;
        // Fires however the dialog closed (Escape, our effect); keep the parent's state in step.
        onClose();
        const opener = openerRef.current;
        openerRef.current = null;
        if (opener?.isConnected) opener.focus();
      }}
    >
      {open ? (
        <div className="dialog-body">
          <h2 id={titleId} className="dialog-title">
            {title}
          </h2>
          {description ? (
            <div id={descriptionId} className="dialog-description">
              {description}
            </div>
          ) : null}
          {children}
        </div>
      ) : null}
    </dialog>
  );
}
