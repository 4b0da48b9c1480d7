import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { parseEnv } from '../../lib/env';
import { ServiceUnavailableError } from '../../lib/errors';
import { sendEmail } from '../../lib/email/send';
import { invitationEmail, type InvitationEmailInput } from '../../lib/email/templates';

const invitation: InvitationEmailInput = {
  inviterName: 'Ann Lee',
  inviterEmail: 'ann@example.com',
  listName: 'Groceries',
  role: 'editor',
  acceptUrl: 'https://todoer.example/invitations/abc123',
};

describe('invitationEmail', () => {
  it('says who invited them to which list, with which role, and links to the invitation', () => {
    const email = invitationEmail(invitation);
    assert.equal(email.subject, 'Ann Lee invited you to “Groceries” on Todoer');
    assert.match(email.text, /Ann Lee \(ann@example\.com\) invited you to the list “Groceries” on Todoer as an editor/);
    assert.match(email.text, /add, change and complete its tasks/);
    assert.ok(email.text.includes('\nhttps://todoer.example/invitations/abc123\n'));
    assert.match(email.text, /No Todoer account yet\? Create one with this email address at the link above, and the invitation will be waiting for you\./);
    assert.match(email.html, /<strong>Ann Lee<\/strong> \(ann@example\.com\) invited you to the list <strong>“Groceries”<\/strong>/);
    assert.match(email.html, /as an editor/);
    assert.match(email.html, /<a href="https:\/\/todoer\.example\/invitations\/abc123"/);
    assert.match(email.html, /the invitation will be waiting for you/);
  });

  it('describes the viewer role', () => {
    const email = invitationEmail({ ...invitation, role: 'viewer' });
    assert.match(email.text, /as a viewer: you can see its tasks\./);
    assert.match(email.html, /as a viewer: you can see its tasks\./);
    assert.doesNotMatch(email.text, /editor/);
  });

  it('escapes every user value in the HTML and keeps them on one line', () => {
    const email = invitationEmail({
      ...invitation,
      inviterName: '<script>alert("x")</script>',
      inviterEmail: "o'brien@example.com",
      listName: 'Home & <b>Garden</b>\r\nBcc: victim@example.com',
      acceptUrl: 'https://todoer.example/invitations/abc?x=1&y="2"',
    });
    assert.doesNotMatch(email.html, /<script>|<b>Garden/);
    assert.ok(email.html.includes('&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;'));
    assert.ok(email.html.includes('o&#39;brien@example.com'));
    assert.ok(email.html.includes('Home &amp; &lt;b&gt;Garden&lt;/b&gt; Bcc: victim@example.com'));
    assert.ok(email.html.includes('href="https://todoer.example/invitations/abc?x=1&amp;y=%222%22"'));
    assert.doesNotMatch(email.subject, /[\r\n]/);
    assert.ok(email.text.includes('“Home & <b>Garden</b> Bcc: victim@example.com”'), 'the text version is plain text, not escaped');
  });

  it('uses the email address when the inviter has no name, and shortens long names in the subject', () => {
    const email = invitationEmail({ ...invitation, inviterName: '  ', listName: 'L'.repeat(200) });
    assert.match(email.subject, /^ann@example\.com invited you to “L+…” on Todoer$/);
    assert.ok(email.subject.length < 120);
    assert.match(email.text, /^ann@example\.com invited you/m);
    assert.ok(email.text.includes('L'.repeat(200)), 'the body keeps the whole list name');
  });

  it('refuses links that are not absolute http(s) URLs', () => {
    assert.throws(() => invitationEmail({ ...invitation, acceptUrl: 'javascript:alert(1)' }), TypeError);
    assert.throws(() => invitationEmail({ ...invitation, acceptUrl: '/invitations/abc' }), TypeError);
  });
});

