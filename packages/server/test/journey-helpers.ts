import type { AttributionSettings, Deal } from '@nenner/shared';
import type { Updateable } from 'kysely';
import type { DealsTable } from '../src/db/schema.js';
import { newId } from '../src/lib/ids.js';
import { ok } from './goal-helpers.js';
import type { Session, TestApp } from './harness.js';

/*
 * Helpers for the attribution and contribution tests: a contact's journey of touches written as rows (the
 * touchpoints module is tested on its own), deals created through the API and back-dated in SQL to the
 * scenario's times, and the attribution settings.
 */

/** A touch of a contact, optionally of a campaign, written as a row; returns its id. */
export const insertTouch = async (
  t: TestApp,
  contactId: string,
  campaignId: string | null,
  type: string,
  occurredAt: string,
  createdAt = new Date().toISOString(),
): Promise<string> => {
  const id = newId();
  await t.ctx.db
    .insertInto('touchpoints')
    .values({
      id,
      contact_id: contactId,
      type,
      occurred_at: occurredAt,
      form_id: null,
      campaign_key: null,
      utm_source: null,
      utm_medium: null,
      utm_campaign: null,
      utm_term: null,
      utm_content: null,
      referrer: null,
      landing_page: null,
      created_at: createdAt,
      campaign_id: campaignId,
    })
    .execute();
  return id;
};

export interface DatedDeal {
  name: string;
  accountId: string;
  amount: number;
  /** EUR unless said. */
  currency?: string;
  source?: 'marketing' | 'sales';
  contactIds?: string[];
  createdAt: string;
  /** Closed as won through the API, then dated to this time. */
  wonAt?: string;
  /** Further columns written straight, past the deals module's rules (a status without its stage, the trash). */
  set?: Updateable<DealsTable>;
}

/** A deal through the API, back-dated to the scenario's creation (and win); returns its id. */
export const createDatedDeal = async (t: TestApp, as: Session, d: DatedDeal): Promise<string> => {
  const deal = ok(
    await t.request<Deal>('POST', '/api/deals', {
      cookie: as.cookie,
      body: {
        name: d.name,
        accountId: d.accountId,
        amount: d.amount,
        currency: d.currency ?? 'EUR',
        ...(d.source && { source: d.source }),
        ...(d.contactIds && { contacts: d.contactIds.map((contactId) => ({ contactId })) }),
      },
    }),
    201,
  );
  if (d.wonAt) {
    ok(
      await t.request('POST', `/api/deals/${deal.id}/close`, {
        cookie: as.cookie,
        body: { outcome: 'won', reason: 'price' },
      }),
    );
  }
  await t.ctx.db
    .updateTable('deals')
    .set({ created_at: d.createdAt, ...(d.wonAt && { closed_at: d.wonAt }), ...d.set })
    .where('id', '=', deal.id)
    .execute();
  return deal.id;
};

/** Changes the attribution settings as `admin` on top of the current ones (If-Match: their version). */
export const putAttributionSettings = async (
  t: TestApp,
  admin: Session,
  change: Partial<AttributionSettings>,
): Promise<{ value: AttributionSettings; version: number }> => {
  const current = ok(await t.get<{ value: AttributionSettings; version: number }>('/api/settings/attribution', admin));
  return ok(
    await t.request<{ value: AttributionSettings; version: number }>('PUT', '/api/settings/attribution', {
      cookie: admin.cookie,
      body: { ...current.value, ...change },
      ifMatch: current.version,
    }),
  );
};
