/**
 * Child-process entry for the local mail catcher: an Amazon SES v2 `SendEmail` endpoint that keeps
 * every email instead of delivering it. It speaks the REST/JSON protocol the real
 * @aws-sdk/client-sesv2 sends (`POST /v2/email/outbound-emails`), so the app calls the real client.
 *
 *   POST   /v2/email/outbound-emails  SendEmail: Simple or Raw content → { MessageId }
 *   GET    /_mail[?to=<address>]      { items: [...] }, newest first; `to` matches To, Cc or Bcc
 *   GET    /_mail/<id>                one caught email
 *   DELETE /_mail                     forgets every caught email
 *   GET    /                          a readable page of the caught emails
 *
 * Requests are validated as SES does for the fields used (From, Destination, Content, addresses,
 * 50 recipients) and errors have SES's shape: `x-amzn-ErrorType` and `{"message": ...}`, which the
 * SDK turns into `BadRequestException` etc. SigV4-signed requests are accepted without checking the
 * signature (a local emulator holds no secrets; the credentials are `local`/`local`). There is no
 * sandbox, no identity verification and no delivery. Template content is not supported.
 *
 * Caught mail is kept as JSON files in <dataDir>/ (mail-store.ts), so it survives a restart. One
 * line per email goes to stdout — recipients, subject and the links in its text — which
 * `npm run local` relays, so sign-up and invitation links show in its console.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { MailStore, type CaughtMail } from './mail-store';

const [dataDir, port, host] = process.argv.slice(2);
if (!dataDir || !port || !host || !/^\d+$/.test(port)) {
  console.error('usage: ses-server.ts <dataDir> <port> <host>');
  process.exit(2);
}

/** SES v2's limits: a message of at most 40 MB, at most 50 recipients. */
const MAX_REQUEST_BYTES = 40 * 1024 * 1024;
const MAX_RECIPIENTS = 50;

const store = new MailStore(dataDir);

class SesError extends Error {
  constructor(readonly type: string, message: string, readonly status = 400) {
    super(message);
  }
}

const badRequest = (message: string) => new SesError('BadRequestException', message);

// ---------------------------------------------------------------------------------------------
// Addresses

/** `ann@example.com`, `Ann <ann@example.com>` or `"Lee, Ann" <ann@example.com>`. */
function isMailbox(value: string): boolean {
  const angle = /^(?:"(?:[^"\\]|\\.)*"|[^"<>]*)\s*<([^<>\s]+)>$/.exec(value.trim());
  const address = angle ? angle[1]! : value.trim();
  return /^[^\s@<>",;:()[\]\\]+@[^\s@<>",;:()[\]\\]+\.[^\s@<>",;:()[\]\\]+$/.test(address);
}

function addressList(value: unknown, field: string): string[] {
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value) || value.some((item) => typeof item !== 'string')) {
    throw badRequest(`${field} must be a list of email addresses.`);
  }
  const list = value as string[];
  for (const address of list) {
    if (!isMailbox(address)) throw badRequest(`Illegal address in ${field}: ${JSON.stringify(address)}.`);
  }
  return list;
}

/** Splits an address header at the commas outside quotes and angle brackets. */
function splitAddresses(header: string | undefined): string[] {
  if (!header) return [];
  const result: string[] = [];
  let current = '';
  let quoted = false;
  let angle = 0;
  for (let index = 0; index < header.length; index++) {
    const char = header[index]!;
    if (char === '\\' && quoted) {
      current += char + (header[++index] ?? '');
      continue;
    }
    if (char === '"') quoted = !quoted;
    else if (!quoted && char === '<') angle++;
    else if (!quoted && char === '>') angle = Math.max(0, angle - 1);
    if (char === ',' && !quoted && angle === 0) {
      if (current.trim()) result.push(current.trim());
      current = '';
    } else {
      current += char;
    }
  }
  if (current.trim()) result.push(current.trim());
  return result;
}

