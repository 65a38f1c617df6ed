import { describe, expect, it } from 'vitest';
import { coverageColor, memberSections, missingPartnerSearch } from './teamPage';

const mia = { id: 'm', name: 'Mia Marketing', department: 'marketing' };
const sam = { id: 's', name: 'Sam Sales', department: 'sales' };
const sina = { id: 's2', name: 'Sina Sales', department: 'sales' };

describe('the team page', () => {
  it('shows marketing, sales and management in that order, an empty department too', () => {
    expect(memberSections({ membersByDepartment: { sales: [sam, sina], marketing: [mia], management: [] } })).toEqual([
      { department: 'marketing', members: [mia] },
      { department: 'sales', members: [sam, sina] },
      { department: 'management', members: [] },
    ]);
  });

  it('links "without a marketing partner" to the same accounts the figure counts', () => {
    expect(missingPartnerSearch()).toEqual({ pair: 'missing_partner', openDeals: true });
    expect(missingPartnerSearch('t1')).toEqual({ pair: 'missing_partner', openDeals: true, teamId: 't1' });
  });

  it.each([
    [null, 'gray'],
    [0, 'orange'],
    [0.49, 'orange'],
    [0.5, 'yellow'],
    [0.79, 'yellow'],
    [0.8, 'teal'],
    [1, 'teal'],
  ])('colours a share of %s %s', (share, color) => {
    expect(coverageColor(share)).toBe(color);
  });
});
