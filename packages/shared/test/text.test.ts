import { describe, expect, it } from 'vitest';
import { sortKey } from '../src/text.js';

describe('sortKey', () => {
  it.each([
    ['Müller', 'muller'],
    ['  Özdemir ', 'ozdemir'],
    ['Straße', 'strasse'],
    ['ÄRGER', 'arger'],
    ['Yılmaz', 'yılmaz'],
    ['François', 'francois'],
    ['', ''],
  ])('%j → %j', (input, expected) => {
    expect(sortKey(input)).toBe(expected);
  });

  it('sorts umlauts with their base letter, not after z', () => {
    const names = ['Zander', 'Özdemir', 'Otto', 'Abel'];
    expect([...names].sort((a, b) => (sortKey(a) < sortKey(b) ? -1 : 1))).toEqual([
      'Abel',
      'Otto',
      'Özdemir',
      'Zander',
    ]);
  });
});
