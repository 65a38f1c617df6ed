import { describe, expect, it } from 'vitest';
import { companyDomainOf } from '../src/leads/freemail.js';
import { type RoutingLead, routeLead, type TerritoryRule } from '../src/leads/routing.js';

const teams = [
  { id: 'nord', memberIds: ['a', 'b', 'c'] },
  { id: 'sued', memberIds: ['d'] },
  { id: 'at', memberIds: ['x'] },
];
const rules: TerritoryRule[] = [
  { id: 'r1', name: 'Bayern', countries: ['DE'], postcodePrefixes: ['8', '9'], teamId: 'sued' },
  { id: 'r2', name: 'Maschinenbau', countries: ['DE'], industries: ['Maschinenbau'], teamId: 'nord' },
  { id: 'r3', name: 'Österreich', countries: ['AT'], teamId: 'at' },
  { id: 'r4', name: 'DACH', countries: ['DE', 'AT', 'CH'], teamId: 'nord' },
];
const active = new Set(['a', 'b', 'c', 'd', 'owner']);
const lead = (l: Partial<RoutingLead>): RoutingLead => ({
  accountOwnerId: null,
  country: null,
  postcode: null,
  industry: null,
  ...l,
});

describe('routeLead', () => {
  it.each([
    [
      'active account owner wins',
      lead({ accountOwnerId: 'owner', country: 'DE', postcode: '80331' }),
      {},
      'owner',
      'account_owner',
    ],
    ['inactive owner → territory', lead({ accountOwnerId: 'gone', country: 'DE', postcode: '80331' }), {}, 'd', 'r1'],
    [
      'first matching rule in order',
      lead({ country: 'de', postcode: '90402', industry: 'Maschinenbau' }),
      {},
      'd',
      'r1',
    ],
    ['industry rule', lead({ country: 'DE', postcode: '20095', industry: 'maschinenbau' }), {}, 'a', 'r2'],
    [
      'round robin continues',
      lead({ country: 'DE', postcode: '20095', industry: 'Maschinenbau' }),
      { nord: 'a' },
      'b',
      'r2',
    ],
    [
      'round robin wraps',
      lead({ country: 'DE', postcode: '20095', industry: 'Maschinenbau' }),
      { nord: 'c' },
      'a',
      'r2',
    ],
    ['team without active members is skipped', lead({ country: 'AT' }), {}, 'a', 'r4'],
    ['postcode rule needs a postcode', lead({ country: 'DE' }), { nord: 'b' }, 'c', 'r4'],
    ['no rule → fallback queue', lead({ country: 'FR' }), {}, null, 'fallback'],
  ])('%s', (_label, input, state, assignee, rule) => {
    const { decision } = routeLead(input, { rules, teams }, state, active);
    expect(decision.assigneeId).toBe(assignee);
    expect(decision.rule === 'territory' ? decision.ruleId : decision.rule).toBe(rule);
  });

  it('skips a deactivated member and keeps the team order', () => {
    const { decision, state } = routeLead(
      lead({ country: 'CH' }),
      { rules, teams },
      { nord: 'b' },
      new Set(['a', 'c']),
    );
    expect(decision.assigneeId).toBe('c');
    expect(state).toEqual({ nord: 'c' });
  });

  it('spreads a sequence of leads evenly', () => {
    let state = {};
    const got: (string | null)[] = [];
    for (let i = 0; i < 6; i++) {
      const r = routeLead(lead({ country: 'CH' }), { rules, teams }, state, active);
      got.push(r.decision.assigneeId);
      state = r.state;
    }
    expect(got).toEqual(['a', 'b', 'c', 'a', 'b', 'c']);
  });
});

describe('companyDomainOf', () => {
  it.each([
    ['anna.mueller@alpen-logistik.de', 'alpen-logistik.de'],
    ['Jonas@Keller-Antriebe.CH', 'keller-antriebe.ch'],
    ['someone@gmail.com', null],
    ['x@gmx.de', null],
    ['x@web.de', null],
    ['x@t-online.de', null],
    ['broken', null],
  ])('%s → %s', (email, domain) => {
    expect(companyDomainOf(email)).toBe(domain);
  });
});
