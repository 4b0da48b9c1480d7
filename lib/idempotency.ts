import 'server-only';
import { createHash } from 'node:crypto';
import { ConditionalCheckFailedException } from '@aws-sdk/client-dynamodb';
import { DeleteCommand, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { dynamodb } from './aws/dynamodb';
import { env } from './env';
import { AppError, BadRequestError, ConflictError } from './errors';
import { readBodyText } from './http';

/**
 * `Idempotency-Key` on creations (SPEC §6.4): the same key with the same request within 24 h gets the
 * first answer again and creates nothing twice; the same key with another request is 422. Records are
 * kept per person in the sessions table (`IDEMPOTENCY#<hash of the key>`), expiring by TTL.
 */

const KEPT_SECONDS = 24 * 60 * 60;
const KEY = /^[\x21-\x7e]{1,255}$/;
/** Headers a replay must give back as the first answer gave them. */
const REPLAYED_HEADERS = ['content-type', 'location', 'etag'];

const table = () => env().SESSIONS_TABLE;
const sha256 = (text: string) => createHash('sha256').update(text).digest('base64url');

type StoredAnswer = {
  readonly fingerprint: string;
  readonly state: 'started' | 'done';
  readonly status?: number;
  readonly body?: string;
  readonly headers?: Readonly<Record<string, string>>;
};

class KeyReused extends AppError {
  constructor() {
    super(422, 'Idempotency key reused', 'This Idempotency-Key was already used for a different request. Use a new key for a new request.');
  }
}

/**
 * Runs a creation at most once per key: `run` gets a request with the same body (already read here),
 * and its answer is kept for replays. Without the header, `run` simply runs. `maxBodyBytes` is for
 * routes whose bodies may be larger than a JSON body (an import file).
 */
export async function idempotent(
  request: Request,
  userId: string,
  run: (request: Request) => Promise<Response>,
  options: { readonly maxBodyBytes?: number } = {},
): Promise<Response> {
  const key = request.headers.get('idempotency-key');
  if (key === null) return run(request);
  if (!KEY.test(key)) throw new BadRequestError('Idempotency-Key is 1 to 255 visible ASCII characters.');
  const body = await readBodyText(request, options.maxBodyBytes);
  const url = new URL(request.url);
  const fingerprint = sha256(`${request.method} ${url.pathname}${url.search}\n${body}`);
  const itemKey = { user_id: userId, sk: `IDEMPOTENCY#${sha256(key)}` };
  try {
    await dynamodb().send(
      new PutCommand({
        TableName: table(),
        Item: { ...itemKey, fingerprint, state: 'started', expires_at: Math.floor(Date.now() / 1000) + KEPT_SECONDS },
        ConditionExpression: 'attribute_not_exists(sk)',
      }),
    );
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const { Item } = await dynamodb().send(new GetCommand({ TableName: table(), Key: itemKey, ConsistentRead: true }));
    const seen = Item as StoredAnswer | undefined;
    if (!seen) throw new ConflictError('That request is just finishing; send it again in a moment.');
    if (seen.fingerprint !== fingerprint) throw new KeyReused();
    if (seen.state !== 'done') throw new ConflictError('A request with this Idempotency-Key is still being processed; send it again in a moment.');
    return new Response(seen.body ?? null, { status: seen.status ?? 200, headers: { ...seen.headers, 'idempotent-replayed': 'true' } });
  }
  let response: Response;
  try {
    response = await run(new Request(request.url, { method: request.method, headers: request.headers, body }));
  } catch (error) {
    // Nothing was kept: a retry with the same key runs again.
    await dynamodb().send(new DeleteCommand({ TableName: table(), Key: itemKey }));
    throw error;
  }
  const text = await response.text();
  if (response.status >= 500) {
    await dynamodb().send(new DeleteCommand({ TableName: table(), Key: itemKey }));
  } else {
    const headers = Object.fromEntries(REPLAYED_HEADERS.flatMap((name) => (response.headers.get(name) ? [[name, response.headers.get(name)!]] : [])));
    await dynamodb().send(
      new PutCommand({
        TableName: table(),
        Item: { ...itemKey, fingerprint, state: 'done', status: response.status, body: text, headers, expires_at: Math.floor(Date.now() / 1000) + KEPT_SECONDS },
      }),
    );
  }
  return new Response(text, { status: response.status, headers: response.headers });
}
