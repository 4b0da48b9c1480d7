import { CsvError } from 'csv-parse';
import { parse } from 'csv-parse/sync';
import { ImportRejectedError } from './rejected';

/**
 * CSV (RFC 4180, as Todoist writes it: a header, quoted fields that may hold commas, quotes and line
 * breaks, an optional byte-order mark) read with csv-parse. Each row keeps the line it ends on, so a
 * report can point at it.
 */

export type CsvRow = { readonly line: number; readonly cells: readonly string[] };

export function readCsv(text: string): { header: string[]; rows: CsvRow[] } {
  const lines: number[] = [];
  let records: string[][];
  try {
    records = parse(text, {
      bom: true,
      relax_column_count: true,
      // Files edited by hand mix line ends; inside quotes a line break is part of the field either way.
      record_delimiter: ['\r\n', '\n', '\r'],
      skip_empty_lines: true,
      on_record: (record: string[], context) => {
        lines.push(context.lines);
        return record;
      },
    });
  } catch (error) {
    if (!(error instanceof CsvError)) throw error;
    const line = typeof error.lines === 'number' ? error.lines : undefined;
    throw new ImportRejectedError('The file is not valid CSV.', [{ ...(line ? { line } : {}), reason: error.message }]);
  }
  const [header, ...body] = records;
  if (!header) throw new ImportRejectedError('The file is empty.', [{ line: 1, reason: 'No header row.' }]);
  return { header: header.map((name) => name.trim()), rows: body.map((cells, index) => ({ line: lines[index + 1]!, cells })) };
}
