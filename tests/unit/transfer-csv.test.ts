import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readCsv } from '../../lib/transfer/csv';
import { rejected } from './transfer-helpers';


describe('readCsv', () => {
  it('reads quoted fields with commas, doubled quotes and line breaks, and keeps each row’s line', () => {
    const { header, rows } = readCsv('\ufeffA, B\r\n1,"two, ""2"""\r\n"three\nlines",x\n\n4,5\n');
    assert.deepEqual(header, ['A', 'B']);
    assert.deepEqual(rows, [
      { line: 2, cells: ['1', 'two, "2"'] },
      { line: 4, cells: ['three\nlines', 'x'] },
      { line: 6, cells: ['4', '5'] },
    ]);
  });

  it('accepts rows shorter or longer than the header', () => {
    assert.deepEqual(readCsv('A,B,C\n1\n1,2,3,4\n').rows.map((row) => row.cells.length), [1, 4]);
  });

  it('rejects an unclosed quote with the line it starts on', () => {
    const error = rejected(() => readCsv('A,B\n1,2\n3,"never closed\n'));
    assert.equal(error.status, 400);
    const report = error.extensions.report as { skipped: { line?: number; reason: string }[] };
    assert.equal(report.skipped.length, 1);
    assert.ok(report.skipped[0]!.reason.length > 0);
  });

  it('rejects an empty file', () => {
    assert.equal(rejected(() => readCsv('')).message, 'The file is empty.');
  });
});
