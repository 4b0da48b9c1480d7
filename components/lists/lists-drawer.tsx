'use client';

import { usePathname } from 'next/navigation';
import { useEffect, useId, useRef, useState } from 'react';
import { CloseIcon, MenuIcon } from './icons';
import { ListSidebar } from './list-sidebar';
import styles from './lists.module.css';

/**
 * On phones the lists live in a drawer: a modal <dialog> (the browser traps focus and Escape closes
 * it), opened from the header, closed again by any navigation.
 */
export function ListsDrawer() {
  const [open, setOpen] = useState(false);
  const dialogRef = useRef<HTMLDialogElement>(null);
  const buttonRef = useRef<HTMLButtonElement>(null);
  const titleId = useId();
  const pathname = usePathname();
  const [openedAt, setOpenedAt] = useState(pathname);

  // A navigation from inside the drawer (a list, All tasks, a new list) closes it.
  if (open && pathname !== openedAt) {
    setOpen(false);
    setOpenedAt(pathname);
  }

  useEffect(() => {
    const dialog = dialogRef.current;
    if (!dialog) return;
    if (open && !dialog.open) dialog.showModal();
    else if (!open && dialog.open) dialog.close();
  }, [open]);

  return (
    <>
      <button
        ref={buttonRef}
        type="button"
        className={styles.drawerButton}
        aria-haspopup="dialog"
        aria-expanded={open}
        onClick={() => {
          setOpenedAt(pathname);
          setOpen(true);
        }}
      >
        <MenuIcon />
        Lists
      </button>
      <dialog
        ref={dialogRef}
        className={styles.drawer}
        aria-labelledby={titleId}
        onClose={(event) => {
          // React hands this dialog the close events of dialogs opened inside it too (edit, delete, share).
          if (event.target !== event.currentTarget) return;
          setOpen(false);
          if (buttonRef.current?.checkVisibility()) buttonRef.current.focus();
        }}
        onClick={(event) => {
          // A click on the backdrop lands on the dialog element itself.
          if (event.target === event.currentTarget) setOpen(false);
        }}
      >
        {open ? (
          <div className={styles.drawerBody}>
            <div className={styles.drawerHead}>
              <h2 id={titleId} className={styles.drawerTitle}>
                Your lists
              </h2>
              <button type="button" className={styles.drawerClose} onClick={() => setOpen(false)}>
                <CloseIcon />
                <span className="visually-hidden">Close lists</span>
              </button>
            </div>
            <ListSidebar onNavigate={() => setOpen(false)} />
          </div>
        ) : null}
      </dialog>
    </>
  );
}
