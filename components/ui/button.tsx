import type { ComponentProps } from 'react';

type ButtonProps = ComponentProps<'button'> & {
  readonly variant?: 'primary' | 'secondary' | 'danger' | 'ghost';
  /** While true the button is disabled and shows `pendingLabel` (e.g. "Signing in…"). */
  readonly pending?: boolean;
  readonly pendingLabel?: string;
};

export function Button({
  variant = 'primary',
  pending = false,
  pendingLabel,
  type = 'button',
  disabled,
  className,
  children,
  ...rest
}: ButtonProps) {
  const classes = ['button', `button-${variant}`, className].filter(Boolean).join(' ');
  return (
    <button {...rest} type={type} className={classes} disabled={disabled === true || pending} aria-busy={pending || undefined}>
      {pending && pendingLabel ? pendingLabel : children}
    </button>
  );
}
