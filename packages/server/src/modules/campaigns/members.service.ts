import type { CampaignMemberListQuery } from '@nenner/shared';
import {
  type AddCampaignMembersInput,
  type AddCampaignMembersResult,
  type CampaignChannel,
  type CampaignMember,
  type MemberStatus,
  memberStatuses,
  memberStatusesByChannel,
  type Page,
  respondedStatuses,
} from '@nenner/shared';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { CampaignMembersTable } from '../../db/schema.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError, fieldError } from '../../http/errors.js';
import { encodeCursor, parseJsonList } from '../../lib/cursor.js';
import { nowIso } from '../../lib/ids.js';
import { listContacts } from '../contacts/contacts.service.js';
import { pilotWarningsFor } from '../projects/pilots.service.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { recordScoredTouchpoint } from '../touchpoints/touchpoints.service.js';
import {
  type CampaignRow,
  findContactIdsByEmail,
  findLiveContactIds,
  findMemberRow,
  findMemberRows,
  insertMembers,
  listMemberRows,
  type MemberRow,
  setMemberStatus,
  updateMemberRow,
} from './campaigns.repository.js';
import { campaignRecord, cannotManage, loadCampaign } from './campaigns.service.js';
import { readMemberCsv } from './members.csv.js';

/** More contacts than this from one filter is a mistake more often than a plan: narrow the filter. */
export const MEMBER_FILTER_CAP = 50_000;
const PAGE = 200;

const presentMember = (r: MemberRow): CampaignMember => ({
  contactId: r.contact_id,
  firstName: r.first_name,
  lastName: r.last_name,
  email: r.email,
  accountName: r.account_name,
  status: r.status as MemberStatus,
  addedVia: r.added_via as CampaignMember['addedVia'],
  respondedAt: r.responded_at,
  createdAt: r.created_at,
});

/** The touchpoint type a member's response is: a click (on an ad for paid channels), attendance, or a response. */
const touchTypeOf = (status: MemberStatus, channel: CampaignChannel): string => {
  if (status === 'attended') return 'event_attendance';
  if (status === 'clicked') return channel === 'paid_search' || channel === 'paid_social' ? 'ad_click' : 'email_click';
  return 'campaign_response';
};

/**
 * A member reached `status`: a responded status records a campaign touchpoint once per status (and
 * stamps the first response) and rescores the contact; other statuses only change the member.
 */
const applyStatus = async (
  ctx: AppContext,
  db: Db,
  actor: Actor | null,
  campaign: CampaignRow,
  member: Pick<CampaignMembersTable, 'contact_id' | 'responded_at' | 'touched_statuses'>,
  status: MemberStatus,
  now: string,
): Promise<void> => {
  const touched = parseJsonList(member.touched_statuses ?? '[]');
  const responds = respondedStatuses.includes(status) && !touched.includes(status);
  await updateMemberRow(db, campaign.id, member.contact_id, {
    status,
    updated_at: now,
    ...(responds && {
      touched_statuses: JSON.stringify([...touched, status]),
      responded_at: member.responded_at ?? now,
    }),
  });
  if (responds) {
    await recordScoredTouchpoint(ctx, db, actor, {
      contactId: member.contact_id,
      campaignId: campaign.id,
      type: touchTypeOf(status, campaign.channel as CampaignChannel),
      occurredAt: now,
      data: { memberStatus: status },
    });
  }
};

/** Every contact the filter matches, through the contact list itself; refuses more than the cap. */
const contactsOfFilter = async (
  ctx: AppContext,
  actor: Actor,
  filter: Extract<AddCampaignMembersInput, { filter: unknown }>['filter'],
): Promise<string[]> => {
  const ids: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await listContacts(ctx, actor, { ...filter, sort: 'lastName', limit: PAGE, cursor });
    ids.push(...page.items.map((c) => c.id));
    if (ids.length > MEMBER_FILTER_CAP) {
      throw new AppError('validation_failed', undefined, {
        errors: [
          {
            path: 'filter',
            message: `The filter matches more than ${MEMBER_FILTER_CAP.toLocaleString('en')} contacts; narrow it down`,
          },
        ],
      });
    }
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return ids;
};

/** The CSV rows' contacts by email, and the rows whose email matches no contact. */
const contactsOfCsv = async (ctx: AppContext, csv: string) => {
  const rows = readMemberCsv(csv);
  if (!rows) throw fieldError('csv', 'The first line needs an "email" column');
  const byEmail = await findContactIdsByEmail(ctx.db, [
    ...new Set(rows.map((r) => r.email.toLowerCase()).filter(Boolean)),
  ]);
  const ids: string[] = [];
  const unmatched: AddCampaignMembersResult['unmatched'] = [];
  for (const r of rows) {
    const id = byEmail.get(r.email.toLowerCase());
    if (id) ids.push(id);
    else unmatched.push({ line: r.line, email: r.email });
  }
  return { ids, unmatched };
};

/**
 * Adds contacts to a campaign — by id, every contact of a saved filter, or a CSV member list — with a
 * status; existing members get the new status. Responded statuses record touchpoints.
 */
