/**
 * The benchmark's baseline: a bare node:http server doing what GET/POST /api/tasks do underneath,
 * through the app's own modules (same SDK client, same token verifier, same DynamoDB Query), with
 * no Next.js around them. Run with --conditions=react-server so `import 'server-only'` resolves.
 * Configuration comes from the same environment variables as the app; the port is argv[2].
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { callerActor, callerProfile } from '../lib/auth/caller';
import { verifyAccessToken } from '../lib/auth/tokens';
import { ensureInbox } from '../lib/lists/service';
import { createTaskSchema, listTasksQuerySchema } from '../lib/tasks/schema';
import { createTask, listTasks } from '../lib/tasks/service';

const port = Number(process.argv[2]);

async function readBody(request: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

function send(response: ServerResponse, status: number, body: unknown) {
  const text = JSON.stringify(body);
  response.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  response.end(text);
}

const server = createServer(async (request, response) => {
  try {
    const token = /^Bearer (.+)$/.exec(request.headers.authorization ?? '')?.[1];
    if (!token) return send(response, 401, { title: 'Unauthorized' });
    const { sub } = await verifyAccessToken(token);
    const url = new URL(request.url ?? '/', 'http://localhost');
    if (request.method === 'GET' && url.pathname === '/api/tasks') {
      const query = listTasksQuerySchema.parse(Object.fromEntries(url.searchParams));
      return send(response, 200, await listTasks(sub, query));
    }
    if (request.method === 'POST' && url.pathname === '/api/tasks') {
      const { listId, ...input } = createTaskSchema.parse(JSON.parse(await readBody(request)));
      const user = { id: sub, accessToken: token, sessionId: null };
      return send(response, 201, await createTask(await callerActor(user), listId ?? (await ensureInbox(await callerProfile(user))), input));
    }
    send(response, 404, { title: 'Not found' });
  } catch (error) {
    send(response, 500, { title: error instanceof Error ? error.message : 'error' });
  }
});

server.listen(port, '127.0.0.1', () => process.send?.({ ready: true }));
process.on('disconnect', () => process.exit(0));
