import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';

/** One email as SES v2 takes it: UTF-8 text and, when given, HTML. Plain code: the app and the reminder consumer both send with it. */

export type Email = {
  /** One address or several, each `ann@example.com` or `Ann <ann@example.com>`. */
  readonly to: string | readonly string[];
  readonly subject: string;
  readonly text: string;
  readonly html?: string;
};

export function sendEmailInput(from: string, email: Email): SendEmailCommandInput {
  const to = typeof email.to === 'string' ? [email.to] : [...email.to];
  if (to.length === 0) throw new Error('sendEmail: no recipient');
  const utf8 = (data: string) => ({ Data: data, Charset: 'UTF-8' });
  return {
    FromEmailAddress: from,
    Destination: { ToAddresses: to },
    Content: {
      Simple: {
        // A subject is one line; a line break from user input (a list name) must not reach a header.
        Subject: utf8(email.subject.replace(/[\r\n]+/g, ' ')),
        Body: { Text: utf8(email.text), ...(email.html !== undefined ? { Html: utf8(email.html) } : {}) },
      },
    },
  };
}
