import { type RawBuilder, sql } from 'kysely';
import type { Db } from '../../db/db.js';

/*
 * The alignment index's figures, aggregated in SQL over a list of ascending instants (`bounds`, ISO UTC).
 * A row falls in interval k when bounds[k-1] <= its time < bounds[k]; rows before bounds[0] or from the last
 * bound on are left out (or, for the completeness counts, counted as 0 and n: "before" and "never").
 * Counts that add up (handoffs) come back per interval and the caller sums any range of intervals; the
 * distinct-account count does not add up, so the caller asks once per range set.
 */

/** The index k of the first bound a timestamp is below (bounds.length when none). */
const intervalOf = (column: string, bounds: string[]): RawBuilder<number> =>
  sql<number>`case ${sql.join(
    bounds.map((b, k) => sql`when ${sql.ref(column)} < ${b} then ${sql.lit(k)}`),
    sql` `,
  )} else ${sql.lit(bounds.length)} end`;

const flag = (condition: RawBuilder<unknown>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;

export interface HandoffIntervalRow {
  k: number | string;
  within_sla: number | string;
  judged: number | string;
  accepted: number | string;
  rejected: number | string;
  reasoned: number | string;
}

/**
 * Handoffs qualified in [bounds[0], last bound) per interval: the SLA report's flags (the same conditions
 * as aggregateHandoffCells, judged at `now`) and the rejections with a specific reason or a comment.
 */
export const aggregateHandoffIntervals = async (
  db: Db,
  bounds: string[],
  now: string,
): Promise<HandoffIntervalRow[]> => {
  const first = bounds[0];
  const last = bounds.at(-1);
  if (first === undefined || last === undefined) return [];
  const r = await sql<HandoffIntervalRow>`
    select h.k,
      ${flag(sql`h.responded_at is not null and h.responded_at <= h.sla_due_at`)} as within_sla,
      ${flag(sql`h.responded_at is not null or h.sla_due_at < ${now}`)} as judged,
      ${flag(sql`h.accepted_at is not null`)} as accepted,
      ${flag(sql`h.rejected_at is not null`)} as rejected,
      ${flag(
        sql`h.rejected_at is not null
          and (coalesce(h.reject_reason, 'other') <> 'other' or coalesce(trim(h.reject_comment), '') <> '')`,
      )} as reasoned
    from (
      select ${intervalOf('qualified_at', bounds)} as k,
        responded_at, sla_due_at, accepted_at, rejected_at, reject_reason, reject_comment
      from handoffs
      where qualified_at >= ${first} and qualified_at < ${last}
    ) h
    group by h.k`.execute(db);
  return r.rows;
};

export interface RejectionRow {
  rejected_at: string;
  recycled_at: string | null;
  contact_deleted_at: string | null;
}

/** Handoffs rejected in [from, to), with when marketing recycled them and when their contact was deleted. */
export const findRejections = (db: Db, from: string, to: string): Promise<RejectionRow[]> =>
  db
    .selectFrom('handoffs as h')
    .innerJoin('contacts as c', 'c.id', 'h.contact_id')
    .select(['h.rejected_at', 'h.recycled_at', 'c.deleted_at as contact_deleted_at'])
    .where('h.rejected_at', '>=', from)
    .where('h.rejected_at', '<', to)
    .$narrowType<{ rejected_at: string }>()
    .execute();

export interface AccountIntervalRow {
  k: number | string;
  active: number | string;
  two_sided: number | string;
}

/*
 * Which side an entry is on: its author's department; a touchpoint without an author (a form post, a
 * campaign response, an import) is a response to marketing's work. Management, and system entries such as
 * an SLA breach, are neither side. Audit entries (record edits) are bookkeeping, not customer work.
 */
const marketingSide = sql`t.department = 'marketing' or (t.department is null and t.kind = 'touchpoint')`;
const salesSide = sql`t.department = 'sales'`;

/**
 * Per interval: the live accounts with non-audit timeline entries in it (their own, their contacts' and
 * deals'), and those among them with entries from both marketing and sales.
 */
export const aggregateAccountIntervals = async (db: Db, bounds: string[]): Promise<AccountIntervalRow[]> => {
  const first = bounds[0];
  const last = bounds.at(-1);
  if (first === undefined || last === undefined) return [];
  const r = await sql<AccountIntervalRow>`
    select x.k, count(*) as active, sum(case when x.m = 1 and x.s = 1 then 1 else 0 end) as two_sided
    from (
      select e.account_id, e.k, max(e.m) as m, max(e.s) as s
      from (
        select t.account_id, ${intervalOf('t.created_at', bounds)} as k,
          case when ${marketingSide} then 1 else 0 end as m,
          case when ${salesSide} then 1 else 0 end as s
        from timeline_entries t
        join accounts a on a.id = t.account_id
        where a.deleted_at is null and t.kind <> 'audit' and t.account_id is not null
          and t.created_at >= ${first} and t.created_at < ${last}
      ) e
      group by e.account_id, e.k
    ) x
    group by x.k`.execute(db);
  return r.rows;
};