// ---------------------------------------------------------------------------------------------
// Raw (MIME) messages, enough of RFC 5322 / 2045-2047 to find the headers and the text and HTML bodies

type MimePart = { headers: Map<string, string>; body: string };

/** Works on latin1 strings (one char per byte) so that bodies keep their bytes until decoded. */
function parsePart(source: string): MimePart {
  const separator = /\r?\n\r?\n/.exec(source);
  const head = separator ? source.slice(0, separator.index) : source;
  const body = separator ? source.slice(separator.index + separator[0].length) : '';
  const headers = new Map<string, string>();
  for (const line of head.replace(/\r?\n[ \t]+/g, ' ').split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    if (!headers.has(name)) headers.set(name, line.slice(colon + 1).trim());
  }
  return { headers, body };
}

function headerParams(value: string | undefined): { value: string; params: Map<string, string> } {
  const [first = '', ...rest] = (value ?? '').split(';');
  const params = new Map<string, string>();
  for (const param of rest) {
    const equals = param.indexOf('=');
    if (equals <= 0) continue;
    params.set(param.slice(0, equals).trim().toLowerCase(), param.slice(equals + 1).trim().replace(/^"(.*)"$/, '$1'));
  }
  return { value: first.trim().toLowerCase(), params };
}

function bytesToText(bytes: Buffer, charset = 'utf-8'): string {
  try {
    return new TextDecoder(charset).decode(bytes);
  } catch {
    return new TextDecoder('utf-8').decode(bytes);
  }
}

function decodeQuotedPrintable(latin1: string, underscoresAreSpaces = false): Buffer {
  const text = (underscoresAreSpaces ? latin1.replace(/_/g, ' ') : latin1).replace(/=\r?\n/g, '');
  return Buffer.from(text.replace(/=([0-9A-Fa-f]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))), 'latin1');
}

/** RFC 2047 encoded words (`=?UTF-8?B?...?=`) in headers; the rest of a header is read as UTF-8. */
function decodeHeader(latin1: string): string {
  const plain = bytesToText(Buffer.from(latin1, 'latin1'));
  return plain
    .replace(/(=\?[^?]+\?[BbQq]\?[^?]*\?=)\s+(?==\?)/g, '$1')
    .replace(/=\?([^?]+)\?([BbQq])\?([^?]*)\?=/g, (_, charset: string, encoding: string, text: string) =>
      bytesToText(encoding.toUpperCase() === 'B' ? Buffer.from(text, 'base64') : decodeQuotedPrintable(text, true), charset),
    );
}

function decodeBody(part: MimePart): string {
  const encoding = (part.headers.get('content-transfer-encoding') ?? '').toLowerCase();
  const bytes =
    encoding === 'base64'
      ? Buffer.from(part.body.replace(/\s+/g, ''), 'base64')
      : encoding === 'quoted-printable'
        ? decodeQuotedPrintable(part.body)
        : Buffer.from(part.body, 'latin1');
  return bytesToText(bytes, headerParams(part.headers.get('content-type')).params.get('charset'));
}

/** The first text/plain and text/html bodies that are not attachments, through nested multiparts. */
function findBodies(part: MimePart, found: { text?: string; html?: string } = {}, depth = 0): { text?: string; html?: string } {
  const type = headerParams(part.headers.get('content-type') ?? 'text/plain');
  const disposition = headerParams(part.headers.get('content-disposition')).value;
  if (type.value.startsWith('multipart/')) {
    const boundary = type.params.get('boundary');
    if (!boundary || depth > 10) return found;
    const delimiter = `--${boundary}`;
    const sections = part.body.split(new RegExp(`(?:^|\\r?\\n)${delimiter.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}`));
    // sections[0] is the preamble; a section starting with "--" follows the closing delimiter.
    for (const section of sections.slice(1)) {
      if (section.startsWith('--')) break;
      findBodies(parsePart(section.replace(/^[ \t]*\r?\n/, '')), found, depth + 1);
    }
    return found;
  }
  if (disposition === 'attachment') return found;
  if (type.value === 'text/plain' && found.text === undefined) found.text = decodeBody(part);
  if (type.value === 'text/html' && found.html === undefined) found.html = decodeBody(part);
  return found;
}

