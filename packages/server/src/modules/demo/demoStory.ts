import type { AppContext } from '../../context.js';
import type { ContactsTable, TimelineEntriesTable, TouchpointsTable } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { rescoreContacts } from '../leads/scoring.service.js';
import { findContactIds, findEarliestEvents, insertSeedTouches, moveCreationBack } from './demo.repository.js';
import { createRandom } from './generator.js';

const landingPages = [
  '/preise',
  '/funktionen/lead-management',
  '/funktionen/pipeline',
  '/blog/lead-uebergabe-ohne-reibung',
  '/kunden/maschinenbau',
  '/demo',
];
/** Visits in the last weeks per contact: most people did not come back lately, a few read a lot. */
const visitCounts = [0, 0, 0, 1, 1, 1, 2, 2, 3, 4, 5, 8];

/**
 * Website visits of the workspace's contacts over the last four weeks, recorded as the tracking would
 * (a touch and its timeline entry, no campaign). They fade within days (web_visit: 2 points, half-life 7
 * days), so a contact's score is its fit plus how much it read lately: scores spread as real ones do.
 */
export const seedDemoWebVisits = async (ctx: AppContext, contacts: ContactsTable[]): Promise<void> => {
  const rnd = createRandom(7_2026);
  const now = Date.now();
  const touches: TouchpointsTable[] = [];
  const timeline: TimelineEntriesTable[] = [];
  for (const c of contacts) {
    const visits = rnd.pick(visitCounts);
    for (let i = 0; i < visits; i++) {
      const at = now - rnd.int(1, 28 * 24) * 3_600_000;
      const page = rnd.pick(landingPages);
      if (at <= Date.parse(c.created_at)) continue;
      const occurredAt = new Date(at).toISOString();
      // what recordTouchpoint writes for a tracked visit, in bulk: a thousand contacts at one go
      touches.push({
        id: newId(at),
        contact_id: c.id,
        type: 'web_visit',
        occurred_at: occurredAt,
        form_id: null,
        campaign_key: null,
        utm_source: null,
        utm_medium: null,
        utm_campaign: null,
        utm_term: null,
        utm_content: null,
        referrer: null,
        landing_page: page,
        created_at: occurredAt,
        campaign_id: null,
      });
      timeline.push({
        id: newId(at),
        entity_type: 'contact',
        entity_id: c.id,
        kind: 'touchpoint',
        action: 'web_visit',
        actor_id: null,
        department: null,
        body: null,
        data: JSON.stringify({ landingPage: page, campaignId: null, campaignName: null }),
        created_at: occurredAt,
        account_id: c.account_id,
      });
    }
  }
  await ctx.db.transaction().execute((trx) => insertSeedTouches(trx, touches, timeline));
};

/**
 * The last step of the demo: every record was made no later than the first thing that happened to it
 * (a contact before its first touch, deal and timeline entry; an account before its contacts and deals),
 * and every contact carries the score the rules give it today, as a new touch would compute it.
 */
export const settleDemoStory = async (ctx: AppContext): Promise<void> => {
  const e = await findEarliestEvents(ctx.db);
  const earliest = new Map<string, number>();
  const note = (id: string, at: string | null | undefined) => {
    if (!at) return;
    const ms = Date.parse(at);
    if (ms < (earliest.get(id) ?? Number.POSITIVE_INFINITY)) earliest.set(id, ms);
  };
  for (const r of [...e.touches, ...e.deals, ...e.contactEntries]) note(r.id, r.at);
  const contactMade = new Map<string, number>();
  for (const c of e.contacts) {
    const first = earliest.get(c.id);
    const made = Date.parse(c.created_at);
    contactMade.set(c.id, first !== undefined && first < made ? first : made);
    if (first !== undefined && first < made) {
      await moveCreationBack(ctx.db, 'contact', c.id, new Date(first).toISOString());
    }
  }
  const accountFirst = new Map<string, number>();
  const noteAccount = (id: string | null, ms: number) => {
    if (id && ms < (accountFirst.get(id) ?? Number.POSITIVE_INFINITY)) accountFirst.set(id, ms);
  };
  for (const c of e.contacts) noteAccount(c.account_id, contactMade.get(c.id) ?? Number.POSITIVE_INFINITY);
  for (const r of [...e.accountDeals, ...e.accountEntries]) if (r.at) noteAccount(r.id, Date.parse(r.at));
  for (const a of e.accounts) {
    const first = accountFirst.get(a.id);
    if (first !== undefined && first < Date.parse(a.created_at)) {
      await moveCreationBack(ctx.db, 'account', a.id, new Date(first).toISOString());
    }
  }
  const ids = await findContactIds(ctx.db);
  const SLICE = 250;
  for (let i = 0; i < ids.length; i += SLICE) {
    await ctx.db.transaction().execute((trx) => rescoreContacts(ctx, trx, ids.slice(i, i + SLICE)));
  }
};
