import { HOUR_MS, holidaysIn, type SlaSettings, sortKey, zonedParts, zonedTimeToEpoch } from '@nenner/shared';
import { searchDocOf } from '../db/search.js';
import { createRandom, type GeneratedAccount, generateAccount, generateContact } from '../modules/demo/generator.js';
import { accountKeyColumns, personNameKey, phoneKey } from '../modules/quality/quality.keys.js';
import { defaultCloseReasons, defaultRejectReasons } from '../modules/settings/settings.defaults.js';
import {
  campaignColumns,
  campaignCostColumns,
  campaignUtmKeyColumns,
  createTouchPlanner,
  generateCampaigns,
  type SeedCampaign,
  stageStampColumns,
  stageStamps,
  touchpointColumns,
  touchpointRow,
} from './seed.campaigns.js';

/*
 * Rows for the large synthetic workspace, as value arrays in table column order, so the bulk loaders can
 * bind them positionally (SQLite) or write them as COPY lines (PostgreSQL) without building objects twice.
 * Everything comes from fixed seeds: the same N gives the same workspace on every machine.
 */

export const accountColumns = [
  'id',
  'name',
  'sort_name',
  'domain',
  'industry',
  'employee_band',
  'country',
  'city',
  'owner_id',
  'tags',
  'version',
  'created_at',
  'updated_at',
  'deleted_at',
  'name_key',
  'phonetic_key',
  'keys_at',
] as const;

export const contactColumns = [
  'id',
  'first_name',
  'last_name',
  'sort_first_name',
  'sort_last_name',
  'email',
  'emails',
  'phone',
  'job_title',
  'account_id',
  'owner_id',
  'lifecycle_stage',
  'source',
  'tags',
  'version',
  'created_at',
  'updated_at',
  'deleted_at',
  'phone_key',
  'name_key',
  'keys_at',
  ...stageStampColumns,
] as const;

export const handoffColumns = [
  'id',
  'contact_id',
  'status',
  'qualified_at',
  'qualified_by',
  'qualified_reason',
  'assignee_id',
  'team_id',
  'routing_rule',
  'sla_due_at',
  'accepted_at',
  'rejected_at',
  'reject_reason',
  'reject_comment',
  'first_touch_at',
  'converted_at',
  'converted_stage',
  'recycled_at',
  'recycle_note',
  'responded_at',
  'response_seconds',
  'breached_at',
  'source',
  'form_id',
  'utm_campaign',
  'version',
  'created_at',
  'updated_at',
] as const;

export const dealColumns = [
  'id',
  'name',
  'sort_name',
  'account_id',
  'pipeline_id',
  'stage_id',
  'status',
  'amount',
  'currency',
  'close_date',
  'owner_id',
  'source',
  'handoff_id',
  'campaign_key',
  'next_step',
  'close_reason',
  'close_comment',
  'lost_to_competitor_id',
  'closed_at',
  'stage_changed_at',
  'version',
  'created_at',
  'updated_at',
  'deleted_at',
] as const;

export const dealContactColumns = ['deal_id', 'contact_id', 'role'] as const;

/** The search documents with the keys a ranked search orders by (migrations 0028, 0036, 0039, 0044). */
export const accountDocColumns = ['account_id', 'doc', 'sort_name', 'deleted_at', 'created_at', 'updated_at'] as const;
export const contactDocColumns = [
  'contact_id',
  'doc',
  'sort_last_name',
  'sort_first_name',
  'deleted_at',
  'created_at',
  'updated_at',
] as const;
export const dealDocColumns = ['deal_id', 'doc'] as const;

export const timelineColumns = [
  'id',
  'entity_type',
  'entity_id',
  'kind',
  'action',
  'actor_id',
  'department',
  'body',
  'data',
  'created_at',
  'account_id',
] as const;

/** The tables a seed fills, in the order their rows arrive (references point backwards). */
export const seedTables = {
  campaigns: campaignColumns,
  campaign_utm_keys: campaignUtmKeyColumns,
  campaign_costs: campaignCostColumns,
  accounts: accountColumns,
  contacts: contactColumns,
  handoffs: handoffColumns,
  deals: dealColumns,
  deal_contacts: dealContactColumns,
  touchpoints: touchpointColumns,
  timeline_entries: timelineColumns,
  account_search_docs: accountDocColumns,
  contact_search_docs: contactDocColumns,
  deal_search_docs: dealDocColumns,
} as const;
export type SeedTable = keyof typeof seedTables;