// ---------------------------------------------------------------------------------------------
// SendEmail

type SendEmailRequest = {
  FromEmailAddress?: unknown;
  Destination?: { ToAddresses?: unknown; CcAddresses?: unknown; BccAddresses?: unknown } | null;
  Content?: {
    Simple?: { Subject?: { Data?: unknown }; Body?: { Text?: { Data?: unknown }; Html?: { Data?: unknown } } };
    Raw?: { Data?: unknown };
    Template?: unknown;
  };
};

type Envelope = { from: string; to: string[]; cc: string[]; bcc: string[] };

function optionalString(value: unknown, field: string): string | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${field} must be a string.`);
  return value;
}

function envelope(request: SendEmailRequest, fallback?: MimePart): Envelope {
  const declared = optionalString(request.FromEmailAddress, 'FromEmailAddress');
  const from = declared ?? (fallback && decodeHeader(fallback.headers.get('from') ?? ''));
  if (!from) throw badRequest('Missing required parameter FromEmailAddress (or a From header in Raw content).');
  if (!isMailbox(from)) throw badRequest(`Illegal address in FromEmailAddress: ${JSON.stringify(from)}.`);
  const destination = request.Destination;
  if (destination !== undefined && destination !== null && typeof destination !== 'object') {
    throw badRequest('Destination must be an object.');
  }
  const header = (name: string) => (fallback ? splitAddresses(decodeHeader(fallback.headers.get(name) ?? '')) : []);
  const to = destination ? addressList(destination.ToAddresses, 'Destination.ToAddresses') : addressList(header('to'), 'To');
  const cc = destination ? addressList(destination.CcAddresses, 'Destination.CcAddresses') : addressList(header('cc'), 'Cc');
  const bcc = destination ? addressList(destination.BccAddresses, 'Destination.BccAddresses') : addressList(header('bcc'), 'Bcc');
  const count = to.length + cc.length + bcc.length;
  if (count === 0) throw badRequest('Missing required parameter Destination: at least one To, Cc or Bcc address.');
  if (count > MAX_RECIPIENTS) throw badRequest(`Recipient count exceeds ${MAX_RECIPIENTS}.`);
  return { from, to, cc, bcc };
}

function messageFrom(request: SendEmailRequest): Omit<CaughtMail, 'id' | 'receivedAt'> {
  const content = request.Content;
  if (typeof content !== 'object' || content === null) throw badRequest('Missing required parameter Content.');
  const kinds = (['Simple', 'Raw', 'Template'] as const).filter((kind) => content[kind] !== undefined && content[kind] !== null);
  if (kinds.length !== 1) throw badRequest('Content must have exactly one of Simple, Raw or Template.');
  if (kinds[0] === 'Template') {
    throw badRequest('Template content is not supported by the local mail catcher; send Simple or Raw content.');
  }
  if (kinds[0] === 'Raw') {
    const data = content.Raw?.Data;
    if (typeof data !== 'string' || data === '') throw badRequest('Missing required parameter Content.Raw.Data.');
    const message = parsePart(Buffer.from(data, 'base64').toString('latin1'));
    if (message.headers.size === 0) throw badRequest('Content.Raw.Data is not a MIME message: it has no headers.');
    const bodies = findBodies(message);
    return {
      ...envelope(request, message),
      subject: decodeHeader(message.headers.get('subject') ?? ''),
      text: bodies.text ?? null,
      html: bodies.html ?? null,
    };
  }
  const simple = content.Simple!;
  const subject = optionalString(simple.Subject?.Data, 'Content.Simple.Subject.Data');
  if (subject === undefined) throw badRequest('Missing required parameter Content.Simple.Subject.Data.');
  const text = optionalString(simple.Body?.Text?.Data, 'Content.Simple.Body.Text.Data');
  const html = optionalString(simple.Body?.Html?.Data, 'Content.Simple.Body.Html.Data');
  if (text === undefined && html === undefined) {
    throw badRequest('Missing required parameter Content.Simple.Body: Text or Html.');
  }
  return { ...envelope(request), subject, text: text ?? null, html: html ?? null };
}

/** The shape of SES message ids: a hex timestamp, a UUID and a six-digit suffix. */
function messageId(): string {
  return `${Date.now().toString(16).padStart(16, '0')}-${randomUUID()}-000000`;
}

const LINK = /https?:\/\/[^\s<>"'`)\]]+/g;

