/**
 * The emails the app sends, as { subject, text, html }. Pure functions: every value from users (names,
 * list names) is flattened to one line and HTML-escaped; links must be absolute http(s) URLs.
 */

export type RenderedEmail = { readonly subject: string; readonly text: string; readonly html: string };

export type ListRole = 'editor' | 'viewer';

export type InvitationEmailInput = {
  /** The inviter's display name; may be empty, then their email address stands in. */
  readonly inviterName: string;
  readonly inviterEmail: string;
  readonly listName: string;
  readonly role: ListRole;
  /** Absolute http(s) URL of the page that accepts the invitation (sign-in or sign-up first). */
  readonly acceptUrl: string;
};

const MAX_SUBJECT_NAME = 60;

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

/** Control characters and line breaks become single spaces: user input stays on one line. */
function oneLine(value: string): string {
  return value.replace(/[\u0000-\u001f\u007f\u2028\u2029\s]+/g, ' ').trim();
}

function shortened(value: string, max: number): string {
  const chars = [...value];
  return chars.length <= max ? value : `${chars.slice(0, max - 1).join('').trimEnd()}…`;
}

function httpUrl(value: string): string {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    throw new TypeError(`acceptUrl must be an absolute URL (got ${JSON.stringify(value)})`);
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new TypeError(`acceptUrl must be http(s) (got ${url.protocol})`);
  return url.href;
}

const ROLE_TEXT: Record<ListRole, { article: string; can: string }> = {
  editor: { article: 'an editor', can: 'add, change and complete its tasks' },
  viewer: { article: 'a viewer', can: 'see its tasks' },
};

/** The invitation to a shared list, for someone who may not have a Todoer account yet. */
export function invitationEmail(input: InvitationEmailInput): RenderedEmail {
  const inviterEmail = oneLine(input.inviterEmail);
  const inviterName = oneLine(input.inviterName);
  const listName = oneLine(input.listName) || 'Untitled list';
  const acceptUrl = httpUrl(input.acceptUrl);
  const role = ROLE_TEXT[input.role];
  const named = inviterName !== '' && inviterName.toLowerCase() !== inviterEmail.toLowerCase();
  const inviter = named ? `${inviterName} (${inviterEmail})` : inviterEmail;

  const subject = `${shortened(named ? inviterName : inviterEmail, MAX_SUBJECT_NAME)} invited you to “${shortened(listName, MAX_SUBJECT_NAME)}” on Todoer`;

  const text = [
    'Hi,',
    '',
    `${inviter} invited you to the list “${listName}” on Todoer as ${role.article}: you can ${role.can}.`,
    '',
    'Accept the invitation:',
    acceptUrl,
    '',
    'No Todoer account yet? Create one with this email address at the link above, and the invitation will be waiting for you.',
    '',
    'If you did not expect this invitation, you can ignore this email.',
    '',
    '— Todoer',
    '',
  ].join('\n');

  const href = escapeHtml(acceptUrl);
  const inviterHtml = named
    ? `<strong>${escapeHtml(inviterName)}</strong> (${escapeHtml(inviterEmail)})`
    : `<strong>${escapeHtml(inviterEmail)}</strong>`;
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f8fa;font:16px/1.5 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2328">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #d0d7de;border-radius:8px;padding:24px">
<p style="margin:0 0 16px">Hi,</p>
<p style="margin:0 0 16px">${inviterHtml} invited you to the list <strong>“${escapeHtml(listName)}”</strong> on Todoer as ${role.article}: you can ${role.can}.</p>
<p style="margin:24px 0"><a href="${href}" style="display:inline-block;background:#1f6feb;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600">Accept the invitation</a></p>
<p style="margin:0 0 16px">No Todoer account yet? Create one with this email address at the link, and the invitation will be waiting for you.</p>
<p style="margin:0 0 16px;font-size:14px;color:#59636e">If the button does not work, open this address: <a href="${href}" style="color:#1f6feb;word-break:break-all">${href}</a></p>
<p style="margin:0;font-size:14px;color:#59636e">If you did not expect this invitation, you can ignore this email.</p>
</div>
</body>
</html>
`;

  return { subject, text, html };
}

/**
 * To the owner of an address someone tried to sign up with, or asked a new confirmation code for, when
 * it already has a confirmed account. The answer to the request is the same as for a new address; only
 * the owner learns, here, that the account exists.
 */
export function accountExistsEmail(input: { readonly signInUrl: string; readonly resetUrl: string }): RenderedEmail {
  const signInUrl = httpUrl(input.signInUrl);
  const resetUrl = httpUrl(input.resetUrl);
  const subject = 'You already have a Todoer account';
  const text = [
    'Hi,',
    '',
    'Someone (probably you) tried to create a Todoer account, or asked for a new confirmation code, with this email address. It already has an account, so nothing was changed.',
    '',
    `Sign in: ${signInUrl}`,
    `Forgot your password? Reset it: ${resetUrl}`,
    '',
    'If it was not you, you can ignore this email: your account is safe.',
    '',
    '— Todoer',
    '',
  ].join('\n');
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f8fa;font:16px/1.5 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2328">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #d0d7de;border-radius:8px;padding:24px">
<p style="margin:0 0 16px">Hi,</p>
<p style="margin:0 0 16px">Someone (probably you) tried to create a Todoer account, or asked for a new confirmation code, with this email address. It already has an account, so nothing was changed.</p>
<p style="margin:0 0 16px"><a href="${escapeHtml(signInUrl)}">Sign in</a> · <a href="${escapeHtml(resetUrl)}">Reset your password</a></p>
<p style="margin:0;color:#59636e">If it was not you, you can ignore this email: your account is safe.</p>
</div>
</body>
</html>
`;
  return { subject, text, html };
}