/**
 * Makes the search document of each account, contact and deal row of a bulk load, as the triggers that the
 * load drops would have written it (`searchDocOf`), with the keys a ranked search orders by; null for rows
 * of other tables. Rows come in the load's order: accounts before their contacts.
 */
export const searchDocRows = () => {
  const reader = <C extends readonly string[]>(columns: C) => {
    const index = new Map(columns.map((c, i) => [c as string, i]));
    return (row: Row, column: string) => (row[index.get(column) ?? -1] ?? null) as string | null;
  };
  // a document's row: its record's id, the document, and the record's own values of the other columns
  const docRow = (columns: readonly string[], read: (column: string) => string | null, doc: string): Row =>
    columns.map((c, i) => (i === 0 ? read('id') : c === 'doc' ? doc : read(c)));
  const account = reader(accountColumns);
  const contact = reader(contactColumns);
  const deal = reader(dealColumns);
  const accountNames = new Map<string | null, string | null>();
  return (table: SeedTable, row: Row): [SeedTable, Row] | null => {
    if (table === 'accounts') {
      const a = (c: string) => account(row, c);
      accountNames.set(a('id'), a('name'));
      const doc = searchDocOf.account({ name: a('name'), domain: a('domain'), city: a('city') });
      return ['account_search_docs', docRow(accountDocColumns, a, doc)];
    }
    if (table === 'contacts') {
      const c = (column: string) => contact(row, column);
      const doc = searchDocOf.contact(
        {
          first_name: c('first_name'),
          last_name: c('last_name'),
          email: c('email'),
          emails: c('emails'),
          phone: c('phone'),
          job_title: c('job_title'),
        },
        accountNames.get(c('account_id')) ?? null,
      );
      return ['contact_search_docs', docRow(contactDocColumns, c, doc)];
    }
    if (table === 'deals') {
      const d = (column: string) => deal(row, column);
      return ['deal_search_docs', docRow(dealDocColumns, d, searchDocOf.deal(d('name')))];
    }
    return null;
  };
};

/** Tables of search documents, which follow their records (`SeedPlan.searchDocs`) and count apart from rows. */
const isDocTable = (t: string) => t.endsWith('_search_docs');

/** What a load wrote: its rows, and the search documents that came with them. */
export const loadedCounts = (counts: Record<string, number>) => {
  const entries = Object.entries(counts).filter(([, n]) => n > 0);
  const sum = (e: [string, number][]) => e.reduce((a, [, n]) => a + n, 0);
  const rows = entries.filter(([t]) => !isDocTable(t));
  const docs = sum(entries.filter(([t]) => isDocTable(t)));
  const detail = rows.map(([t, n]) => `${n.toLocaleString('en')} ${t}`).join(', ');
  return {
    rows: sum(rows),
    summary: `${sum(rows).toLocaleString('en')} rows (${detail})${docs > 0 ? ` and ${docs.toLocaleString('en')} search documents` : ''}`,
  };
};

export type Row = (string | number | null)[];

export interface SeedPlan {
  accounts: number;
  contacts: number;
  /** Owners of accounts (and their contacts): the sales users. */
  ownerIds: readonly string[];
  /** Offsets record numbers so an appended workspace gets distinct domains and emails. */
  offset: number;
  /** Lead handoffs, qualified over the last year (one SLA report period covers them all). */
  handoffs: number;
  /** Deals created over the last year: half open (over the open stages), 30% won, 20% lost. */
  deals: number;
  /** Campaigns over the touch window (the two years before the end). */
  campaigns: number;
  /** Touchpoints of the contacts over the touch window, most of them on a campaign. */
  touchpoints: number;
  /** Timeline entries of the big account (the first one), over its contacts, its deals and itself. */
  accountTimeline: number;
  /** The pipeline for the deals (the default one); null when there are no deals to make. */
  pipeline: { id: string; stages: { id: string; kind: string }[] } | null;
  /** The workspace's SLA: due times and response times are business time, as the server computes them. */
  sla: SlaSettings;
  /** Users for the actors of handoffs and timeline entries. */
  users: readonly { id: string; department: string }[];
  /**
   * Whether the feed sends each record's search document after it (`searchDocRows`): a bulk load that drops
   * the triggers which write them (`searchBulkLoad`); a small append keeps the triggers.
   */
  searchDocs?: boolean;
}