function linksIn(text: string): string[] {
  return [...new Set([...text.matchAll(LINK)].map(([link]) => link.replace(/[.,;:!?]+$/, '')))];
}

function logLine(mail: CaughtMail): string {
  const oneLine = (value: string) => value.replace(/[\u0000-\u001f\u007f]+/g, ' ').trim();
  const copies = [mail.cc.length ? `cc ${mail.cc.join(', ')}` : '', mail.bcc.length ? `bcc ${mail.bcc.join(', ')}` : ''].filter(Boolean);
  const recipients = `${mail.to.join(', ') || '(no To)'}${copies.length ? ` (${copies.join('; ')})` : ''}`;
  const links = linksIn(mail.text ?? mail.html ?? '');
  return oneLine(`mail to ${recipients}: ${mail.subject || '(no subject)'}${links.length ? ` ${links.join(' ')}` : ''}`);
}

function sendEmail(body: string) {
  let request: unknown;
  try {
    request = JSON.parse(body);
  } catch {
    throw new SesError('SerializationException', 'The request body is not valid JSON.');
  }
  if (typeof request !== 'object' || request === null || Array.isArray(request)) throw badRequest('The request body must be a JSON object.');
  const mail: CaughtMail = { id: messageId(), ...messageFrom(request as SendEmailRequest), receivedAt: new Date().toISOString() };
  store.add(mail);
  console.log(logLine(mail));
  return { MessageId: mail.id };
}

// ---------------------------------------------------------------------------------------------
// The inspection page

function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (char) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[char]!);
}

/** Escapes the text and makes its http(s) links clickable. */
function linkified(text: string): string {
  let html = '';
  let last = 0;
  for (const match of text.matchAll(LINK)) {
    const link = match[0].replace(/[.,;:!?]+$/, '');
    html += escapeHtml(text.slice(last, match.index)) + `<a href="${escapeHtml(link)}">${escapeHtml(link)}</a>`;
    last = match.index + link.length;
  }
  return html + escapeHtml(text.slice(last));
}

