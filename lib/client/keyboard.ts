/**
 * The one rule for single-key shortcuts (`q`, `j`, `x`, `g t`, ...): they never fire while the
 * person types in a field, holds a modifier (browser and OS shortcuts win), or has a dialog open.
 */

export function isTypingTarget(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

/** `allowAlt` is for the few Alt shortcuts of our own (Alt+↑/↓ moves a task); Ctrl and ⌘ stay the browser's. */
export function isShortcutEvent(event: KeyboardEvent, { allowAlt = false }: { readonly allowAlt?: boolean } = {}): boolean {
  if (event.defaultPrevented || event.isComposing) return false;
  if (event.ctrlKey || event.metaKey || (event.altKey && !allowAlt)) return false;
  if (isTypingTarget(event.target)) return false;
  return document.querySelector('dialog[open]') === null;
}
