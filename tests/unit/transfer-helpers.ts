import assert from 'node:assert/strict';
import { ImportRejectedError } from '../../lib/transfer/rejected';

/** Runs a reader that must refuse the file; returns the refusal to look at. */
export function rejected(run: () => unknown): ImportRejectedError {
  try {
    run();
  } catch (error) {
    assert.ok(error instanceof ImportRejectedError, `expected ImportRejectedError, got ${String(error)}`);
    return error;
  }
  assert.fail('expected the file to be rejected');
}
