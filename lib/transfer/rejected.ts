import { AppError } from '../errors';
import { MAX_REPORTED_SKIPS, type SkippedEntry } from './model';

/** A file that cannot be imported at all (garbage, wrong columns, another format): 400 with the report, nothing written. */
export class ImportRejectedError extends AppError {
  constructor(detail: string, skipped: readonly SkippedEntry[] = []) {
    super(400, 'Import rejected', detail, {
      report: { imported: { lists: 0, tasks: 0 }, skipped: skipped.slice(0, MAX_REPORTED_SKIPS), skippedCount: skipped.length },
    });
  }
}