// Records are spread evenly over this window, oldest first, so time-ordered ids arrive in index order.
const START = Date.parse('2024-01-08T08:00:00Z');
const END = Date.parse('2026-11-02T17:00:00Z');
const UNOWNED_SHARE = 0.15;

/** Two hex digits per byte value, so an id is put together from table lookups (a seed makes millions). */
const HEX = Array.from({ length: 256 }, (_, b) => (b + 0x100).toString(16).slice(1));
const hex4 = (x: number) => `${HEX[x >>> 8]}${HEX[x & 0xff]}`;
const hex6 = (x: number) => `${HEX[x >>> 16]}${HEX[(x >>> 8) & 0xff]}${HEX[x & 0xff]}`;

/** A UUID version 7 from a timestamp and the seeded PRNG (the server's newId uses crypto randomness). */
export const seededId = (ms: number, next: () => number): string => {
  // the 48-bit timestamp as two 24-bit halves: 8 hex digits, a dash, 4 more
  const high = Math.floor(ms / 0x1000000);
  const low = ms % 0x1000000;
  const v = 0x7000 | ((next() * 0x1000) >>> 0);
  const w = 0x8000 | ((next() * 0x4000) >>> 0);
  const r1 = Math.floor(next() * 0x1000000);
  const r2 = Math.floor(next() * 0x1000000);
  return `${hex6(high)}${HEX[low >>> 16]}-${hex4(low & 0xffff)}-${hex4(v)}-${hex4(w)}-${hex6(r1)}${hex6(r2)}`;
};

/**
 * Date#toISOString, with each day's date part formatted once: a seed formats millions of timestamps over a
 * few hundred days (toISOString itself was a fifth of generating 1M contacts).
 */
export const isoFormatter = () => {
  const days = new Map<number, string>();
  let lastDay = Number.NaN;
  let prefix = '';
  return (ms: number): string => {
    const day = Math.floor(ms / 86_400_000);
    if (day !== lastDay) {
      let p = days.get(day);
      if (p === undefined) {
        p = new Date(day * 86_400_000).toISOString().slice(0, 11);
        days.set(day, p);
      }
      lastDay = day;
      prefix = p;
    }
    const inDay = ms - day * 86_400_000;
    const h = Math.floor(inDay / 3_600_000);
    const m = Math.floor((inDay % 3_600_000) / 60_000);
    const s = Math.floor((inDay % 60_000) / 1000);
    const milli = inDay % 1000;
    return `${prefix}${h < 10 ? '0' : ''}${h}:${m < 10 ? '0' : ''}${m}:${s < 10 ? '0' : ''}${s}.${milli < 10 ? '00' : milli < 100 ? '0' : ''}${milli}Z`;
  };
};

/** JSON of a one-element list; emails made by the generator need no escaping, others go the long way. */
const plainJson = /^[\w.@+-]*$/;
export const jsonList = (s: string) => (plainJson.test(s) ? `["${s}"]` : JSON.stringify([s]));

/**
 * Remembers a text function's results: names repeat a lot (sortKey normalizes Unicode, searchKey folds).
 * Forgets everything at `max` entries, so texts that do not repeat (addresses) cannot grow it unbounded.
 */
const memo = <R>(fn: (s: string) => R, max = 200_000) => {
  const cache = new Map<string, R>();
  return (s: string) => {
    let v = cache.get(s);
    if (v === undefined) {
      if (cache.size >= max) cache.clear();
      v = fn(s);
      cache.set(s, v);
    }
    return v;
  };
};