export type ReminderEmailInput = {
  readonly taskTitle: string;
  /** The task's due date (YYYY-MM-DD) and time (HH:MM) on the person's calendar, when it has them. */
  readonly dueDate: string | null;
  readonly dueTime: string | null;
  /** Absolute http(s) URL that opens the task. */
  readonly taskUrl: string;
};

/** "Tuesday, 1 December 2026 at 17:00": the due date is a calendar date, formatted as such (no zone shift). */
export function dueText(dueDate: string | null, dueTime: string | null): string | null {
  if (dueDate === null) return null;
  const day = new Intl.DateTimeFormat('en-GB', { weekday: 'long', day: 'numeric', month: 'long', year: 'numeric', timeZone: 'UTC' }).format(new Date(`${dueDate}T00:00:00Z`));
  return dueTime === null ? day : `${day} at ${dueTime}`;
}

/** A reminder of one task: its title, when it is due, and a link that opens it. */
export function reminderEmail(input: ReminderEmailInput): RenderedEmail {
  const title = oneLine(input.taskTitle) || 'Untitled task';
  const taskUrl = httpUrl(input.taskUrl);
  const due = dueText(input.dueDate, input.dueTime);
  const subject = `Reminder: ${shortened(title, MAX_SUBJECT_NAME)}`;
  const text = ['Hi,', '', `This is your reminder for “${title}”.`, ...(due ? [`Due: ${due}`] : []), '', 'Open the task:', taskUrl, '', '— Todoer', ''].join('\n');
  const href = escapeHtml(taskUrl);
  const html = `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><title>${escapeHtml(subject)}</title></head>
<body style="margin:0;padding:24px;background:#f6f8fa;font:16px/1.5 -apple-system,'Segoe UI',Helvetica,Arial,sans-serif;color:#1f2328">
<div style="max-width:560px;margin:0 auto;background:#ffffff;border:1px solid #d0d7de;border-radius:8px;padding:24px">
<p style="margin:0 0 16px">This is your reminder for <strong>“${escapeHtml(title)}”</strong>.</p>
${due ? `<p style="margin:0 0 16px">Due: ${escapeHtml(due)}</p>\n` : ''}<p style="margin:24px 0"><a href="${href}" style="display:inline-block;background:#1f6feb;color:#ffffff;text-decoration:none;padding:10px 18px;border-radius:6px;font-weight:600">Open the task</a></p>
<p style="margin:0;font-size:14px;color:#59636e">If the button does not work, open this address: <a href="${href}" style="color:#1f6feb;word-break:break-all">${href}</a></p>
</div>
</body>
</html>
`;
  return { subject, text, html };
}
