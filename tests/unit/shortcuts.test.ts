/** The shortcut list the help dialog shows and the global handler reads: no key does two things. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { GO_KEYS, GO_PREFIX_KEY } from '../../components/shortcuts/shortcut-keys';
import { SHORTCUT_GROUPS } from '../../components/shortcuts/shortcut-list';

const sequences = SHORTCUT_GROUPS.flatMap((group) => group.shortcuts.flatMap((shortcut) => shortcut.keys));

describe('shortcut list', () => {
  it('lists each key sequence once', () => {
    const seen = sequences.map((sequence) => sequence.join(' '));
    assert.deepEqual(seen.filter((key, index) => seen.indexOf(key) !== index), []);
  });

  it('binds no single key that starts a sequence (it would fire before the second key)', () => {
    const prefixes = new Set(sequences.filter((sequence) => sequence.length > 1).map((sequence) => sequence[0]));
    assert.deepEqual([...prefixes], [GO_PREFIX_KEY]);
    assert.deepEqual(sequences.filter((sequence) => sequence.length === 1 && prefixes.has(sequence[0])), []);
  });

  it('describes every go-to key the handler knows', () => {
    for (const key of Object.values(GO_KEYS)) {
      assert.ok(sequences.some((sequence) => sequence.join(' ') === `${GO_PREFIX_KEY} ${key}`), `g ${key} is in the help`);
    }
  });
});
