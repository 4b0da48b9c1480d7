/**
 * Returns `next` when it is a same-site relative path ("/account?x=1"), otherwise the fallback.
 * Rejects "//host" and "/\host" (browsers treat both as another origin) and control characters.
 */
export function safeNextPath(next: string | readonly string[] | null | undefined, fallback = '/'): string {
  const value = typeof next === 'string' ? next : undefined;
  if (!value || !value.startsWith('/')) return fallback;
  if (value.startsWith('//') || value.startsWith('/\\')) return fallback;
  if (/[\u0000-\u001f\u007f]/.test(value)) return fallback;
  return value;
}
