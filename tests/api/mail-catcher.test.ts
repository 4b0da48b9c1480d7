/**
 * Our wiring of the local mail catcher: the launcher's mail service (aws-ses-v2-local under
 * scripts/emulators/mail-server.ts, started as startEmulators starts it) catches what the real
 * @aws-sdk/client-sesv2 sends, the tests' reader (scripts/emulators/caught-mail.ts) reads it back from
 * the catcher's store, and the service prints one line per email for `npm run local`.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { networkInterfaces } from 'node:os';
import { after, before, describe, it } from 'node:test';
import { SendEmailCommand, SESv2Client, SESv2ServiceException, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { caughtMail } from '../../scripts/emulators/caught-mail';
import { freePort, mailService, ROOT, type ChildService } from '../../scripts/stack';

const HOST = '127.0.0.1';
const run = randomUUID().slice(0, 8);

let port: number;
let endpoint: string;
let catcher: ChildService;
let ses: SESv2Client;

/** A fresh address per test, so tests do not see each other's mail. */
const address = (name: string) => `${name}-${run}-${randomUUID().slice(0, 6)}@example.com`;

function simple(to: string[], subject: string, text: string): SendEmailCommandInput {
  return {
    FromEmailAddress: 'Todoer <no-reply@todoer.local>',
    Destination: { ToAddresses: to },
    Content: { Simple: { Subject: { Data: subject, Charset: 'UTF-8' }, Body: { Text: { Data: text, Charset: 'UTF-8' } } } },
  };
}

/** How often `line` appears as a whole line of the catcher's output. */
const printed = (line: string) => catcher.output().split('\n').filter((printedLine) => printedLine === line).length;

