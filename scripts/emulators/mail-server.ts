/**
 * Child-process entry for the local mail catcher: aws-ses-v2-local, an SES endpoint (v2
 * `POST /v2/email/outbound-emails`, Simple, Raw and Template content) that keeps every email in memory
 * instead of delivering it, with its web inbox at `/` and the emails as JSON at `GET /store`.
 * The library prints nothing per email, so this process polls that store and prints one line per new
 * email (recipients, subject, the links in it), which `npm run local` relays as its [mail] lines.
 */
import { createRequire } from 'node:module';
import { caughtMail, type CaughtMail } from './caught-mail';

// CommonJS with `exports.default`: an ESM default import would give the whole exports object.
const { default: startSesLocal } = createRequire(import.meta.url)('aws-ses-v2-local') as typeof import('aws-ses-v2-local');

const POLL_MS = 250;

const [port, host] = process.argv.slice(2);
if (!port || !host || !/^\d+$/.test(port)) {
  console.error('usage: mail-server.ts <port> <host>');
  process.exit(2);
}

const LINK = /https?:\/\/[^\s<>"'`)\]]+/g;

function linksIn(text: string): string[] {
  return [...new Set([...text.matchAll(LINK)].map(([link]) => link.replace(/[.,;:!?]+$/, '')))];
}

/** `mail to ann@example.com (cc …; bcc …): Subject https://link …`, on one line whatever the subject holds. */
function mailLine(mail: CaughtMail): string {
  const copies = [mail.cc.length ? `cc ${mail.cc.join(', ')}` : '', mail.bcc.length ? `bcc ${mail.bcc.join(', ')}` : ''].filter(Boolean);
  const recipients = `${mail.to.join(', ') || '(no To)'}${copies.length ? ` (${copies.join('; ')})` : ''}`;
  const links = linksIn(mail.text ?? mail.html ?? '');
  const line = `mail to ${recipients}: ${mail.subject || '(no subject)'}${links.length ? ` ${links.join(' ')}` : ''}`;
  return line.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
}

const server = await startSesLocal({ host, port: Number(port) });
// The library resolves even when listening failed (express hands the error to a callback it ignores).
if (!server.listening) {
  console.error(`mail catcher could not start on ${host}:${port}`);
  process.exit(1);
}
const endpoint = `http://${host.includes(':') ? `[${host}]` : host}:${port}`;

// The store's `since` counts whole seconds: ask from the latest second printed, skip what was printed in it.
let latestSecond = 0;
let printedInLatestSecond = new Set<string>();

async function printNewMail(): Promise<void> {
  const oldestFirst = (await caughtMail(endpoint, { since: latestSecond })).reverse();
  for (const mail of oldestFirst) {
    if (mail.at < latestSecond || (mail.at === latestSecond && printedInLatestSecond.has(mail.id))) continue;
    if (mail.at > latestSecond) {
      latestSecond = mail.at;
      printedInLatestSecond = new Set();
    }
    printedInLatestSecond.add(mail.id);
    console.log(mailLine(mail));
  }
}

function pollStore(): void {
  printNewMail()
    .catch((error: unknown) => console.error(`mail catcher: reading its store failed: ${error instanceof Error ? error.message : String(error)}`))
    .finally(() => setTimeout(pollStore, POLL_MS));
}

process.send?.({ ready: true });
pollStore();
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
