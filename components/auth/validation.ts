/** Quick client-side hints so people are not sent to the server for obvious slips. The server decides. */

const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

export const PASSWORD_RULES = 'At least 8 characters, with an uppercase letter, a lowercase letter and a number.';

export function checkEmail(email: string): string | undefined {
  if (email === '') return 'Enter your email address.';
  if (!EMAIL_PATTERN.test(email)) return 'Enter an email address like name@example.com.';
  return undefined;
}

export function checkRequired(value: string, message: string): string | undefined {
  return value === '' ? message : undefined;
}

export function checkNewPassword(password: string): string | undefined {
  if (password === '') return 'Enter a password.';
  const missing = [
    password.length < 8 ? 'at least 8 characters' : null,
    /[A-Z]/.test(password) ? null : 'an uppercase letter',
    /[a-z]/.test(password) ? null : 'a lowercase letter',
    /\d/.test(password) ? null : 'a number',
  ].filter((part): part is string => part !== null);
  if (missing.length === 0) return undefined;
  return `The password needs ${joinWithAnd(missing)}.`;
}

export function checkCode(code: string): string | undefined {
  if (code === '') return 'Enter the code from the email.';
  if (!/^\d+$/.test(code)) return 'The code is the number in the email, digits only.';
  return undefined;
}

/** Drops undefined entries so an empty object means "no problems". */
export function collectErrors(checks: Readonly<Record<string, string | undefined>>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(checks).filter((entry): entry is [string, string] => entry[1] !== undefined),
  );
}

/** Reads a text field from submitted form data (trimmed unless it is a password). */
export function readField(data: FormData, name: string, { trim = true } = {}): string {
  const value = data.get(name);
  if (typeof value !== 'string') return '';
  return trim ? value.trim() : value;
}

function joinWithAnd(parts: readonly string[]): string {
  if (parts.length <= 1) return parts.join('');
  return `${parts.slice(0, -1).join(', ')} and ${parts.at(-1) ?? ''}`;
}
