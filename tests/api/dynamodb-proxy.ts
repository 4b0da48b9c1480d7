/**
 * A proxy in front of the DynamoDB emulator for fault tests: each request is forwarded unless `decide`
 * refuses it (an error DynamoDB could answer) or holds its answer (a reply lost past the SDK's timeout).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { requiredEnv } from './client';

export type ProxyDecision = { readonly refuse?: { readonly status: number; readonly type: string }; readonly holdAnswerMs?: number };
export type DynamoProxy = { readonly url: string; close(): Promise<void> };

/** `operation` is the request's X-Amz-Target (e.g. "DynamoDB_20120810.PutItem"), `body` its JSON. */
export async function startDynamoProxy(decide: (operation: string, body: Buffer) => ProxyDecision): Promise<DynamoProxy> {
  const target = new URL(requiredEnv('TEST_DYNAMODB_ENDPOINT'));
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const body = Buffer.concat(chunks);
      const decision = decide(String(request.headers['x-amz-target'] ?? ''), body);
      if (decision.refuse) {
        response.writeHead(decision.refuse.status, { 'content-type': 'application/x-amz-json-1.0' });
        response.end(JSON.stringify({ __type: decision.refuse.type, message: 'Injected by the test' }));
        return;
      }
      const forward = http.request({ host: target.hostname, port: target.port, path: request.url, method: request.method, headers: request.headers }, (answer) => {
        const answerChunks: Buffer[] = [];
        answer.on('data', (chunk: Buffer) => answerChunks.push(chunk));
        answer.on('end', () => {
          setTimeout(() => {
            if (response.destroyed) return;
            response.writeHead(answer.statusCode ?? 500, answer.headers);
            response.end(Buffer.concat(answerChunks));
          }, decision.holdAnswerMs ?? 0);
        });
      });
      forward.on('error', () => response.destroy());
      forward.end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
