import styles from './lists.module.css';

/** A list's colour as a dot (decorative: the list's name says which list it is). */
export function ListDot({ color, className }: { readonly color: string | null; readonly className?: string }) {
  return (
    <span
      className={[styles.dot, color ? null : styles.dotNone, className].filter(Boolean).join(' ')}
      style={color ? { background: color } : undefined}
      aria-hidden="true"
    />
  );
}