async function until(condition: () => boolean, withinMs = 3000): Promise<void> {
  const deadline = Date.now() + withinMs;
  while (!condition() && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
}

describe('local mail catcher (aws-ses-v2-local, as the launcher starts it)', () => {
  before(async () => {
    port = await freePort(HOST);
    endpoint = `http://${HOST}:${port}`;
    catcher = mailService({ host: HOST, port });
    await catcher.start();
    ses = new SESv2Client({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  });

  after(async () => {
    ses?.destroy();
    await catcher?.stop();
  });

  it("catches the app's own sendEmail (lib/email/send.ts) from the local EMAIL_FROM; the store gives it back", async () => {
    const to = address('app');
    const script = `
      import { sendEmail } from './lib/email/send.ts';
      import { invitationEmail } from './lib/email/templates.ts';
      const email = invitationEmail({ inviterName: 'Ann', inviterEmail: 'ann@example.com', listName: 'Groceries', role: 'viewer', acceptUrl: 'http://localhost:3000/invitations/abc' });
      console.log(JSON.stringify(await sendEmail({ to: ${JSON.stringify(to)}, ...email })));
    `;
    const env = {
      ...process.env,
      APP_MODE: 'local',
      COGNITO_USER_POOL_ID: 'local_abc123',
      COGNITO_CLIENT_ID: 'client',
      AWS_ENDPOINT_URL_SESV2: endpoint,
      EMAIL_FROM: '',
    };
    const output = await new Promise<string>((resolve, reject) => {
      const child = spawn(process.execPath, ['--import', 'tsx', '--conditions=react-server', '--input-type=module', '-e', script], { cwd: ROOT, env });
      let stdout = '';
      let stderr = '';
      child.stdout.on('data', (chunk: Buffer) => (stdout += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
      child.on('close', (code) => (code === 0 ? resolve(stdout) : reject(new Error(`exit ${code}: ${stderr}`))));
    });
    const { messageId } = JSON.parse(output) as { messageId: string };
    assert.ok(messageId, 'SendEmail answered a MessageId');

    const [mail, ...rest] = await caughtMail(endpoint, { to });
    assert.equal(rest.length, 0);
    assert.equal(mail?.id, messageId);
    assert.equal(mail?.from, 'Todoer <no-reply@todoer.local>');
    assert.deepEqual([mail?.to, mail?.cc, mail?.bcc], [[to], [], []]);
    assert.equal(mail?.subject, 'Ann invited you to “Groceries” on Todoer');
    assert.match(mail?.text ?? '', /http:\/\/localhost:3000\/invitations\/abc/);
    assert.match(mail?.html ?? '', /href="http:\/\/localhost:3000\/invitations\/abc"/);
    assert.ok(Math.abs(mail!.at * 1000 - Date.now()) < 10_000, 'arrival time in epoch seconds');
    assert.deepEqual(await caughtMail(endpoint, { to: address('nobody') }), []);
  });

  it('prints one line per caught email, once, with its recipients, subject and links', async () => {
    const [to, cc, bcc] = [address('log'), address('logcc'), address('logbcc')];
    // Two emails, most often within one second: the store's `since` counts whole seconds, and each must print once.
    await ses.send(new SendEmailCommand(simple([to], 'Join "Groceries"', 'Accept: https://todoer.test/invite/abc123.\nOr http://localhost:3000/x')));
    await ses.send(new SendEmailCommand({ ...simple([to], 'Copies\r\nline two', 'no links'), Destination: { ToAddresses: [to], CcAddresses: [cc], BccAddresses: [bcc] } }));
    const first = `mail to ${to}: Join "Groceries" https://todoer.test/invite/abc123 http://localhost:3000/x`;
    const second = `mail to ${to} (cc ${cc}; bcc ${bcc}): Copies line two`;
    await until(() => printed(first) > 0 && printed(second) > 0);
    // A few more polls of the store go by; nothing is printed twice.
    await new Promise((resolve) => setTimeout(resolve, 1200));
    assert.deepEqual([printed(first), printed(second)], [1, 1], catcher.output());
  });

  it('finds mail by any recipient (To, Cc or Bcc), whatever the display name or case; newest first', async () => {
    const [to, cc, bcc] = [address('to'), address('cc'), address('bcc')];
    await ses.send(new SendEmailCommand({ ...simple([`Tess <${to}>`], 'first', 'one'), Destination: { ToAddresses: [`Tess <${to}>`], CcAddresses: [cc], BccAddresses: [`Bea <${bcc}>`] } }));
    // Raw MIME: the catcher takes the recipients from its headers and writes them back as `"Name" <address>`.
    const mime = ['From: Todoer <no-reply@todoer.local>', `To: Bea Raw <${bcc}>`, 'Subject: second', 'Content-Type: text/plain; charset=UTF-8', '', 'two', ''].join('\r\n');
    await ses.send(new SendEmailCommand({ Content: { Raw: { Data: Buffer.from(mime) } } }));

    assert.deepEqual((await caughtMail(endpoint, { to: to.toUpperCase() })).map((mail) => mail.subject), ['first']);
    assert.deepEqual((await caughtMail(endpoint, { to: cc })).map((mail) => mail.subject), ['first']);
    const toBea = await caughtMail(endpoint, { to: bcc });
    assert.deepEqual(toBea.map((mail) => mail.subject), ['second', 'first']);
    assert.deepEqual(toBea[0]?.to, [`"Bea Raw" <${bcc}>`]);
    assert.equal(toBea[0]?.text?.trim(), 'two');
  });

  it('answers a request SES rejects with a client error and catches nothing', async () => {
    const to = address('bad');
    const cases: SendEmailCommandInput[] = [
      { ...simple([to], 'no sender', 'text'), FromEmailAddress: undefined },
      { ...simple([to], 'no body', 'text'), Content: { Simple: { Subject: { Data: 'no body' }, Body: {} } } },
      { ...simple([to], 'no content', 'text'), Content: {} },
    ];
    for (const input of cases) {
      const error: unknown = await ses.send(new SendEmailCommand(input)).then(
        () => assert.fail(`accepted: ${JSON.stringify(input)}`),
        (rejected: unknown) => rejected,
      );
      assert.ok(error instanceof SESv2ServiceException, `expected an SES error, got ${String(error)}`);
      assert.equal(error.$fault, 'client');
      assert.equal(error.$metadata.httpStatusCode, 400);
    }
    assert.deepEqual(await caughtMail(endpoint, { to }), []);
  });

  it('shows its inbox to a browser at /', async () => {
    const response = await fetch(`${endpoint}/`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(await response.text(), /<html/i);
  });

  it('listens only on the host it is given', async () => {
    const elsewhere = ['127.0.0.2', ...Object.values(networkInterfaces()).flat().filter((info) => info && info.family === 'IPv4' && !info.internal).map((info) => info!.address)];
    for (const other of elsewhere) {
      await assert.rejects(fetch(`http://${other}:${port}/store`, { signal: AbortSignal.timeout(2000) }), `reachable on ${other}`);
    }
    assert.equal((await fetch(`${endpoint}/store`)).status, 200);
  });
});
