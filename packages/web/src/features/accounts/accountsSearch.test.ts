import { describe, expect, it } from 'vitest';
import { parseAccountsSearch } from './accountsSearch';

describe('the account list filters in the address', () => {
  it.each([
    [{}, {}],
    [
      { pair: 'missing_partner', openDeals: true },
      { pair: 'missing_partner', openDeals: true },
    ],
    [
      { pair: 'both', openDeals: 'true', teamId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' },
      { pair: 'both', openDeals: true, teamId: '0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b' },
    ],
    // what the API would refuse stays out of the list's query
    [{ pair: 'all', openDeals: 'yes', teamId: 'nord; drop' }, {}],
    [{ openDeals: false, teamId: 42 }, {}],
    [{ teamId: 'x'.repeat(65) }, {}],
  ])('%j → %j', (search, expected) => {
    expect(parseAccountsSearch(search)).toEqual(expected);
  });
});
