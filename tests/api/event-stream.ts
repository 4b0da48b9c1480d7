/**
 * A Server-Sent Events client for tests: GET /api/events over real HTTP with the session's cookies,
 * parsed frame by frame (WHATWG "event stream interpretation", the parts the app uses).
 */
import type { Session } from './client';

export type StreamEvent = { readonly event: string; readonly data: string; readonly id: string | null; readonly receivedAt: number };

type Waiter = { readonly match: (event: StreamEvent) => boolean; readonly resolve: (event: StreamEvent) => void };

export class EventStream {
  readonly events: StreamEvent[] = [];
  readonly comments: { text: string; receivedAt: number }[] = [];
  /** Resolves when the server ends the stream. */
  readonly ended: Promise<void>;
  private readonly waiters = new Set<Waiter>();
  private seen = 0;

  constructor(
    readonly headers: Headers,
    body: ReadableStream<Uint8Array>,
    private readonly abort: AbortController,
  ) {
    this.ended = this.read(body);
  }

  private async read(body: ReadableStream<Uint8Array>): Promise<void> {
    const decoder = new TextDecoder();
    let buffer = '';
    const reader = body.getReader();
    try {
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += decoder.decode(value, { stream: true });
        let end: number;
        while ((end = buffer.indexOf('\n\n')) >= 0) {
          this.frame(buffer.slice(0, end));
          buffer = buffer.slice(end + 2);
        }
      }
    } catch {
      // Aborted by the test.
    }
  }

  private frame(text: string): void {
    let event = 'message';
    let id: string | null = null;
    const data: string[] = [];
    for (const line of text.split('\n')) {
      if (line.startsWith(':')) this.comments.push({ text: line.slice(1).trim(), receivedAt: Date.now() });
      else if (line.startsWith('event: ')) event = line.slice(7);
      else if (line.startsWith('data: ')) data.push(line.slice(6));
      else if (line.startsWith('id: ')) id = line.slice(4);
    }
    if (data.length === 0) return;
    const received: StreamEvent = { event, data: data.join('\n'), id, receivedAt: Date.now() };
    this.events.push(received);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(received)) {
        this.waiters.delete(waiter);
        waiter.resolve(received);
      }
    }
  }

  /** The next event (after those already taken by earlier calls) that matches, within `withinMs`. */
  next(match: (event: StreamEvent) => boolean = () => true, withinMs = 5000): Promise<StreamEvent> {
    const earlier = this.events.slice(this.seen).findIndex(match);
    if (earlier >= 0) {
      this.seen += earlier + 1;
      return Promise.resolve(this.events[this.seen - 1]!);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiters.delete(waiter);
        reject(new Error(`no matching event within ${withinMs} ms; got ${JSON.stringify(this.events.slice(this.seen))}`));
      }, withinMs);
      const waiter: Waiter = {
        match,
        resolve: (event) => {
          clearTimeout(timer);
          this.seen = this.events.indexOf(event) + 1;
          resolve(event);
        },
      };
      this.waiters.add(waiter);
    });
  }

  close(): void {
    this.abort.abort();
  }
}

export type OpenResult = { readonly status: number; readonly headers: Headers; readonly stream: EventStream | null; readonly body: unknown };

/** Opens the stream at `baseUrl` (default: the session's own server) as the session's person. */
export async function openEvents(session: Session, options: { baseUrl?: string; lastEventId?: string } = {}): Promise<OpenResult> {
  const abort = new AbortController();
  const headers: Record<string, string> = { accept: 'text/event-stream' };
  if (session.cookies.size > 0) headers.cookie = [...session.cookies].map(([name, value]) => `${name}=${value}`).join('; ');
  if (options.lastEventId !== undefined) headers['last-event-id'] = options.lastEventId;
  const response = await fetch(`${options.baseUrl ?? session.baseUrl}/api/events`, { headers, signal: abort.signal });
  if (response.status !== 200 || !response.body) {
    const text = await response.text();
    return { status: response.status, headers: response.headers, stream: null, body: text ? (JSON.parse(text) as unknown) : null };
  }
  return { status: 200, headers: response.headers, stream: new EventStream(response.headers, response.body, abort), body: null };
}

/** Opens the stream and fails the test unless it is one. */
export async function mustOpenEvents(session: Session, options: { baseUrl?: string; lastEventId?: string } = {}): Promise<EventStream> {
  const opened = await openEvents(session, options);
  if (!opened.stream) throw new Error(`GET /api/events: ${opened.status} ${JSON.stringify(opened.body)}`);
  return opened.stream;
}

export type ChangeData = { listId?: string; taskId?: string; version?: number; type: string };

export const isChange = (match: (data: ChangeData) => boolean) => (event: StreamEvent) => event.event === 'change' && match(JSON.parse(event.data) as ChangeData);
