import { sortKey } from '@nenner/shared';
import { createRandom, type GeneratedAccount, generateAccount, generateContact } from '../modules/demo/generator.js';

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
] as const;

export type Row = (string | number | null)[];

export interface SeedPlan {
  accounts: number;
  contacts: number;
  /** Owners of accounts (and their contacts): the sales users. */
  ownerIds: readonly string[];
  /** Offsets record numbers so an appended workspace gets distinct domains and emails. */
  offset: number;
}

// Records are spread evenly over this window, oldest first, so time-ordered ids arrive in index order.
const START = Date.parse('2024-01-08T08:00:00Z');
const END = Date.parse('2026-11-02T17:00:00Z');
const UNOWNED_SHARE = 0.15;

const hex6 = (next: () => number) => (0x1000000 + Math.floor(next() * 0x1000000)).toString(16).slice(1);

/** A UUID version 7 from a timestamp and the seeded PRNG (the server's newId uses crypto randomness). */
export const seededId = (ms: number, next: () => number): string => {
  const t = (0x1000000000000 + ms).toString(16).slice(1);
  const v = (0x7000 | ((next() * 0x1000) >>> 0)).toString(16);
  const w = (0x8000 | ((next() * 0x4000) >>> 0)).toString(16);
  return `${t.slice(0, 8)}-${t.slice(8)}-${v}-${w}-${hex6(next)}${hex6(next)}`;
};

/** Date#toISOString, with the date part reused while it stays the same (timestamps only grow here). */
export const isoFormatter = () => {
  let dayStart = 0;
  let dayEnd = -1;
  let prefix = '';
  return (ms: number): string => {
    if (ms < dayStart || ms >= dayEnd) {
      dayStart = ms - (ms % 86_400_000);
      dayEnd = dayStart + 86_400_000;
      prefix = new Date(dayStart).toISOString().slice(0, 11);
    }
    const inDay = ms - dayStart;
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

/** sortKey normalizes Unicode; names repeat a lot, so each distinct one is folded once. */
const memo = (fn: (s: string) => string) => {
  const cache = new Map<string, string>();
  return (s: string) => {
    let v = cache.get(s);
    if (v === undefined) {
      v = fn(s);
      cache.set(s, v);
    }
    return v;
  };
};

/**
 * Generates the plan's accounts, then its contacts, calling `onAccount` / `onContact` with each row.
 * Account k gets the contacts of a contiguous range, about contacts/accounts of them (±2), all created
 * after the account; about 15% of accounts, and so
 * of contacts, have no owner.
 */
export const generateSeedRows = (
  plan: SeedPlan,
  sink: { onAccount(row: Row): void; onContact(row: Row): void; onAccountsDone?(): void },
): void => {
  const { accounts: m, contacts: n, ownerIds, offset } = plan;
  const rnd = createRandom(20_240_108 + offset);
  const ids = createRandom(7_000_000 + offset);
  const step = (END - START) / Math.max(1, n);
  const sortName = memo(sortKey);
  const iso = isoFormatter();

  // First contact index of each account; boundaries stay monotonic because the jitter is below the mean.
  const avg = n / Math.max(1, m);
  const jitter = Math.floor(avg / 2);
  const first = new Float64Array(m + 1);
  for (let k = 1; k < m; k++) first[k] = Math.min(n, Math.floor(k * avg) + (jitter ? rnd.int(0, jitter) : 0));
  first[m] = n;

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
    sink.onAccount([
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
    ]);
  }
  sink.onAccountsDone?.();

  let k = 0;
  for (let i = 0; i < n; i++) {
    while (k < m - 1 && i >= (first[k + 1] ?? n)) k++;
    const account = m > 0 ? generated[k] : undefined;
    const c = account ? generateContact(rnd, account, offset + i + 1000) : undefined;
    if (!c) throw new Error('A contact needs an account to be generated from; pass --accounts ≥ 1');
    const ms = Math.floor(START + i * step + 1 + rnd.next() * (step - 1));
    const at = iso(ms);
    const email = c.email.toLowerCase();
    sink.onContact([
      seededId(ms, ids.next),
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
      c.lifecycleStage,
      c.source,
      c.tags.length === 0 ? '[]' : JSON.stringify(c.tags),
      1,
      at,
      at,
      null,
    ]);
  }
};