export const addMembers = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  input: AddCampaignMembersInput,
): Promise<AddCampaignMembersResult> => {
  // refuse early, before reading possibly many contacts
  assertCan(actor, 'campaigns.manage', campaignRecord(await loadCampaign(ctx.db, id)), cannotManage);
  let contactIds: string[];
  let unmatched: AddCampaignMembersResult['unmatched'] = [];
  let via: CampaignMember['addedVia'];
  if ('contactIds' in input) {
    via = 'manual';
    contactIds = input.contactIds;
  } else if ('filter' in input) {
    via = 'filter';
    contactIds = await contactsOfFilter(ctx, actor, input.filter);
  } else {
    via = 'import';
    ({ ids: contactIds, unmatched } = await contactsOfCsv(ctx, input.csv));
  }
  const unique = [...new Set(contactIds)];
  return ctx.db.transaction().execute(async (trx) => {
    const campaign = await loadCampaign(trx, id);
    assertCan(actor, 'campaigns.manage', campaignRecord(campaign), cannotManage);
    if (via === 'manual') {
      const live = await findLiveContactIds(trx, unique);
      const missing = contactIds.findIndex((c) => !live.has(c));
      if (missing >= 0) throw fieldError(`contactIds.${missing}`, 'Unknown contact');
    }
    const existing = await findMemberRows(trx, id, unique);
    const now = nowIso();
    const fresh: CampaignMembersTable[] = unique
      .filter((c) => !existing.has(c))
      .map((c) => ({
        campaign_id: id,
        contact_id: c,
        status: 'targeted',
        added_via: via,
        responded_at: null,
        created_at: now,
        updated_at: now,
        touched_statuses: '[]',
      }));
    await insertMembers(trx, fresh);
    if (respondedStatuses.includes(input.status)) {
      for (const m of [...fresh, ...existing.values()])
        await applyStatus(ctx, trx, actor, campaign, m, input.status, now);
    } else {
      await setMemberStatus(trx, id, unique, input.status, now);
    }
    const result = { added: fresh.length, updated: existing.size, unmatched };
    await recordAudit(trx, actor, 'campaign', id, 'members_added', [
      { field: 'members', from: null, to: { via, status: input.status, added: result.added, updated: result.updated } },
    ]);
    // nobody mails a pilot customer blind: say which of these contacts' accounts run a pilot (only when some do)
    const warnings = await pilotWarningsFor(trx, unique);
    return warnings.length > 0 ? { ...result, warnings } : result;
  });
};

/** Members of live contacts by last name, optionally of one status. */
export const listMembers = async (
  ctx: AppContext,
  _actor: Actor,
  id: string,
  query: z.output<typeof CampaignMemberListQuery>,
): Promise<Page<CampaignMember>> => {
  await loadCampaign(ctx.db, id);
  const rows = await listMemberRows(ctx.db, id, query);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(presentMember),
    nextCursor: rows.length > query.limit && last ? encodeCursor(last.sort_last_name, last.contact_id, 'name') : null,
  };
};

/** Changes a member's status; reaching a responded status records its touchpoint (once per status). */
export const updateMember = async (
  ctx: AppContext,
  actor: Actor,
  id: string,
  contactId: string,
  status: MemberStatus,
): Promise<CampaignMember> => {
  assertCan(actor, 'campaigns.manage');
  return ctx.db.transaction().execute(async (trx) => {
    const campaign = await loadCampaign(trx, id);
    assertCan(actor, 'campaigns.manage', campaignRecord(campaign), cannotManage);
    const member = await findMemberRow(trx, id, contactId);
    if (!member) throw new AppError('member_not_found');
    if (member.status !== status) {
      await applyStatus(ctx, trx, actor, campaign, member, status, nowIso());
      await recordAudit(trx, actor, 'campaign', id, 'member_updated', [
        { field: `members.${contactId}.status`, from: member.status, to: status },
      ]);
    }
    const updated = await findMemberRow(trx, id, contactId);
    if (!updated) throw new AppError('member_not_found');
    return presentMember(updated);
  });
};

/**
 * A guest of an event of this campaign was invited (`sent`), registered or attended: the contact becomes
 * a member if not yet one, its status moves forward (never back), and a responded status records its
 * touchpoint every time (each registration and each attendance is one touch) and rescores the contact,
 * so crossing the MQL threshold hands it to sales. In the caller's transaction; the caller checks rights.
 */
export const recordEventResponse = async (
  ctx: AppContext,
  db: Db,
  actor: Actor | null,
  campaignId: string,
  contactId: string,
  status: Extract<MemberStatus, 'sent' | 'registered' | 'attended'>,
  data: Record<string, unknown>,
): Promise<void> => {
  const campaign = await loadCampaign(db, campaignId);
  const now = nowIso();
  const order = memberStatusesByChannel[campaign.channel as CampaignChannel] ?? memberStatuses;
  const responds = respondedStatuses.includes(status);
  const member = (await findMemberRows(db, campaignId, [contactId])).get(contactId);
  if (!member) {
    await insertMembers(db, [
      {
        campaign_id: campaignId,
        contact_id: contactId,
        status: order.includes(status) ? status : 'targeted',
        added_via: 'manual',
        responded_at: responds ? now : null,
        created_at: now,
        updated_at: now,
        touched_statuses: JSON.stringify(responds ? [status] : []),
      },
    ]);
  } else {
    const forward = order.indexOf(status) > order.indexOf(member.status as MemberStatus);
    const touched = parseJsonList(member.touched_statuses ?? '[]');
    if (forward || (responds && !touched.includes(status))) {
      await updateMemberRow(db, campaignId, contactId, {
        ...(forward && { status }),
        ...(responds &&
          !touched.includes(status) && {
            touched_statuses: JSON.stringify([...touched, status]),
            responded_at: member.responded_at ?? now,
          }),
        updated_at: now,
      });
    }
  }
  if (responds) {
    await recordScoredTouchpoint(ctx, db, actor, {
      contactId,
      campaignId,
      type: touchTypeOf(status, campaign.channel as CampaignChannel),
      occurredAt: now,
      data: { memberStatus: status, ...data },
    });
  }
};
