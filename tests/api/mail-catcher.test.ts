/**
 * The local SES v2 mail catcher (scripts/emulators/ses-server.ts), started as a child process and
 * spoken to with the real @aws-sdk/client-sesv2, then read back through its inspection API.
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { networkInterfaces, tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BadRequestException, SendEmailCommand, SESv2Client, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { ChildService, freePort, ROOT } from '../../scripts/stack';

const HOST = '127.0.0.1';
const run = randomUUID().slice(0, 8);

type Caught = {
  id: string;
  from: string;
  to: string[];
  cc: string[];
  bcc: string[];
  subject: string;
  text: string | null;
  html: string | null;
  receivedAt: string;
};

let dataDir: string;
let port: number;
let endpoint: string;
let catcher: ChildService;
let ses: SESv2Client;

function startCatcher(): ChildService {
  return new ChildService('mail', [
    process.execPath, '--import', 'tsx', path.join(ROOT, 'scripts', 'emulators', 'ses-server.ts'), dataDir, String(port), HOST,
  ], {});
}

/** A fresh address per test, so tests do not see each other's mail. */
const address = (name: string) => `${name}-${run}-${randomUUID().slice(0, 6)}@example.com`;

async function mailTo(to: string): Promise<Caught[]> {
  const response = await fetch(`${endpoint}/_mail?to=${encodeURIComponent(to)}`);
  assert.equal(response.status, 200);
  return ((await response.json()) as { items: Caught[] }).items;
}

function simple(from: string, to: string[], subject: string, text: string, html?: string): SendEmailCommandInput {
  return {
    FromEmailAddress: from,
    Destination: { ToAddresses: to },
    Content: { Simple: { Subject: { Data: subject, Charset: 'UTF-8' }, Body: { Text: { Data: text }, ...(html ? { Html: { Data: html } } : {}) } } },
  };
}

async function rejection(input: SendEmailCommandInput): Promise<BadRequestException> {
  try {
    await ses.send(new SendEmailCommand(input));
  } catch (error) {
    assert.ok(error instanceof BadRequestException, `expected BadRequestException, got ${String(error)}`);
    assert.equal(error.$metadata.httpStatusCode, 400);
    return error;
  }
  assert.fail('SendEmail was accepted');
}