function page(mails: CaughtMail[], to: string | undefined): string {
  const items = mails.map((mail) => {
    const field = (label: string, values: readonly string[]) =>
      values.length ? `<dt>${label}</dt><dd>${escapeHtml(values.join(', '))}</dd>` : '';
    return `<article>
<h2>${escapeHtml(mail.subject || '(no subject)')}</h2>
<dl>${field('From', [mail.from])}${field('To', mail.to)}${field('Cc', mail.cc)}${field('Bcc', mail.bcc)}${field('Received', [mail.receivedAt])}${field('Id', [mail.id])}</dl>
${mail.text !== null ? `<pre>${linkified(mail.text)}</pre>` : ''}
${mail.html !== null ? `<details${mail.text === null ? ' open' : ''}><summary>HTML version</summary><iframe sandbox title="HTML version" srcdoc="${escapeHtml(mail.html)}"></iframe></details>` : ''}
</article>`;
  });
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Todoer mail catcher</title>
<style>
body { font: 15px/1.5 system-ui, sans-serif; max-width: 56rem; margin: 2rem auto; padding: 0 1rem; color: #1f2328; }
article { border: 1px solid #d0d7de; border-radius: 6px; padding: 0.5rem 1rem 1rem; margin: 1rem 0; }
h2 { font-size: 1.1rem; margin: 0.5rem 0; }
dl { display: grid; grid-template-columns: max-content 1fr; gap: 0 1rem; margin: 0 0 0.5rem; }
dt { color: #59636e; } dd { margin: 0; overflow-wrap: anywhere; }
pre { white-space: pre-wrap; overflow-wrap: anywhere; background: #f6f8fa; padding: 0.75rem; border-radius: 6px; }
iframe { width: 100%; height: 24rem; border: 1px solid #d0d7de; background: #fff; }
</style>
</head>
<body>
<h1>Todoer mail catcher</h1>
<p>${mails.length} email${mails.length === 1 ? '' : 's'}${to ? ` to ${escapeHtml(to)}` : ''}, newest first. JSON: <a href="/_mail">/_mail</a>${to ? ` · <a href="/">all recipients</a>` : ''}. Clear with <code>curl -X DELETE ${escapeHtml(`http://${host}:${port}/_mail`)}</code>.</p>
${items.join('\n') || '<p>No mail yet.</p>'}
</body>
</html>
`;
}

// ---------------------------------------------------------------------------------------------
// HTTP

function reply(response: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}) {
  const text = JSON.stringify(body);
  response.writeHead(status, {
    'Content-Type': 'application/json',
    'Content-Length': String(Buffer.byteLength(text)),
    'x-amzn-RequestId': randomUUID(),
    ...headers,
  });
  response.end(text);
}

function replyError(response: ServerResponse, error: SesError) {
  reply(response, error.status, { message: error.message }, { 'x-amzn-ErrorType': error.type });
}

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_REQUEST_BYTES) throw new SesError('MessageRejected', 'Message length is more than 40 megabytes.');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
}

async function route(request: IncomingMessage, response: ServerResponse) {
  const url = new URL(request.url ?? '/', 'http://mail.local');
  const method = request.method ?? 'GET';
  if (url.pathname === '/v2/email/outbound-emails' && method === 'POST') {
    reply(response, 200, sendEmail(await readBody(request)));
    return;
  }
  const to = url.searchParams.get('to') || undefined;
  if (url.pathname === '/_mail' && method === 'GET') {
    reply(response, 200, { items: store.list({ to }) });
    return;
  }
  if (url.pathname === '/_mail' && method === 'DELETE') {
    reply(response, 200, { deleted: store.clear() });
    return;
  }
  const one = /^\/_mail\/([\w-]+)$/.exec(url.pathname);
  if (one && method === 'GET') {
    const mail = store.get(one[1]!);
    if (!mail) throw new SesError('NotFoundException', `No caught email has the id ${one[1]}.`, 404);
    reply(response, 200, mail);
    return;
  }
  if (url.pathname === '/' && (method === 'GET' || method === 'HEAD')) {
    const html = page(store.list({ to }), to);
    response.writeHead(200, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': String(Buffer.byteLength(html)),
      // The emails' own HTML is shown in sandboxed iframes (no scripts); nothing loads from elsewhere.
      'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; img-src data:; frame-src 'self'",
      'X-Content-Type-Options': 'nosniff',
    });
    response.end(method === 'HEAD' ? undefined : html);
    return;
  }
  throw new SesError(
    'NotFoundException',
    `${method} ${url.pathname} is not supported by the local mail catcher (it answers SendEmail, POST /v2/email/outbound-emails).`,
    404,
  );
}

const server = createServer((request, response) => {
  route(request, response).catch((error: unknown) => {
    if (error instanceof SesError) return replyError(response, error);
    console.error(error instanceof Error ? error.stack : error);
    replyError(response, new SesError('InternalFailure', 'Internal server error', 500));
  });
});

server.once('error', (error: Error) => {
  console.error(`mail catcher could not start on ${host}:${port}: ${error.message}`);
  process.exit(1);
});
server.listen(Number(port), host, () => process.send?.({ ready: true }));
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
process.on('SIGINT', () => process.exit(0));