const DAY_MS = 86_400_000;
/** Handoffs are qualified within this window before END, so one SLA report (≤ 400 days) covers them all. */
const HANDOFF_WINDOW_MS = 360 * DAY_MS;
/** Deals are created within this window before END (one year, so one report period covers them all). */
const DEAL_WINDOW_MS = 365 * DAY_MS;
/** Touchpoints happen within this window before END. */
const TOUCH_WINDOW_MS = 730 * DAY_MS;
/** Deals go to accounts that have existed at least this long, so their contacts were touched before. */
const DEAL_ACCOUNT_AGE_MS = 60 * DAY_MS;
/** Outcomes of ten consecutive deals: half open, 30% won, 20% lost. */
const DEAL_KINDS = ['open', 'won', 'open', 'lost', 'open', 'won', 'open', 'open', 'lost', 'won'] as const;
/** Every DUPLICATE_EVERY-th contact repeats the one before it (same name, phone and account, another email). */
const DUPLICATE_EVERY = 100;
const CAMPAIGNS = ['fruehjahr-webinar', 'messe-hannover', 'newsletter', 'whitepaper-digital', null, null] as const;
const PRODUCTS = ['Rahmenvertrag', 'Lizenzen', 'Einführung', 'Wartung', 'Erweiterung', 'Pilotprojekt', 'Schulung'];
const NOTES = [
  'Rückruf vereinbart, **Budget** für Q3 bestätigt.',
  'Hat nach einer Referenz im Maschinenbau gefragt.',
  'Einkauf will ein zweites Angebot sehen.',
  'Kurze Abstimmung zum _Rollout_ in zwei Werken.',
];
const SUBJECTS = ['Erstgespräch', 'Demo', 'Angebotsbesprechung', 'Follow-up', 'Workshop'];
const ACTIVITY_TYPES = ['call', 'email', 'meeting', 'note'] as const;

/**
 * addBusinessTime and businessTimeBetween of @nenner/shared with each local day's opening window computed
 * once: the shared functions ask Intl for every day they pass (~0.5 ms a handoff here), which would make
 * 200k handoffs take minutes. Same walk over the days, same windows (from zonedTimeToEpoch), same results.
 */
export const businessClock = (sla: SlaSettings) => {
  const holidays = new Set(sla.extraHolidays);
  for (let year = 2020; year <= 2030; year++) for (const d of holidaysIn(sla.holidayRegion, year)) holidays.add(d);
  const cal = { timeZone: sla.timeZone, hours: sla.businessHours, holidays };
  const days = new Map<number, { window: [number, number] | null; midnight: number }>();
  const weekdayKeys = ['sun', 'mon', 'tue', 'wed', 'thu', 'fri', 'sat'] as const;
  const hm = (v: string): [number, number] => {
    const [h, m] = v.split(':').map(Number);
    return [h ?? 0, m ?? 0];
  };
  /** Day number (UTC days since the epoch) of a local date → its window and local midnight. */
  const dayOf = (n: number) => {
    let d = days.get(n);
    if (!d) {
      const t = new Date(n * DAY_MS);
      const local = { year: t.getUTCFullYear(), month: t.getUTCMonth() + 1, day: t.getUTCDate() };
      const hours = cal.holidays.has(t.toISOString().slice(0, 10))
        ? null
        : cal.hours[weekdayKeys[t.getUTCDay()] ?? 'sun'];
      let window: [number, number] | null = null;
      if (hours) {
        const [oh, om] = hm(hours[0]);
        const [ch, cm] = hm(hours[1]);
        const start = zonedTimeToEpoch(local, oh, om, cal.timeZone);
        const end = zonedTimeToEpoch(local, ch, cm, cal.timeZone);
        window = end > start ? [start, end] : null;
      }
      d = { window, midnight: zonedTimeToEpoch(local, 0, 0, cal.timeZone) };
      days.set(n, d);
    }
    return d;
  };
  const localDay = (ms: number) => {
    const p = zonedParts(ms, cal.timeZone);
    return Math.floor(Date.UTC(p.year, p.month - 1, p.day) / DAY_MS);
  };
  return {
    calendar: cal,
    add(fromMs: number, ms: number): number {
      let remaining = ms;
      for (let n = localDay(fromMs), i = 0; i < 3 * 366; n++, i++) {
        const w = dayOf(n).window;
        if (!w) continue;
        const start = Math.max(fromMs, w[0]);
        if (start < w[1]) {
          if (remaining <= w[1] - start) return start + remaining;
          remaining -= w[1] - start;
        }
      }
      throw new Error('Business time does not fit within three years');
    },
    between(fromMs: number, toMs: number): number {
      if (toMs <= fromMs) return 0;
      let total = 0;
      for (let n = localDay(fromMs), i = 0; i < 30 * 366; n++, i++) {
        const { window: w, midnight } = dayOf(n);
        if (w) {
          if (w[0] >= toMs) break;
          const end = Math.min(toMs, w[1]);
          const start = Math.max(fromMs, w[0]);
          if (end > start) total += end - start;
        } else if (midnight >= toMs) break;
      }
      return total;
    },
  };
};

