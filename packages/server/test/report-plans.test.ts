import SQLite from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import { keepStatisticsFresh } from '../src/db/optimize.js';
import { readFunnelFacts } from '../src/modules/analytics/analytics.repository.js';
import { findConvertedDeals } from '../src/modules/attribution/attribution.repository.js';
import { aggregateHandoffCells, aggregateHandoffWeeks } from '../src/modules/reports/reports.repository.js';
import { engine, type TestDatabase } from './harness.js';
import { analyze, capturingDb, describePlan, insertRows, nodes, type PlanNode, planDatabase } from './plan-data.js';

/*
 * The report queries read a period through an index, not the whole table, on statistics taken on a much
 * smaller table (as in query-plans.test.ts). The period is one day of the ten the rows span, so a full
 * scan is the wrong plan on both engines. And `PRAGMA optimize` at open refreshes SQLite's statistics.
 */

const SMALL = 100;
const GROWN = engine === 'postgres' ? 15_000 : 4_000;
const FROM = '2025-01-03T00:00:00.000Z';
const TO = '2025-01-04T00:00:00.000Z';

interface ReportCase {
  name: string;
  /** The table whose rows the period selects, and its alias in the statement. */
  table: string;
  alias: string;
  run: (db: Db) => Promise<unknown>;
}

const cases: ReportCase[] = [
  {
    name: 'SLA report cells',
    table: 'handoffs',
    alias: 'handoffs',
    run: (db) => aggregateHandoffCells(db, engine, FROM, TO, TO),
  },
  // the reject reasons are counted with the cells (issue 17)
  { name: 'SLA report weeks', table: 'handoffs', alias: 'handoffs', run: (db) => aggregateHandoffWeeks(db, FROM, TO) },
  { name: 'funnel', table: 'contacts', alias: 'c', run: (db) => readFunnelFacts(db, engine, FROM, TO, 'none') },
  {
    name: 'funnel by source',
    table: 'contacts',
    alias: 'c',
    run: (db) => readFunnelFacts(db, engine, FROM, TO, 'source'),
  },
  {
    name: 'attribution deals',
    table: 'deals',
    alias: 'deals',
    run: (db) => findConvertedDeals(db, 'pipeline', 'EUR', FROM, TO),
  },
];

/** What reads the whole table in a report's plan, or null. */
const fullScan = (plan: PlanNode, table: string, alias: string): string | null => {
  const all = nodes(plan);
  if (engine === 'sqlite') {
    const scan = all.find((n) => new RegExp(`^SCAN (${table}|${alias})\\b`).test(n['Node Type']));
    return scan ? scan['Node Type'] : null;
  }
  const seq = all.find((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === table);
  return seq ? `Seq Scan on ${table}` : null;
};

describe('report plans with statistics of a much smaller table', () => {
  let test: TestDatabase;
  let capture: ReturnType<typeof capturingDb>;

  beforeAll(async () => {
    test = await planDatabase(SMALL, 2);
    await analyze(test.database);
    await insertRows(test.database, SMALL + 1, GROWN, 100);
    capture = capturingDb(test);
  }, 120_000);

  afterAll(async () => {
    await capture?.close();
    await test?.dispose();
  });

  it('every report statement reads its period through an index', async () => {
    const problems: string[] = [];
    for (const c of cases) {
      capture.captured.length = 0;
      await c.run(capture.db);
      expect(capture.captured.length, c.name).toBeGreaterThan(0);
      for (const statement of capture.captured) {
        const plan = await capture.explain(statement);
        const scan = fullScan(plan, c.table, c.alias);
        if (scan) problems.push(`${c.name}: ${scan}\n    ${describePlan(plan)}`);
      }
    }
    expect(problems, `\n${problems.join('\n')}\n`).toEqual([]);
  });
});

describe.runIf(engine === 'sqlite')('PRAGMA optimize at open', () => {
  it('analyzes a table that has no statistics, and again one that grew 40-fold and was queried', () => {
    const sqlite = new SQLite(':memory:');
    sqlite.exec('create table t (a integer, b integer); create index t_a on t (a); create index t_b on t (b)');
    const insert = sqlite.prepare('insert into t values (?, ?)');
    const fill = sqlite.transaction((from: number, n: number) => {
      for (let i = from; i < from + n; i++) insert.run(i % 7, i);
    });
    const rows = () => sqlite.prepare("select stat from sqlite_stat1 where idx = 't_b'").pluck().get();
    fill(0, 1_000);
    keepStatisticsFresh(sqlite, 60_000);
    expect(rows()).toBe('1000 1');
    fill(1_000, 39_000);
    // the hourly run looks at the tables this connection's queries used since the last run
    sqlite.prepare('select count(*) from t where b = 5').get();
    sqlite.pragma('optimize');
    expect(rows()).toBe('40000 1');
    sqlite.close();
  });
});
