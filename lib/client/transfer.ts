import { DEFAULT_IMPORT_LIST_NAME, MAX_IMPORT_BYTES, type ImportReport, type SkippedEntry } from '../transfer/model';
import { apiFetch, ApiError } from './api';

/** The account page's export and import calls (SPEC §6.2): the export as a file, a picked file imported. */

const CONTENT_TYPES: Record<string, string> = { json: 'application/json', csv: 'text/csv' };

/** Fetches the export and hands it to the browser as a download. */
export async function downloadExport(): Promise<void> {
  const document_ = await apiFetch('/api/export');
  const url = URL.createObjectURL(new Blob([JSON.stringify(document_, null, 2)], { type: 'application/json' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = `todoer-export-${new Date().toISOString().slice(0, 10)}.json`;
  link.click();
  URL.revokeObjectURL(url);
}

function isSkippedEntry(value: unknown): value is SkippedEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Record<string, unknown>;
  return typeof entry.reason === 'string' && (entry.line === undefined || typeof entry.line === 'number') && (entry.path === undefined || typeof entry.path === 'string');
}

/** An import's report as the server sent it, checked; null when it is not one. */
export function readReport(value: unknown): ImportReport | null {
  if (typeof value !== 'object' || value === null) return null;
  const { imported, skipped, skippedCount } = value as Record<string, unknown>;
  if (typeof imported !== 'object' || imported === null || !Array.isArray(skipped) || typeof skippedCount !== 'number') return null;
  const { lists, tasks } = imported as Record<string, unknown>;
  if (typeof lists !== 'number' || typeof tasks !== 'number' || !skipped.every(isSkippedEntry)) return null;
  return { imported: { lists, tasks }, skipped, skippedCount };
}

/** Imports a .json (Todoer) or .csv (Todoist) file; a refused file throws ApiError, its report in `extensions.report`. */
export async function importFile(file: File): Promise<ImportReport> {
  const extension = file.name.split('.').pop()?.toLowerCase() ?? '';
  // The name decides (browsers report .csv files as several types); a name without one falls back on the type.
  const contentType = CONTENT_TYPES[extension] ?? Object.values(CONTENT_TYPES).find((type) => type === file.type);
  if (!contentType) throw new ApiError(0, 'Unsupported file', 'Pick a .json file exported from Todoer or a .csv file exported from Todoist.');
  if (file.size > MAX_IMPORT_BYTES) throw new ApiError(0, 'File too large', `Import files are at most ${MAX_IMPORT_BYTES / 1024 / 1024} MB.`);
  const name = file.name.replace(/\.[^.]*$/, '') || DEFAULT_IMPORT_LIST_NAME;
  const answer = await apiFetch(`/api/import?name=${encodeURIComponent(name)}`, {
    method: 'POST',
    body: file,
    headers: { 'Content-Type': contentType, 'Idempotency-Key': crypto.randomUUID() },
  });
  const report = readReport(answer);
  if (!report) throw new ApiError(200, 'Unexpected response', 'The server sent a response Todoer could not read.');
  return report;
}