export type SeedSink = (table: SeedTable, row: Row) => void;

/**
 * Generates the plan's rows table by table (campaigns with their UTM keys and costs, accounts, contacts,
 * handoffs, deals, deal contacts, touchpoints, the big account's timeline), calling `emit` with each row in
 * its table's column order.
 * Account k gets the contacts of a contiguous range, about contacts/accounts of them (±2), all created
 * after the account; about 15% of accounts, and so of contacts, have no owner. Keys for the duplicate
 * scan are filled as the server computes them, with keys_at = updated_at (fresh).
 * A contact's funnel stamps match its stage (what the server's trigger would have stamped had it lived
 * through them, see stageStamps); deals go to the first contact of an account at least 60 days old (and
 * half of the time its second one too), who are then in opportunity, or customer once a deal is won.
 */
export const generateSeedRows = (plan: SeedPlan, emit: SeedSink): void => {
  const { accounts: m, contacts: n, ownerIds, offset } = plan;
  const rnd = createRandom(20_240_108 + offset);
  const ids = createRandom(7_000_000 + offset);
  const step = (END - START) / Math.max(1, n);
  const sortName = memo(sortKey);
  const iso = isoFormatter();
  // a name key per pair of names, which repeat (account names do not: each is keyed as it comes)
  const nameKeys = memo((pair: string) => {
    const [first = '', last = ''] = pair.split('\n');
    return personNameKey(first, last);
  });
  const accountKeys = (name: string) => accountKeyColumns({ name }, '');

  // First contact index of each account; boundaries stay monotonic because the jitter is below the mean.
  const avg = n / Math.max(1, m);
  const jitter = Math.floor(avg / 2);
  const first = new Float64Array(m + 1);
  for (let k = 1; k < m; k++) first[k] = Math.min(n, Math.floor(k * avg) + (jitter ? rnd.int(0, jitter) : 0));
  first[m] = n;

  // ——— Campaigns first: contacts (their source campaign) and touchpoints refer to them ———
  const touchWindow = { from: END - TOUCH_WINDOW_MS, to: END };
  const campaigns: SeedCampaign[] =
    plan.campaigns > 0
      ? generateCampaigns(plan.campaigns, touchWindow, plan.users, 61_000 + offset, offset, seededId, emit)
      : [];

  // ——— Deals are planned before the contacts: a deal's contacts have reached opportunity (customer when
  // it was won) and were touched before it was created ———
  const dealTotal = plan.pipeline && m > 0 ? plan.deals : 0;
  const dealStart = END - DEAL_WINDOW_MS;
  const dealStep = (END - dealStart) / Math.max(1, dealTotal);
  const dealAccount = new Int32Array(dealTotal);
  const dealChanged = new Float64Array(dealTotal);
  const dealContactsOf: number[][] = new Array(dealTotal);
  const contactDeal = new Map<number, { at: number; wonAt: number | null }>();
  {
    const dp = createRandom(43_000 + offset);
    // the big account gets one deal in every `bigEvery` (about 20 of them)
    const bigEvery = Math.max(1, Math.floor(dealTotal / 20));
    for (let d = 0; d < dealTotal; d++) {
      const created = Math.floor(dealStart + d * dealStep);
      // the last account created at least DEAL_ACCOUNT_AGE_MS before the deal (accounts are in time order)
      let lo = 0;
      let hi = m - 1;
      while (lo < hi) {
        const mid = (lo + hi + 1) >> 1;
        if (START + (first[mid] ?? 0) * step <= created - DEAL_ACCOUNT_AGE_MS) lo = mid;
        else hi = mid - 1;
      }
      const ak = d % bigEvery === 0 ? 0 : dp.int(0, lo);
      const changed = Math.min(END, created + Math.floor(dp.next() * 90 * DAY_MS));
      const won = DEAL_KINDS[d % DEAL_KINDS.length] === 'won';
      const c0 = first[ak] ?? n;
      const end = first[ak + 1] ?? n;
      const contacts = c0 < end ? (c0 + 1 < end && dp.next() < 0.5 ? [c0, c0 + 1] : [c0]) : [];
      dealAccount[d] = ak;
      dealChanged[d] = changed;
      dealContactsOf[d] = contacts;
      for (const c of contacts) {
        const e = contactDeal.get(c);
        if (!e) contactDeal.set(c, { at: created, wonAt: won ? changed : null });
        else if (won && (e.wonAt === null || changed < e.wonAt)) e.wonAt = changed;
      }
    }
  }
  const planner = createTouchPlanner({
    total: plan.touchpoints,
    contacts: n,
    reserved: 2 * contactDeal.size,
    window: touchWindow,
    campaigns,
    seed: 71_000 + offset,
  });
  const contactIds: string[] = plan.touchpoints > 0 ? new Array(n) : [];
  const dealContactIds = new Map<number, string>();
  const sr = createRandom(73_000 + offset);
  const stampFormat = isoFormatter();
  const stampIso = (ms: number | null) => (ms === null ? null : stampFormat(ms));

  const generated: GeneratedAccount[] = new Array(m);
  const accountIds: string[] = new Array(m);
  const owners: (string | null)[] = new Array(m);
  for (let k = 0; k < m; k++) {
    const a = generateAccount(rnd, offset + k + 200);
    const owner = ownerIds.length > 0 && rnd.next() >= UNOWNED_SHARE ? rnd.pick(ownerIds) : null;
    const ms = Math.floor(START + (first[k] ?? 0) * step);
    const at = iso(ms);
    const id = seededId(ms, ids.next);
    generated[k] = a;
    accountIds[k] = id;
    owners[k] = owner;
    const keys = accountKeys(a.name);
    emit('accounts', [
      id,
      a.name,
      sortName(a.name),
      a.domain,
      a.industry,
      a.employeeBand,
      a.country,
      a.city,
      owner,
      JSON.stringify(a.tags),
      1,
      at,
      at,
      null,
      keys.name_key,
      keys.phonetic_key,
      at,
    ]);
  }

  // Handoffs go to contacts of the last part of the range (created within the handoff window), evenly.
  const h = Math.min(plan.handoffs, n);
  const tail = Math.min(n, Math.max(h, Math.ceil((n * HANDOFF_WINDOW_MS) / (END - START))));
  const tailStart = n - tail;
  const handoffContacts: { id: string; ms: number; account: number; source: string | null }[] = [];
  const bigContacts: string[] = [];

  let k = 0;
  let previous: { c: ReturnType<typeof generateContact>; k: number } | null = null;
  for (let i = 0; i < n; i++) {
    while (k < m - 1 && i >= (first[k + 1] ?? n)) k++;
    const account = m > 0 ? generated[k] : undefined;
    let c = account ? generateContact(rnd, account, offset + i + 1000) : undefined;
    if (!c) throw new Error('A contact needs an account to be generated from; pass --accounts ≥ 1');
    // A near-duplicate of the previous contact: the duplicate scan has pairs to find (phone and name).
    if (i % DUPLICATE_EVERY === DUPLICATE_EVERY - 1 && previous && previous.k === k) {
      c = { ...c, firstName: previous.c.firstName, lastName: previous.c.lastName, phone: previous.c.phone };
    }
    previous = { c, k };
    const ms = Math.floor(START + i * step + 1 + rnd.next() * (step - 1));
    const at = iso(ms);
    const email = c.email.toLowerCase();
    const id = seededId(ms, ids.next);
    const nameKey = nameKeys(`${c.firstName}\n${c.lastName}`);
    const deal = contactDeal.get(i) ?? null;
    const stage = deal ? (deal.wonAt !== null ? 'customer' : 'opportunity') : c.lifecycleStage;
    const source = planner.plan(i, ms, deal?.at ?? null);
    if (plan.touchpoints > 0) contactIds[i] = id;
    if (deal) dealContactIds.set(i, id);
    const { stamps, last } = stageStamps(stage, ms, END, deal, sr.next);
    // the contact was last written when it reached its stage; its keys are as fresh as that
    const updated = last === ms ? at : (stampIso(last) as string);
    emit('contacts', [
      id,
      c.firstName,
      c.lastName,
      sortName(c.firstName),
      sortName(c.lastName),
      email,
      jsonList(c.email),
      c.phone,
      c.jobTitle,
      accountIds[k] ?? null,
      owners[k] ?? null,
      stage,
      c.source,
      c.tags.length === 0 ? '[]' : JSON.stringify(c.tags),
      1,
      at,
      updated,
      null,
      phoneKey(c.phone),
      nameKey,
      updated,
      ...stamps.map(stampIso),
      campaigns[source]?.id ?? null,
    ]);
    if (k === 0) bigContacts.push(id);
    if (i >= tailStart && Math.floor(((i - tailStart + 1) * h) / tail) > Math.floor(((i - tailStart) * h) / tail)) {
      handoffContacts.push({ id, ms, account: k, source: c.source });
    }
  }

  // ——— Handoffs: responded (or not) in business time, as the SLA report reads them ———
  const clock = businessClock(plan.sla);
  const responseMs = plan.sla.responseHours * HOUR_MS;
  const rejectReasons = defaultRejectReasons.reasons.map((r) => r.key);
  const hr = createRandom(31_000 + offset);
  for (const hc of handoffContacts) {
    const q = Math.min(END - DAY_MS, hc.ms + Math.floor(hr.next() * DAY_MS));
    const due = clock.add(q, responseMs);
    const assignee = owners[hc.account] ?? null;
    const r = hr.next();
    // about 10% never answered, the rest after a delay that is mostly short and sometimes days
    const answered = r >= 0.1;
    const responded = answered ? Math.min(END, q + Math.floor(hr.next() ** 3 * 5 * DAY_MS) + 60_000) : null;
    const outcome = hr.next();
    const status = !answered
      ? 'open'
      : outcome < 0.45
        ? 'accepted'
        : outcome < 0.7
          ? 'converted'
          : outcome < 0.95
            ? 'rejected'
            : 'recycled';
    const rejected = status === 'rejected' || status === 'recycled';
    const accepted = status === 'accepted' || status === 'converted';
    const later = (t: number) => iso(Math.min(END, t + Math.floor(hr.next() * 7 * DAY_MS)));
    const respondedAt = responded === null ? null : iso(responded);
    const convertedAt = status === 'converted' && responded !== null ? later(responded) : null;
    const recycledAt = status === 'recycled' && responded !== null ? later(responded) : null;
    const breached = (responded ?? END) > due;
    const updated = recycledAt ?? convertedAt ?? respondedAt ?? iso(breached ? due : q);
    emit('handoffs', [
      seededId(q, ids.next),
      hc.id,
      status,
      iso(q),
      null,
      'score',
      assignee,
      null,
      assignee ? 'account_owner' : 'fallback',
      iso(due),
      accepted ? respondedAt : null,
      rejected ? respondedAt : null,
      rejected ? hr.pick(rejectReasons) : null,
      null,
      accepted ? respondedAt : null,
      convertedAt,
      convertedAt ? 'opportunity' : null,
      recycledAt,
      recycledAt ? 'Nurture, in sechs Monaten wieder ansprechen' : null,
      respondedAt,
      responded === null ? null : Math.round(clock.between(q, responded) / 1000),
      breached ? iso(due) : null,
      hc.source,
      null,
      hr.pick(CAMPAIGNS),
      1,
      iso(q),
      updated,
    ]);
  }

  // ——— Deals as planned above: the details ———
  const bigDeals: string[] = [];
  const dealContacts: Row[] = [];
  if (plan.pipeline && dealTotal > 0) {
    const open = plan.pipeline.stages.filter((s) => s.kind === 'open');
    const won = plan.pipeline.stages.find((s) => s.kind === 'won');
    const lost = plan.pipeline.stages.find((s) => s.kind === 'lost');
    const dr = createRandom(41_000 + offset);
    const wonReasons = defaultCloseReasons.reasons.filter((r) => r.outcome === 'won').map((r) => r.key);
    const lostReasons = defaultCloseReasons.reasons.filter((r) => r.outcome === 'lost').map((r) => r.key);
    const dealIso = isoFormatter();
    for (let d = 0; d < dealTotal; d++) {
      const ak = dealAccount[d] as number;
      const account = generated[ak] as GeneratedAccount;
      const created = Math.floor(dealStart + d * dealStep);
      const kind = DEAL_KINDS[d % DEAL_KINDS.length] as (typeof DEAL_KINDS)[number];
      const stage = kind === 'open' ? dr.pick(open) : kind === 'won' ? won : lost;
      if (!stage) throw new Error(`The pipeline has no ${kind} stage`);
      const changed = dealChanged[d] as number;
      const closeDate = new Date(kind === 'open' ? created + dr.int(30, 270) * DAY_MS : changed)
        .toISOString()
        .slice(0, 10);
      const name = `${account.name} – ${dr.pick(PRODUCTS)}`;
      const id = seededId(created, ids.next);
      const currency = dr.next() < 0.9 ? 'EUR' : dr.next() < 0.8 ? 'CHF' : 'USD';
      emit('deals', [
        id,
        name,
        sortKey(name),
        accountIds[ak] as string,
        plan.pipeline.id,
        stage.id,
        kind,
        dr.int(50, 5000) * 10_000,
        currency,
        closeDate,
        owners[ak] ?? (ownerIds.length > 0 ? dr.pick(ownerIds) : null),
        dr.next() < 0.3 ? 'marketing' : 'sales',
        null,
        null,
        kind === 'open' && dr.next() < 0.5 ? 'Termin mit dem Einkauf' : null,
        kind === 'won' ? dr.pick(wonReasons) : kind === 'lost' ? dr.pick(lostReasons) : null,
        null,
        null,
        kind === 'open' ? null : dealIso(changed),
        dealIso(changed),
        1,
        dealIso(created),
        dealIso(changed),
        null,
      ]);
      if (ak === 0) bigDeals.push(id);
      (dealContactsOf[d] ?? []).forEach((c, j) => {
        dealContacts.push([id, dealContactIds.get(c) as string, j === 0 ? 'decision_maker' : 'influencer']);
      });
    }
    // after the deals, so each table's rows arrive in one run (one COPY per table on PostgreSQL)
    for (const row of dealContacts) emit('deal_contacts', row);
  }

  // ——— Touchpoints in time order (time-ordered ids arrive in index order) ———
  if (planner.size > 0) {
    const pr = createRandom(81_000 + offset);
    const pIso = isoFormatter();
    for (const t of planner.inOrder()) {
      const at = pIso(t.at);
      emit(
        'touchpoints',
        touchpointRow(seededId(t.at, pr.next), contactIds[t.contact] as string, at, t.type, campaigns[t.campaign]),
      );
    }
  }

  // ——— The big account's 360° timeline, over its contacts, its deals and itself ———
  const t = plan.accountTimeline;
  if (t > 0 && m > 0) {
    const tr = createRandom(51_000 + offset);
    const big = accountIds[0] as string;
    const users: readonly { id: string | null; department: string | null }[] =
      plan.users.length > 0 ? plan.users : [{ id: null, department: null }];
    const tStep = (END - START) / t;
    const tIso = isoFormatter();
    for (let e = 0; e < t; e++) {
      const ms = Math.floor(START + e * tStep + tr.next() * (tStep - 1));
      const r = tr.next();
      const [type, entity] =
        r < 0.6 && bigContacts.length > 0
          ? (['contact', tr.pick(bigContacts)] as const)
          : r < 0.9 && bigDeals.length > 0
            ? (['deal', tr.pick(bigDeals)] as const)
            : (['account', big] as const);
      const user = tr.pick(users);
      const at = tIso(ms);
      const x = tr.next();
      let kind: string;
      let action: string | null = null;
      let body: string | null = null;
      let data: string | null = null;
      if (type === 'contact' && x < 0.3) {
        kind = 'touchpoint';
        action = 'form_submission';
        data = JSON.stringify({ formId: null, formName: 'Kontakt', utm_source: 'newsletter', utm_medium: 'email' });
      } else if (x < 0.6) {
        kind = 'activity';
        const activity = tr.pick(ACTIVITY_TYPES);
        action = activity;
        body = tr.pick(NOTES);
        data = JSON.stringify({ activityId: null, type: activity, subject: tr.pick(SUBJECTS), duration: 30 });
      } else if (x < 0.8) {
        kind = 'note';
        body = tr.pick(NOTES);
      } else if (type === 'deal' && plan.pipeline) {
        kind = 'deal';
        action = 'moved';
        const stages = plan.pipeline.stages;
        data = JSON.stringify({ fromStageId: stages[0]?.id, toStageId: stages[1]?.id });
      } else {
        kind = 'audit';
        action = 'updated';
        data = JSON.stringify({ changes: [{ field: 'jobTitle', from: null, to: 'Einkaufsleitung' }] });
      }
      emit('timeline_entries', [
        seededId(ms, ids.next),
        type,
        entity,
        kind,
        action,
        kind === 'touchpoint' ? null : user.id,
        kind === 'touchpoint' ? null : user.department,
        body,
        data,
        at,
        big,
      ]);
    }
  }
};
