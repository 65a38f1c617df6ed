import { contract } from '@nenner/shared';
import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { invalidate, keyOf, resourceOf } from './endpoints';

const seed = (qc: QueryClient, key: readonly unknown[]) => qc.setQueryData(key, { items: [] });
const stale = (qc: QueryClient, key: readonly unknown[]) => qc.getQueryState(key)?.isInvalidated;

describe('query keys from the contract', () => {
  it('start with the resource, then the endpoint, its params and its query', () => {
    expect(resourceOf(contract.listContactTimeline)).toBe('contacts');
    expect(keyOf(contract.listContacts)).toEqual(['contacts', 'GET /api/contacts']);
    expect(keyOf(contract.listContacts, { query: { q: 'x' } })).toEqual([
      'contacts',
      'GET /api/contacts',
      null,
      { q: 'x' },
    ]);
    expect(keyOf(contract.listContactTimeline, { params: { id: 'c1' } })).toEqual([
      'contacts',
      'GET /api/contacts/:id/timeline',
      { id: 'c1' },
    ]);
  });

  it('invalidate refreshes what a resource, an endpoint or a record key prefixes, and nothing else', async () => {
    const qc = new QueryClient();
    const list = keyOf(contract.listContacts, { query: { sort: 'lastName' } });
    const mine = keyOf(contract.listContactTimeline, { params: { id: 'c1' }, query: { kind: 'note' } });
    const theirs = keyOf(contract.listContactTimeline, { params: { id: 'c2' }, query: {} });
    const deals = keyOf(contract.listDeals, { query: {} });
    for (const k of [list, mine, theirs, deals]) seed(qc, k);

    await invalidate(qc, keyOf(contract.listContactTimeline, { params: { id: 'c1' } }));
    expect([list, mine, theirs, deals].map((k) => stale(qc, k))).toEqual([false, true, false, false]);

    await invalidate(qc, contract.listContacts);
    expect(stale(qc, list)).toBe(true);
    expect(stale(qc, theirs)).toBe(false);

    await invalidate(qc, 'deals');
    expect(stale(qc, deals)).toBe(true);
    expect(stale(qc, theirs)).toBe(false);
  });
});
