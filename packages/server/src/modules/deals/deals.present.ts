import type { Deal } from '@nenner/shared';
import type { Actor } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { TimelineEntriesTable } from '../../db/schema.js';
import { now } from '../../lib/clock.js';
import { newId } from '../../lib/ids.js';
import { type DealFilter, type DealRow, listDealCompetitorRows, listDealContactRows } from './deals.repository.js';

const DAY_MS = 86_400_000;

/** Open and longer in its stage than the stage allows. */
export const isStale = (r: DealRow, now: number): boolean =>
  r.status === 'open' &&
  r.stage_stale_after_days !== null &&
  now - Date.parse(r.stage_changed_at) > r.stage_stale_after_days * DAY_MS;

/** Presents deal rows with their contacts and competitors (two queries for the whole batch). */
export const presentDeals = async (db: Db, rows: DealRow[], at = now()): Promise<Deal[]> => {
  const ids = rows.map((r) => r.id);
  const [contacts, competitors] = await Promise.all([listDealContactRows(db, ids), listDealCompetitorRows(db, ids)]);
  return rows.map((r) => ({
    id: r.id,
    version: r.version,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
    name: r.name,
    accountId: r.account_id,
    account: { id: r.account_id, name: r.account_name },
    pipelineId: r.pipeline_id,
    stageId: r.stage_id,
    stage: {
      id: r.stage_id,
      nameDe: r.stage_name_de,
      nameEn: r.stage_name_en,
      probability: r.stage_probability,
      kind: r.stage_kind as Deal['stage']['kind'],
    },
    status: r.status as Deal['status'],
    amount: Number(r.amount),
    currency: r.currency,
    closeDate: r.close_date,
    ownerId: r.owner_id,
    owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '', department: r.owner_department ?? '' } : null,
    source: r.source as Deal['source'],
    handoffId: r.handoff_id,
    campaignKey: r.campaign_key,
    nextStep: r.next_step,
    contacts: contacts
      .filter((c) => c.deal_id === r.id)
      .map((c) => ({
        contactId: c.contact_id,
        name: `${c.first_name} ${c.last_name}`.trim() || (c.email ?? ''),
        role: c.role,
      })),
    competitors: competitors.filter((k) => k.deal_id === r.id).map((k) => ({ id: k.id, name: k.name })),
    closeReason: r.close_reason,
    closeComment: r.close_comment,
    lostToCompetitorId: r.lost_to_competitor_id,
    closedAt: r.closed_at,
    stageChangedAt: r.stage_changed_at,
    stale: isStale(r, at),
    deletedAt: r.deleted_at,
  }));
};

/** A stage change, close or reopen on the deal's timeline (and so on its account's 360° view). */
export const dealEntry = (
  dealId: string,
  action: 'created' | 'moved' | 'won' | 'lost' | 'reopened',
  actor: Pick<Actor, 'id' | 'department'> | null,
  data: Record<string, unknown>,
  at: string,
): TimelineEntriesTable => ({
  id: newId(),
  entity_type: 'deal',
  entity_id: dealId,
  kind: 'deal',
  action,
  actor_id: actor?.id ?? null,
  department: actor?.department ?? null,
  body: null,
  data: JSON.stringify(data),
  created_at: at,
});

/** The query filters as the repository takes them: `me` is the caller, `none` no owner. */
export const resolveFilter = (actor: Actor, q: { ownerId?: string } & Omit<DealFilter, 'ownerId'>): DealFilter => {
  const { ownerId, ...rest } = q;
  return {
    ...rest,
    ...(ownerId !== undefined && { ownerId: ownerId === 'me' ? actor.id : ownerId === 'none' ? null : ownerId }),
  };
};
