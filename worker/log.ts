/** One JSON line per event: CloudWatch Logs (Lambda) and the local launcher both read them as they are. */
export function log(level: 'info' | 'warn' | 'error', event: string, fields: Record<string, unknown> = {}): void {
  console[level](JSON.stringify({ level, event, ...fields }));
}
