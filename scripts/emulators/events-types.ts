/**
 * The part of fauxqs's Fastify app that the events emulator uses. fauxqs 1.9.2's published typings
 * refer to a `Fastify` namespace that does not exist, so buildApp's return type collapses to `any`;
 * this states what is relied on instead of importing Fastify's types through a transitive dependency.
 */
import type { IncomingHttpHeaders, IncomingMessage } from 'node:http';

export type HookRequest = {
  readonly method: string;
  readonly url: string;
  readonly headers: IncomingHttpHeaders;
  readonly raw: IncomingMessage;
  body: unknown;
};

type Done = (error?: Error) => void;

export interface EventsApp {
  addHook(name: 'onRequest' | 'preValidation', hook: (request: HookRequest, reply: unknown, done: Done) => void): unknown;
  addHook(name: 'onError', hook: (request: HookRequest, reply: unknown, error: Error, done: Done) => void): unknown;
  listen(options: { port: number; host: string }): Promise<string>;
}