describe('local SES v2 mail catcher', () => {
  before(async () => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'mail-catcher-'));
    port = await freePort(HOST);
    endpoint = `http://${HOST}:${port}`;
    catcher = startCatcher();
    await catcher.start();
    ses = new SESv2Client({ region: 'us-east-1', endpoint, credentials: { accessKeyId: 'local', secretAccessKey: 'local' }, maxAttempts: 1 });
  });

  after(async () => {
    ses?.destroy();
    await catcher?.stop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('catches a Simple email: SendEmail answers a MessageId, /_mail?to= lists it with subject, text and html', async () => {
    const to = address('ann');
    const { MessageId } = await ses.send(
      new SendEmailCommand(simple('Todoer <no-reply@todoer.local>', [to], 'Welcome ✓', 'Hello there\nhttps://todoer.test/a?b=1', '<p>Hello <b>there</b></p>')),
    );
    assert.match(MessageId ?? '', /^[0-9a-f]{16}-[0-9a-f-]{36}-000000$/);
    const [mail, ...rest] = await mailTo(to.toUpperCase());
    assert.equal(rest.length, 0);
    assert.ok(mail);
    assert.equal(mail.id, MessageId);
    assert.equal(mail.from, 'Todoer <no-reply@todoer.local>');
    assert.deepEqual([mail.to, mail.cc, mail.bcc], [[to], [], []]);
    assert.equal(mail.subject, 'Welcome ✓');
    assert.equal(mail.text, 'Hello there\nhttps://todoer.test/a?b=1');
    assert.equal(mail.html, '<p>Hello <b>there</b></p>');
    assert.ok(Math.abs(Date.parse(mail.receivedAt) - Date.now()) < 10_000);

    const one = await fetch(`${endpoint}/_mail/${mail.id}`);
    assert.deepEqual(await one.json(), mail);
    assert.deepEqual(await mailTo(address('nobody')), []);
  });

  it('prints one line per caught email with its recipients, subject and links', async () => {
    const to = address('log');
    await ses.send(new SendEmailCommand(simple('a@todoer.local', [to], 'Join "Groceries"', 'Accept: https://todoer.test/invite/abc123.\nOr http://localhost:3000/x')));
    const deadline = Date.now() + 2000;
    const expected = `mail to ${to}: Join "Groceries" https://todoer.test/invite/abc123 http://localhost:3000/x`;
    while (!catcher.output().includes(expected) && Date.now() < deadline) await new Promise((resolve) => setTimeout(resolve, 20));
    assert.ok(catcher.output().includes(expected), catcher.output());
  });

  it('records Cc and Bcc; ?to= matches any recipient; newest first', async () => {
    const [to, cc, bcc] = [address('to'), address('cc'), address('bcc')];
    await ses.send(new SendEmailCommand({ ...simple('a@todoer.local', [to], 'first', 'one'), Destination: { ToAddresses: [to], CcAddresses: [cc], BccAddresses: [`Bea <${bcc}>`] } }));
    await ses.send(new SendEmailCommand(simple('a@todoer.local', [bcc], 'second', 'two')));
    const [mail] = await mailTo(cc);
    assert.deepEqual([mail?.to, mail?.cc, mail?.bcc], [[to], [cc], [`Bea <${bcc}>`]]);
    assert.deepEqual((await mailTo(to)).map((item) => item.subject), ['first']);
    assert.deepEqual((await mailTo(bcc)).map((item) => item.subject), ['second', 'first']);
  });

  it('reads Raw MIME content: headers (encoded words), multipart text and HTML, transfer encodings', async () => {
    const [to, cc] = [address('raw'), address('rawcc')];
    const mime = [
      'From: "Todoer, the app" <no-reply@todoer.local>',
      `To: Raw Person <${to}>`,
      `Cc: ${cc}`,
      'Subject: =?UTF-8?B?SGVsbG8g4pyT?=',
      '  =?UTF-8?Q?_again?=',
      'MIME-Version: 1.0',
      'Content-Type: multipart/alternative; boundary="b1"',
      '',
      'preamble',
      '--b1',
      'Content-Type: text/plain; charset=UTF-8',
      'Content-Transfer-Encoding: quoted-printable',
      '',
      'Caf=C3=A9 link https://todoer.test/raw =',
      'joined',
      '--b1',
      'Content-Type: text/html; charset=UTF-8',
      'Content-Transfer-Encoding: base64',
      '',
      Buffer.from('<p>Café</p>').toString('base64'),
      '--b1--',
      '',
    ].join('\r\n');
    await ses.send(new SendEmailCommand({ Content: { Raw: { Data: Buffer.from(mime) } } }));
    const [mail] = await mailTo(to);
    assert.ok(mail);
    assert.equal(mail.from, '"Todoer, the app" <no-reply@todoer.local>');
    assert.deepEqual([mail.to, mail.cc, mail.bcc], [[`Raw Person <${to}>`], [cc], []]);
    assert.equal(mail.subject, 'Hello ✓ again');
    assert.equal(mail.text, 'Café link https://todoer.test/raw joined');
    assert.equal(mail.html, '<p>Café</p>');

    // The envelope (Destination) wins over the headers, as in SES.
    const envelopeOnly = address('envelope');
    await ses.send(new SendEmailCommand({ Destination: { BccAddresses: [envelopeOnly] }, Content: { Raw: { Data: Buffer.from(mime) } } }));
    const [bccd] = await mailTo(envelopeOnly);
    assert.deepEqual([bccd?.to, bccd?.bcc], [[], [envelopeOnly]]);
  });

  it('rejects what SES rejects, as a BadRequestException the SDK surfaces', async () => {
    const to = address('bad');
    const ok = simple('a@todoer.local', [to], 'subject', 'text');
    const cases: [SendEmailCommandInput, RegExp][] = [
      [{ ...ok, FromEmailAddress: undefined }, /FromEmailAddress/],
      [{ ...ok, Destination: undefined }, /Destination/],
      [{ ...ok, Destination: { ToAddresses: [] } }, /Destination/],
      [{ ...ok, Content: undefined }, /Content/],
      [{ ...ok, Content: { Simple: { Subject: { Data: 'no body' }, Body: {} } } }, /Body/],
      [{ ...ok, Content: { Simple: { Body: { Text: { Data: 'no subject' } } } as never } }, /Subject/],
      [{ ...ok, Destination: { ToAddresses: ['not-an-address'] } }, /Illegal address/],
      [{ ...ok, FromEmailAddress: 'Todoer <nope>' }, /Illegal address/],
      [{ ...ok, Destination: { ToAddresses: Array.from({ length: 51 }, (_, index) => `r${index}@example.com`) } }, /Recipient count exceeds 50/],
      [{ ...ok, Content: { Template: { TemplateName: 'welcome' } } }, /Template/],
    ];
    for (const [input, message] of cases) {
      const error = await rejection(input);
      assert.match(error.message, message);
    }
    assert.deepEqual(await mailTo(to), []);

    // The wire shape: 400, x-amzn-ErrorType, {"message": ...}.
    const response = await fetch(`${endpoint}/v2/email/outbound-emails`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ Destination: { ToAddresses: [to] } }),
    });
    assert.equal(response.status, 400);
    assert.equal(response.headers.get('x-amzn-errortype'), 'BadRequestException');
    const body = (await response.json()) as Record<string, unknown>;
    assert.deepEqual(Object.keys(body), ['message']);
  });

  it('shows the caught mail on an escaped HTML page at /', async () => {
    const to = address('page');
    await ses.send(new SendEmailCommand(simple('a@todoer.local', [to], '<script>alert(1)</script>', 'see https://todoer.test/p?a=1&b=2', '<img src=x onerror=alert(1)>')));
    const response = await fetch(`${endpoint}/?to=${encodeURIComponent(to)}`);
    assert.equal(response.status, 200);
    assert.match(response.headers.get('content-type') ?? '', /^text\/html/);
    assert.match(response.headers.get('content-security-policy') ?? '', /default-src 'none'/);
    const html = await response.text();
    assert.ok(html.includes('&lt;script&gt;alert(1)&lt;/script&gt;'));
    assert.ok(!html.includes('<script>'));
    assert.ok(!html.includes('<img'));
    assert.ok(html.includes('srcdoc="&lt;img src=x onerror=alert(1)&gt;"'));
    assert.ok(html.includes('<a href="https://todoer.test/p?a=1&amp;b=2">'));
  });

  it('keeps caught mail across a restart (one JSON file per email)', async () => {
    const to = address('restart');
    const { MessageId } = await ses.send(new SendEmailCommand(simple('a@todoer.local', [to], 'kept', 'text')));
    assert.ok(readdirSync(dataDir).some((name) => name.endsWith(`-${MessageId}.json`)));
    await catcher.stop();
    catcher = startCatcher();
    await catcher.start();
    const [mail] = await mailTo(to);
    assert.equal(mail?.id, MessageId);
    assert.equal(mail?.subject, 'kept');
  });

  it('listens only on the host it is given', async () => {
    const elsewhere = ['127.0.0.2', ...Object.values(networkInterfaces()).flat().filter((info) => info && info.family === 'IPv4' && !info.internal).map((info) => info!.address)];
    for (const other of elsewhere) {
      await assert.rejects(fetch(`http://${other}:${port}/_mail`, { signal: AbortSignal.timeout(2000) }), `reachable on ${other}`);
    }
    assert.equal((await fetch(`${endpoint}/_mail`)).status, 200);
  });

  it("delivers the app's own sendEmail (lib/email/send.ts) with the local EMAIL_FROM", async () => {
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
    const [mail] = await mailTo(to);
    assert.equal(mail?.id, messageId);
    assert.equal(mail?.from, 'Todoer <no-reply@todoer.local>');
    assert.equal(mail?.subject, 'Ann invited you to “Groceries” on Todoer');
    assert.match(mail?.text ?? '', /http:\/\/localhost:3000\/invitations\/abc/);
    assert.match(mail?.html ?? '', /href="http:\/\/localhost:3000\/invitations\/abc"/);
  });

  it('DELETE /_mail forgets every caught email', async () => {
    const response = await fetch(`${endpoint}/_mail`, { method: 'DELETE' });
    assert.equal(response.status, 200);
    assert.ok(((await response.json()) as { deleted: number }).deleted > 0);
    assert.deepEqual(((await (await fetch(`${endpoint}/_mail`)).json()) as { items: unknown[] }).items, []);
  });
});
