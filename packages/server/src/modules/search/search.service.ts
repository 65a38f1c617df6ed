import {
  type Account,
  type Contact,
  type GlobalSearchQuery,
  type GlobalSearchResult,
  SEARCH_HITS_PER_KIND,
  type SearchHit,
  searchWords,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import { listAccounts } from '../accounts/accounts.service.js';
import { listContacts } from '../contacts/contacts.service.js';
import { findCampaignHits, findCompetitorHits, findDealHits } from './search.repository.js';

const contactHit = (c: Contact): SearchHit => ({
  id: c.id,
  title: [c.firstName, c.lastName].filter(Boolean).join(' ') || (c.emails[0] ?? ''),
  subtitle: c.account?.name ?? c.emails[0] ?? null,
});

const accountHit = (a: Account): SearchHit => ({ id: a.id, title: a.name, subtitle: a.city ?? a.domain ?? null });

/** The command palette's search: a few of each kind of record, best first; contacts and accounts ranked. */
export const globalSearch = async (
  ctx: AppContext,
  actor: Actor,
  query: GlobalSearchQuery,
): Promise<GlobalSearchResult> => {
  const words = searchWords(query.q);
  const limit = SEARCH_HITS_PER_KIND;
  if (words.length === 0) return { accounts: [], contacts: [], deals: [], campaigns: [], competitors: [] };
  // the five lookups at once: on PostgreSQL each on its own connection of the pool, so the answer takes as
  // long as the slowest, not the sum (SQLite's driver runs them one after the other either way)
  const [contacts, accounts, deals, campaigns, competitors] = await Promise.all([
    listContacts(ctx, actor, { q: query.q, sort: 'lastName', limit }),
    listAccounts(ctx, actor, { q: query.q, sort: 'name', limit }),
    findDealHits(ctx.db, words, limit),
    findCampaignHits(ctx.db, query.q, limit),
    findCompetitorHits(ctx.db, query.q, limit),
  ]);
  return {
    accounts: accounts.items.map(accountHit),
    contacts: contacts.items.map(contactHit),
    deals,
    campaigns,
    competitors,
  };
};
