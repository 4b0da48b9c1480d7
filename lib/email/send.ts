import 'server-only';
import { SendEmailCommand } from '@aws-sdk/client-sesv2';
import { ses } from '../aws/ses';
import { env } from '../env';
import { ServiceUnavailableError } from '../errors';
import { sendEmailInput, type Email } from './command';

export type { Email } from './command';

/**
 * SES refusals that the caller cannot fix and that say the sending side is not ready (sandbox,
 * unverified sender, paused or suspended account, quota): the request answers 503 "email", the
 * reason goes to the log.
 */
const SENDING_REFUSALS = new Set([
  'MessageRejected',
  'MailFromDomainNotVerifiedException',
  'AccountSuspendedException',
  'SendingPausedException',
  'TooManyRequestsException',
  'LimitExceededException',
  'NotFoundException',
]);

/**
 * Sends one email through SES v2 from EMAIL_FROM, with UTF-8 text and, when given, HTML bodies.
 * Throws ServiceUnavailableError('email') when EMAIL_FROM is not configured, SES cannot be reached or
 * SES refuses to send for reasons of the account (see SENDING_REFUSALS).
 */
export async function sendEmail(email: Email): Promise<{ readonly messageId: string }> {
  const from = env().EMAIL_FROM;
  if (!from) {
    console.error(JSON.stringify({ level: 'error', event: 'email-not-configured', error: 'EMAIL_FROM is not set' }));
    throw new ServiceUnavailableError('email');
  }
  try {
    const { MessageId } = await ses().send(new SendEmailCommand(sendEmailInput(from, email)));
    return { messageId: MessageId ?? '' };
  } catch (error) {
    if (error instanceof Error && SENDING_REFUSALS.has(error.name)) {
      console.error(JSON.stringify({ level: 'error', event: 'email-refused', error: `${error.name}: ${error.message}` }));
      throw new ServiceUnavailableError('email');
    }
    throw error;
  }
}
