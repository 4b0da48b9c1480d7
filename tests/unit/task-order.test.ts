/** Manual order on the client: the one key a keyboard or drag move writes. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { positionForMove, stepIndex } from '../../components/tasks/task-order';

/** The keys after the item at `from` takes `key` and the list is sorted as the index sorts it. */
function orderAfter(positions: readonly string[], from: number, key: string): string[] {
  const labels = positions.map((_, index) => String.fromCharCode(65 + index));
  const keyed = positions.map((position, index) => ({ label: labels[index]!, position: index === from ? key : position }));
  return keyed.sort((a, b) => (a.position < b.position ? -1 : a.position > b.position ? 1 : 0)).map((item) => item.label);
}

describe('positionForMove', () => {
  const positions = ['a0', 'a1', 'a2', 'a3'];

  it('moves one place down, between the next two', () => {
    const key = positionForMove(positions, 1, 2);
    assert.ok(key);
    assert.deepEqual(orderAfter(positions, 1, key), ['A', 'C', 'B', 'D']);
  });

  it('moves one place up, between the two before', () => {
    const key = positionForMove(positions, 2, 1);
    assert.ok(key);
    assert.deepEqual(orderAfter(positions, 2, key), ['A', 'C', 'B', 'D']);
  });

  it('moves to the top and to the bottom', () => {
    const top = positionForMove(positions, 3, 0);
    const bottom = positionForMove(positions, 0, 3);
    assert.ok(top && bottom);
    assert.deepEqual(orderAfter(positions, 3, top), ['D', 'A', 'B', 'C']);
    assert.deepEqual(orderAfter(positions, 0, bottom), ['B', 'C', 'D', 'A']);
  });

  it('moves across several places (a drag)', () => {
    const key = positionForMove(positions, 0, 2);
    assert.ok(key);
    assert.deepEqual(orderAfter(positions, 0, key), ['B', 'C', 'A', 'D']);
  });

  it('answers null for no move, out of range, or neighbours with equal keys', () => {
    assert.equal(positionForMove(positions, 1, 1), null);
    assert.equal(positionForMove(positions, -1, 0), null);
    assert.equal(positionForMove(positions, 0, 4), null);
    assert.equal(positionForMove(['a0', 'a1', 'a1'], 0, 1), null);
  });

  it('keeps finding room after many moves into the same gap', () => {
    let list = ['a0', 'a1', 'a2'];
    for (let round = 0; round < 50; round += 1) {
      const key = positionForMove(list, 2, 1);
      assert.ok(key, `round ${round}`);
      list = [list[0]!, key, list[1]!];
      assert.ok(list[0]! < list[1]! && list[1]! < list[2]!, `round ${round}: ${list.join(' ')}`);
    }
  });
});

describe('stepIndex', () => {
  it('steps within bounds and stops at the ends', () => {
    assert.equal(stepIndex(0, 3, 'down'), 1);
    assert.equal(stepIndex(2, 3, 'down'), null);
    assert.equal(stepIndex(0, 3, 'up'), null);
    assert.equal(stepIndex(2, 3, 'up'), 1);
  });
});
