import { sql } from 'kysely';
import type { Db } from '../src/db/db.js';
import { newId } from '../src/lib/ids.js';
import type { TestApp } from './harness.js';

/*
 * Deals written as rows, for the tests of activities, the 360° timeline and competitors: they need deals
 * to exist, not the deals module's rules (tested in deals.test.ts).
 */

const pipelines = new WeakMap<TestApp, { pipelineId: string; stages: Record<'open' | 'won' | 'lost', string> }>();

const pipelineOf = async (t: TestApp) => {
  const known = pipelines.get(t);
  if (known) return known;
  const now = new Date().toISOString();
  const pipelineId = newId();
  await t.ctx.db
    .insertInto('pipelines')
    .values({ id: pipelineId, name: 'Test', is_default: 0, version: 1, created_at: now, updated_at: now })
    .execute();
  const stages = { open: newId(), won: newId(), lost: newId() };
  await t.ctx.db
    .insertInto('pipeline_stages')
    .values(
      (['open', 'won', 'lost'] as const).map((kind, position) => ({
        id: stages[kind],
        pipeline_id: pipelineId,
        position,
        name_de: kind,
        name_en: kind,
        probability: kind === 'won' ? 100 : kind === 'lost' ? 0 : 30,
        stale_after_days: null,
        kind,
      })),
    )
    .execute();
  const made = { pipelineId, stages };
  pipelines.set(t, made);
  return made;
};

export interface DealRow {
  accountId: string;
  name?: string;
  status?: 'open' | 'won' | 'lost';
  amount?: number;
  currency?: string;
  closedAt?: string | null;
  closeReason?: string | null;
  lostToCompetitorId?: string | null;
  competitorIds?: string[];
  deletedAt?: string | null;
}

let seq = 0;

/** Inserts a deal (and its pipeline on first use); returns its id. */
export const insertDealRow = async (t: TestApp, d: DealRow): Promise<string> => {
  const { pipelineId, stages } = await pipelineOf(t);
  const now = new Date().toISOString();
  const id = newId();
  seq += 1;
  const name = d.name ?? `Deal ${seq}`;
  const status = d.status ?? 'open';
  await t.ctx.db
    .insertInto('deals')
    .values({
      id,
      name,
      sort_name: name.toLowerCase(),
      account_id: d.accountId,
      pipeline_id: pipelineId,
      stage_id: stages[status],
      status,
      amount: d.amount ?? 100_000,
      currency: d.currency ?? 'EUR',
      close_date: null,
      owner_id: null,
      source: 'sales',
      handoff_id: null,
      campaign_key: null,
      next_step: null,
      close_reason: d.closeReason ?? null,
      close_comment: null,
      lost_to_competitor_id: d.lostToCompetitorId ?? null,
      closed_at: d.closedAt ?? (status === 'open' ? null : now),
      stage_changed_at: now,
      version: 1,
      created_at: now,
      updated_at: now,
      deleted_at: d.deletedAt ?? null,
    })
    .execute();
  if (d.competitorIds && d.competitorIds.length > 0) {
    await t.ctx.db
      .insertInto('deal_competitors')
      .values(d.competitorIds.map((competitor_id) => ({ deal_id: id, competitor_id })))
      .execute();
  }
  return id;
};

/**
 * SQLite: what the deal list's trigram index holds (migration 0047) beside what it should hold, each deal's
 * sort key under its search document's `n`; both in `n` order.
 */
export const dealNameIndexRows = async (db: Db) => {
  const { rows: indexed } = await sql<{ n: number; sort_name: string }>`
    select rowid as n, sort_name from deal_name_fts order by rowid`.execute(db);
  const { rows: expected } = await sql<{ n: number; sort_name: string }>`
    select s.n, d.sort_name from deal_search_docs s join deals d on d.id = s.deal_id order by s.n`.execute(db);
  return { indexed, expected };
};