describe('EMAIL_FROM and AWS_ENDPOINT_URL_SESV2', () => {
  const localIds = { COGNITO_USER_POOL_ID: 'local_abc123', COGNITO_CLIENT_ID: 'client' };
  const cloud = {
    APP_MODE: 'cloud',
    AWS_REGION: 'eu-west-1',
    APP_ORIGIN: 'https://todo.example.com',
    COGNITO_USER_POOL_ID: 'eu-west-1_AbC123',
    COGNITO_CLIENT_ID: 'abc',
    ATTACHMENTS_BUCKET: 'bucket-name',
    CURSOR_SECRET: 'x'.repeat(32),
    EVENTS_TOPIC_ARN: 'arn:aws:sns:eu-west-1:123456789012:todoer-prod-task-events',
  };

  it('defaults to the local mail catcher and a local sender in local mode', () => {
    const env = parseEnv({ APP_MODE: 'local', ...localIds });
    assert.equal(env.EMAIL_FROM, 'Todoer <no-reply@todoer.local>');
    assert.equal(env.AWS_ENDPOINT_URL_SESV2, 'http://127.0.0.1:4572');
  });

  it('is optional in the cloud, accepts an address with or without a name, rejects anything else', () => {
    assert.equal(parseEnv(cloud).EMAIL_FROM, undefined);
    assert.equal(parseEnv({ ...cloud, EMAIL_FROM: 'no-reply@todo.example.com' }).EMAIL_FROM, 'no-reply@todo.example.com');
    assert.equal(parseEnv({ ...cloud, EMAIL_FROM: 'Todoer <no-reply@todo.example.com>' }).EMAIL_FROM, 'Todoer <no-reply@todo.example.com>');
    for (const bad of ['todoer', 'Todoer <no-reply>', 'a@b.com, c@d.com']) {
      assert.throws(() => parseEnv({ ...cloud, EMAIL_FROM: bad }), /EMAIL_FROM must be an email address/);
    }
  });
});

describe('sendEmail', () => {
  let server: Server;
  const requests: { url?: string; body: Record<string, unknown> }[] = [];
  let answer: { status: number; type?: string; body: unknown } = { status: 200, body: { MessageId: 'm-1' } };

  before(async () => {
    server = createServer((request, response) => {
      let body = '';
      request.on('data', (chunk: Buffer) => (body += chunk.toString()));
      request.on('end', () => {
        requests.push({ url: request.url, body: JSON.parse(body) as Record<string, unknown> });
        response.writeHead(answer.status, { 'content-type': 'application/json', ...(answer.type ? { 'x-amzn-ErrorType': answer.type } : {}) });
        response.end(JSON.stringify(answer.body));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    // env() is parsed once per process, on first use: this file is the process.
    Object.assign(process.env, {
      APP_MODE: 'local',
      COGNITO_USER_POOL_ID: 'local_abc123',
      COGNITO_CLIENT_ID: 'client',
      AWS_ENDPOINT_URL_SESV2: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
      EMAIL_FROM: 'Todoer Tests <tests@todoer.local>',
    });
  });

  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('sends UTF-8 Simple content from EMAIL_FROM and answers the message id', async () => {
    const result = await sendEmail({ to: 'bob@example.com', subject: 'Hi\r\nBcc: x@example.com', text: 'Café', html: '<p>Café</p>' });
    assert.deepEqual(result, { messageId: 'm-1' });
    const [request] = requests;
    assert.equal(request?.url, '/v2/email/outbound-emails');
    assert.deepEqual(request?.body, {
      FromEmailAddress: 'Todoer Tests <tests@todoer.local>',
      Destination: { ToAddresses: ['bob@example.com'] },
      Content: {
        Simple: {
          Subject: { Data: 'Hi Bcc: x@example.com', Charset: 'UTF-8' },
          Body: { Text: { Data: 'Café', Charset: 'UTF-8' }, Html: { Data: '<p>Café</p>', Charset: 'UTF-8' } },
        },
      },
    });
  });

  it('answers 503 "email" when SES refuses for reasons of the account (unverified sender, sandbox)', async () => {
    answer = { status: 400, type: 'MessageRejected', body: { message: 'Email address is not verified.' } };
    await assert.rejects(sendEmail({ to: ['a@example.com'], subject: 's', text: 't' }), (error: unknown) => {
      assert.ok(error instanceof ServiceUnavailableError);
      assert.equal(error.service, 'email');
      assert.equal(error.status, 503);
      return true;
    });
  });

  it('answers 503 "email" when SES cannot be reached', async () => {
    const port = (server.address() as AddressInfo).port;
    await new Promise<void>((resolve) => server.close(() => resolve()));
    try {
      await assert.rejects(sendEmail({ to: 'a@example.com', subject: 's', text: 't' }), ServiceUnavailableError);
    } finally {
      await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    }
  });

  it('answers 503 "email" without sending when EMAIL_FROM is not configured', async () => {
    const { env } = await import('../../lib/env');
    const configured = env();
    const count = requests.length;
    // The parsed configuration is kept for the process; this case needs it without a sender.
    const saved = configured.EMAIL_FROM;
    (configured as { EMAIL_FROM?: string }).EMAIL_FROM = undefined;
    try {
      await assert.rejects(sendEmail({ to: 'a@example.com', subject: 's', text: 't' }), (error: unknown) =>
        error instanceof ServiceUnavailableError && error.service === 'email');
      assert.equal(requests.length, count);
    } finally {
      (configured as { EMAIL_FROM?: string }).EMAIL_FROM = saved;
    }
  });
});
