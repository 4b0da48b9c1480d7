/**
 * The local mail catcher's inbox (aws-ses-v2-local's `GET /store`), read back as plain records: the
 * launcher prints new ones and the tests look for theirs. The catcher has no recipient filter, so `to`
 * is applied here.
 */
import { z } from 'zod';

/** The fields of the catcher's stored emails that we read; it keeps more (reply-to, attachments, headers). */
const storedEmail = z.object({
  messageId: z.string(),
  from: z.string(),
  destination: z.object({ to: z.array(z.string()), cc: z.array(z.string()), bcc: z.array(z.string()) }),
  subject: z.string(),
  body: z.object({ text: z.string().optional(), html: z.string().optional() }),
  /** Arrival, in whole seconds since the epoch. */
  at: z.number().int(),
});

const storeResponse = z.object({ emails: z.array(storedEmail) });

export type CaughtMail = {
  /** The MessageId SendEmail answered. */
  readonly id: string;
  readonly from: string;
  readonly to: readonly string[];
  readonly cc: readonly string[];
  readonly bcc: readonly string[];
  readonly subject: string;
  readonly text: string | null;
  readonly html: string | null;
  /** Arrival, in whole seconds since the epoch. */
  readonly at: number;
};

/** `Ann <ann@example.com>` or `"Ann" <ann@example.com>` → `ann@example.com`; a bare address, lower-cased. */
export function addressOf(mailbox: string): string {
  const angle = /<([^<>]*)>\s*$/.exec(mailbox);
  return (angle ? angle[1]! : mailbox).trim().toLowerCase();
}

/** Whether any recipient (To, Cc or Bcc) is that address, whatever its display name or case. */
export function isAddressedTo(mail: CaughtMail, address: string): boolean {
  const wanted = addressOf(address);
  return [...mail.to, ...mail.cc, ...mail.bcc].some((recipient) => addressOf(recipient) === wanted);
}

/**
 * The caught emails, newest first; `to` keeps those addressed to it, `since` (epoch seconds) those that
 * arrived in that second or later.
 */
export async function caughtMail(endpoint: string, filter: { to?: string; since?: number } = {}): Promise<CaughtMail[]> {
  const url = new URL('/store', endpoint);
  if (filter.since !== undefined) url.searchParams.set('since', String(filter.since));
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  if (response.status !== 200) throw new Error(`GET ${url.href}: ${response.status} ${await response.text()}`);
  const { emails } = storeResponse.parse(await response.json());
  const mails = emails.reverse().map(
    (email): CaughtMail => ({
      id: email.messageId,
      from: email.from,
      ...email.destination,
      subject: email.subject,
      text: email.body.text ?? null,
      html: email.body.html ?? null,
      at: email.at,
    }),
  );
  const { to } = filter;
  return to === undefined ? mails : mails.filter((mail) => isAddressedTo(mail, to));
}
