/** The text/event-stream wire format (WHATWG HTML, "Server-sent events"): one frame per call. */

const encoder = new TextEncoder();

export type SseEvent = { readonly event: string; readonly data: unknown; readonly id?: number };

export function eventFrame({ event, data, id }: SseEvent): Uint8Array {
  // JSON never holds a raw newline, so the data fits on one `data:` line.
  return encoder.encode(`${id !== undefined ? `id: ${id}\n` : ''}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** A comment line: ignored by EventSource, keeps proxies from closing an idle connection. */
export function commentFrame(text: string): Uint8Array {
  return encoder.encode(`: ${text}\n\n`);
}

/** How long EventSource waits before reconnecting after the stream ends. */
export function retryFrame(ms: number): Uint8Array {
  return encoder.encode(`retry: ${ms}\n\n`);
}
