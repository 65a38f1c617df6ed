import { describe, expect, it } from 'vitest';
import { moveBy, removeAt, replaceAt } from './lists.js';

describe('list helpers', () => {
  const list = [
    { id: 'a', n: 1 },
    { id: 'b', n: 2 },
    { id: 'c', n: 3 },
  ];

  it('replaceAt patches one item and leaves the input alone', () => {
    expect(replaceAt(list, 1, { n: 20 })).toEqual([
      { id: 'a', n: 1 },
      { id: 'b', n: 20 },
      { id: 'c', n: 3 },
    ]);
    expect(list[1]).toEqual({ id: 'b', n: 2 });
  });

  it('removeAt drops one item', () => {
    expect(removeAt(list, 0).map((x) => x.id)).toEqual(['b', 'c']);
    expect(removeAt(list, 5)).toEqual(list);
  });

  it('moveBy moves one item and stops at the ends', () => {
    expect(moveBy(list, 0, 1).map((x) => x.id)).toEqual(['b', 'a', 'c']);
    expect(moveBy(list, 2, -1).map((x) => x.id)).toEqual(['a', 'c', 'b']);
    expect(moveBy(list, 0, -1).map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(moveBy(list, 2, 5).map((x) => x.id)).toEqual(['a', 'b', 'c']);
    expect(list.map((x) => x.id)).toEqual(['a', 'b', 'c']);
  });
});
