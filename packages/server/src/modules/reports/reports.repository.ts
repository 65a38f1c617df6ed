import { sql } from 'kysely';
import type { Db } from '../../db/db.js';
import { type Engine, sqlFragments } from '../../db/dialect.js';

const flag = (condition: ReturnType<typeof sql>) => sql<number>`sum(case when ${condition} then 1 else 0 end)`;

/**
 * Which index the cells read on SQLite. Grouping over `handoffs_cells` (migration 0037, ordered by the
 * cell's keys) needs no sort but walks every handoff; `handoffs_report` (ordered by qualification) reads
 * only the period's handoffs but sorts them into cells, which costs ~8× their reading. So a period that
 * spans at least half of the time the handoffs cover walks the keys' index (at most ~2× the period's rows
 * for evenly spread handoffs), a shorter one its own range. Decided by the table's first and last
 * qualification (two index lookups), never by statistics.
 */
const cellsIndex = async (db: Db, from: string, to: string): Promise<'handoffs_cells' | 'handoffs_report'> => {
  // two subqueries: SQLite looks a lone min() or max() up in the index, both at once it would scan for
  const span = (
    await sql<{ first: string | null; last: string | null }>`select
      (select min(qualified_at) from handoffs) as first, (select max(qualified_at) from handoffs) as last`.execute(db)
  ).rows[0];
  if (!span?.first || !span.last) return 'handoffs_report';
  const [first, last] = [Date.parse(span.first), Date.parse(span.last)];
  const covered = Math.min(last, Date.parse(to)) - Math.max(first, Date.parse(from));
  return covered * 2 >= last - first ? 'handoffs_cells' : 'handoffs_report';
};

/**
 * The handoffs qualified in [from, to), aggregated in SQL per combination of assignee, team, source,
 * form, campaign and reject reason: counts, plus the response times joined as text for the percentiles.
 * The report reads a few hundred rows instead of one per handoff.
 */
export const aggregateHandoffCells = async (db: Db, engine: Engine, from: string, to: string, now: string) => {
  const { joinIntegers, indexedBy } = sqlFragments(engine);
  const index = engine === 'sqlite' ? await cellsIndex(db, from, to) : 'handoffs_report';
  const result = await sql<{
    assignee_id: string | null;
    team_id: string | null;
    source: string | null;
    form_id: string | null;
    utm_campaign: string | null;
    reject_reason: string | null;
    handoffs: number | string;
    answered: number | string;
    within_sla: number | string;
    judged: number | string;
    accepted: number | string;
    rejected: number | string;
    converted: number | string;
    responses: string | null;
  }>`
    select assignee_id, team_id, source, form_id, utm_campaign, reject_reason,
      count(*) as handoffs,
      ${flag(sql`responded_at is not null`)} as answered,
      ${flag(sql`responded_at is not null and responded_at <= sla_due_at`)} as within_sla,
      ${flag(sql`responded_at is not null or sla_due_at < ${now}`)} as judged,
      ${flag(sql`accepted_at is not null`)} as accepted,
      ${flag(sql`rejected_at is not null`)} as rejected,
      ${flag(sql`converted_at is not null`)} as converted,
      ${joinIntegers('response_seconds')} as responses
    from handoffs ${index === 'handoffs_cells' ? indexedBy('handoffs_cells') : sql``}
    where qualified_at >= ${from} and qualified_at < ${to}
    group by assignee_id, team_id, source, form_id, utm_campaign, reject_reason`.execute(db);
  return result.rows;
};

/**
 * Per ISO week (Monday, UTC) of the period, the handoffs qualified in it, those answered within the SLA
 * and those rejected (weeks without handoffs left out). One range lookup per week, each returning its three
 * counts as one text, instead of a grouping: the weeks are known in advance, so nothing is sorted.
 */
export const aggregateHandoffWeeks = async (db: Db, from: string, to: string) => {
  const windows = weekWindows(from, to);
  if (windows.length === 0) return [];
  const arms = windows.map(
    (w, i) => sql`select ${sql.lit(i)} as i, (select count(*) || ',' ||
        ${flag(sql`responded_at is not null and responded_at <= sla_due_at`)} || ',' ||
        ${flag(sql`rejected_at is not null`)}
      from handoffs where qualified_at >= ${w.from} and qualified_at < ${w.to}) as facts`,
  );
  const result = await sql<{ i: number | string; facts: string | null }>`${sql.join(arms, sql` union all `)}`.execute(
    db,
  );
  return result.rows
    .map((r) => {
      const [handoffs = 0, withinSla = 0, rejected = 0] = (r.facts ?? '0,0,0').split(',').map((n) => Number(n || 0));
      return { week: windows[Number(r.i)]?.week ?? '', handoffs, withinSla, rejected };
    })
    .filter((w) => w.handoffs > 0);
};

/** The ISO weeks (Monday, UTC) that [from, to) touches, each clipped to the period. */
const weekWindows = (from: string, to: string) => {
  const end = Date.parse(to);
  const windows: { week: string; from: string; to: string }[] = [];
  let start = Date.parse(from);
  while (start < end) {
    const d = new Date(start);
    const monday = Date.UTC(d.getUTCFullYear(), d.getUTCMonth(), d.getUTCDate() - ((d.getUTCDay() + 6) % 7));
    const next = Math.min(end, monday + 7 * 86_400_000);
    windows.push({
      week: new Date(monday).toISOString().slice(0, 10),
      from: new Date(start).toISOString(),
      to: new Date(next).toISOString(),
    });
    start = next;
  }
  return windows;
};

export const findNames = async (db: Db) => {
  const [users, teams, forms] = await Promise.all([
    db.selectFrom('users').select(['id', 'name', 'department']).execute(),
    db.selectFrom('teams').select(['id', 'name']).execute(),
    db.selectFrom('forms').select(['id', 'name']).execute(),
  ]);
  return { users, teams, forms };
};
