import type { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../src/db/db.js';
import { encodeCursor } from '../src/lib/cursor.js';
import { listAccountRows } from '../src/modules/accounts/accounts.repository.js';
import { findSessionActor, findTokenActor } from '../src/modules/auth/auth.repository.js';
import { listCampaignRows } from '../src/modules/campaigns/campaigns.repository.js';
import { listContactRows } from '../src/modules/contacts/contacts.repository.js';
import { listDealRows } from '../src/modules/deals/deals.repository.js';
import { listHandoffRows } from '../src/modules/handoffs/handoffs.repository.js';
import { listTaskRows } from '../src/modules/tasks/tasks.repository.js';
import { engine, type TestDatabase } from './harness.js';
import {
  analyze,
  capturingDb,
  describePlan,
  insertAuthRows,
  insertRows,
  nodes,
  ownNodes,
  type PlanNode,
  planDatabase,
} from './plan-data.js';

/*
 * The plans of the lists do not depend on fresh statistics. Statistics are taken on 100 rows per table
 * (half of the contacts and accounts in the trash, each at its own time: `deleted_at` looks unique), then
 * the tables grow 40-fold without a new ANALYZE (autovacuum off on PostgreSQL). For every list × sort ×
 * (no filter | each filter alone), the statement the repository runs is captured and its plan read:
 *
 * - it walks an index in the list's order: no sort of the rows (SQLite: no `USE TEMP B-TREE FOR ORDER BY`;
 *   PostgreSQL: no Sort node; an Incremental Sort, which sorts only ties of an index order, is allowed);
 * - except for a filter on a parent record (one account's contacts, one contact's handoffs: `narrow`),
 *   where the rows are found by that key's index and sorting the few of them is the better plan.
 */

const SMALL = 100;
// SQLite plans by its statistics alone; PostgreSQL also by the table's current size in pages, and on a
// few thousand rows a sort is rightly the cheaper plan: it grows to a size where it is not
const GROWN = engine === 'postgres' ? 15_000 : 4_000;

type Run = (db: Db) => Promise<unknown>;
interface Case {
  name: string;
  table: string;
  run: Run;
  /** The parent key whose index must find the rows; the few found may then be sorted. */
  narrow?: string;
  /** Why this list sorts its rows whatever the indexes (checked then: `narrow`'s index finds them). */
  sorts?: string;
  /** A text search: PostgreSQL may read the live rows and sort the few it expects to match (see below). */
  search?: boolean;
  /** A known plan of PostgreSQL's that sorts, and why it is left so (listed, not hidden). */
  postgresSorts?: string;
  /** The index the plan must read, on both engines (a walk of another one would pass the rows by). */
  uses?: RegExp;
  /** A page after a cursor: the walk must start at the cursor, not read the index from its start. */
  cursor?: boolean;
}

/** Found by key: the record's id, or a search document's rowid. */
const BY_KEY = '(?:id|rowid)';

const dirs = ['', '-'] as const;
const sortsOf = <S extends string>(fields: readonly S[]) => fields.flatMap((f) => dirs.map((d) => `${d}${f}` as const));

const contactCases = (): Case[] => {
  const filters: [string, Record<string, unknown>, string?][] = [
    ['none', {}],
    // a short query reads one limited page per name/address prefix by its index, then sorts those few by id
    ['q', { q: 'ma' }, 'id'],
    // a ranked search finds its matches by the word or the trigram index, then their documents by rowid (the
    // sorts the documents carry, db/search.ts rankedDocPage) or the contacts by id (the other sorts), and
    // sorts those
    ['q ranked', { q: 'last' }, BY_KEY],
    ['ownerId', { ownerId: 'pu2' }],
    ['ownerId none', { ownerId: 'none' }],
    ['accountId', { accountId: 'a3' }, 'account_id'],
    // an owner of fewer than 1,000 accounts: their contacts found through the accounts (from 1,000 the
    // sort's index is walked, contacts.repository.ts)
    ['accountOwnerId', { accountOwnerId: 'pu2' }, 'account_id'],
    ['lifecycleStage', { lifecycleStage: 'mql' }],
    ['source', { source: 'event' }],
    ['tag', { tag: 'vip' }],
    ['trash', { trash: true }],
  ];
  return sortsOf(['lastName', 'firstName', 'createdAt', 'updatedAt'] as const).flatMap((sort) =>
    filters.map(([name, f, narrow]) => ({
      name: `contacts ${sort} ${name}`,
      table: 'contacts',
      narrow,
      search: name.startsWith('q') || name === 'tag',
      // a stage by name or by last change is one range of its own index (0001, 0048), as the stages are not
      // mixed evenly in the change order. PostgreSQL reads the page's ids first, then sorts those contacts
      // found by id (contacts.repository.ts); it reads the ids from the stage's index alone once VACUUM has
      // set the visibility map, which these tables never get (vacuumed-plans.test.ts checks that case)
      ...(name === 'lifecycleStage' &&
        /lastName|updatedAt/.test(sort) &&
        (engine === 'sqlite'
          ? { uses: /lastName/.test(sort) ? /contacts_stage_last_name/ : /contacts_stage_updated/ }
          : { narrow: 'id' })),
      run: (db: Db) => listContactRows(db, { ...f, sort, limit: 50 }),
    })),
  );
};

const accountCases = (): Case[] => {
  const filters: [string, Record<string, unknown>, string?][] = [
    ['none', {}],
    ['q', { q: 'acc' }],
    // a short query: one limited page per beginning (name, domain) by its index, merged and read by id
    ['q short', { q: 'ac' }],
    ['ownerId', { ownerId: 'pu2' }],
    ['ownerId none', { ownerId: 'none' }],
    ['country', { country: 'AT' }],
    ['industry', { industry: 'Bau' }],
    ['employeeBand', { employeeBand: '11-50' }],
    ['tag', { tag: 'vip' }],
    // fewer than 1,000 accounts with a partner (500 here): SQLite finds them by the partner's index
    // (accounts.repository.ts `manyPartners`); PostgreSQL chooses by its estimate
    ['pair both', { pair: 'both' }, 'marketing_partner_id'],
    ['pair missing_partner', { pair: 'missing_partner' }],
    ['teamId', { teamId: 'pt1' }],
    ['openDeals', { openDeals: true }],
    ['trash', { trash: true }],
  ];
  return sortsOf(['name', 'createdAt', 'updatedAt'] as const).flatMap((sort) =>
    filters.map(([name, f, narrow]) => ({
      name: `accounts ${sort} ${name}`,
      table: 'accounts',
      search: name.startsWith('q') || name === 'tag',
      narrow,
      // a ranked search (3 letters or more, db/search.ts) finds its rows by the trigram index and sorts those
      ...(name.startsWith('q') && { narrow: BY_KEY }),
      // the accounts with an open deal have an index of their own per sort (migration 0049)
      ...(name === 'openDeals' && {
        uses: new RegExp(
          `accounts_open_${/name/.test(sort) ? 'name' : /created/.test(sort) ? 'created' : 'updated'}\\b`,
        ),
      }),
      run: (db: Db) => listAccountRows(db, { ...f, sort, limit: 50 }),
    })),
  );
};

const dealCases = (): Case[] => {
  const filters: [string, Record<string, unknown>, string?][] = [
    ['none', {}],
    // a text most deals hold: the sort's index walked, each deal tested on the way
    ['q', { q: 'deal' }],
    // a rare one (at most 500 deals): SQLite finds them by the trigram index of the sort keys, then by id, and
    // sorts those (deals.repository.ts `fewTextMatches`)
    ['q rare', { q: 'deal 17' }, BY_KEY],
    ['pipelineId', { pipelineId: 'pp1' }],
    ['stageId', { stageId: 'ps2' }],
    ['status', { status: 'open' }],
    ['ownerId', { ownerId: 'pu2' }],
    ['ownerId none', { ownerId: null }],
    ['teamId', { teamId: 'pt1' }],
    ['accountId', { accountId: 'a3' }, 'account_id'],
    ['contactId', { contactId: 'c5' }, 'contact_id'],
    ['competitorId', { competitorId: 'x1' }, 'competitor_id'],
    ['source', { source: 'sales' }],
    // found by an index that starts with the quarter (or, sorted by close date, by its range), in the
    // list's order on SQLite; PostgreSQL, guessing few rows for the quarter from stale statistics, may sort them
    ['closeQuarter', { closeQuarter: '2026-Q1' }, 'close_date'],
    ['trash', { trash: true }],
  ];
  // a quarter's deals are one range of an index, whatever the sort: walking the change-date index past the
  // deals of the other quarters took 71 ms (SQLite) and 83 ms (PostgreSQL) for a past quarter at 1M contacts
  const quarterIndex = (sort: string) => (/closeDate/.test(sort) ? /deals_close_order/ : /deals_quarter_/);
  return sortsOf(['updatedAt', 'closeDate', 'amount', 'name'] as const).flatMap((sort) =>
    filters.map(([name, f, narrow]) => ({
      name: `deals ${sort} ${name}`,
      table: 'deals',
      narrow,
      search: name.startsWith('q'),
      ...(name === 'closeQuarter' && { uses: quarterIndex(sort) }),
      ...(name === 'teamId' && /closeDate|name/.test(sort)
        ? {
            postgresSorts:
              'a team is a semi-join on the owner; at 15,000 deals PostgreSQL costs the hash join and a sort of ' +
              'the matches just below the walk of the sort index (it walks it for updatedAt and amount)',
          }
        : {}),
      run: (db: Db) => listDealRows(db, { ...f, sort, limit: 50 }),
    })),
  );
};

const NOW = '2025-02-01T00:00:00.000Z';
/** A task list's cursor in each part of its order (overdue, open, open undated, closed, closed undated). */
const taskCursors: [string, { group: number; dueAt: string | null; id: string }][] = [
  ['overdue', { group: 0, dueAt: '2025-01-02T00:00:00.000Z', id: 't50' }],
  ['open', { group: 1, dueAt: '2025-03-02T00:00:00.000Z', id: 't50' }],
  ['open undated', { group: 1, dueAt: null, id: 't50' }],
  ['closed', { group: 2, dueAt: '2025-01-02T00:00:00.000Z', id: 't50' }],
  ['closed undated', { group: 2, dueAt: null, id: 't50' }],
];
const fixedSortCases = (): Case[] => [
  ...(
    [
      ['none', {}],
      ['status', { status: 'open' }],
      ['status breached', { status: 'breached' }],
      ['assigneeId', { assigneeId: 'pu2' }],
      ['assigneeId none', { assigneeId: null }],
      ['contactId', { contactId: 'c5' }, 'contact_id'],
      ['qualifiedBy', { qualifiedBy: 'pu4' }],
      ['cursor', { cursor: encodeCursor('2025-01-02T00:00:00.000Z', 'h1000') }],
    ] as [string, Record<string, unknown>, string?][]
  ).map(([name, f, narrow]) => ({
    name: `handoffs ${name}`,
    table: 'handoffs',
    narrow,
    // each handoff's first deal by the index of the deals with a handoff (0050); the case that went wrong,
    // fresh statistics of deals without a handoff, is in vacuumed-plans.test.ts
    uses: /deals_handoff\b/,
    run: (db: Db) => listHandoffRows(db, { ...f, now: NOW, limit: 50 }),
  })),
  ...(
    [
      ['none', {}],
      ['q', { q: 'camp' }],
      ['status', { status: 'active' }],
      ['channel', { channel: 'email' }],
      ['ownerId', { ownerId: 'pu2' }],
      ['teamId', { teamId: 'pt1' }, 'team_id'],
    ] as [string, Record<string, unknown>, string?][]
  ).map(([name, f, narrow]) => ({
    name: `campaigns ${name}`,
    table: 'campaigns',
    narrow,
    search: name === 'q',
    run: (db: Db) => listCampaignRows(db, { ...f, limit: 50 }),
  })),
  ...(
    [
      ['none', {}],
      ['ownerId', { ownerId: 'pu2' }, 'owner_id'],
      ['status', { status: 'open' }],
      ['status done', { status: 'done' }],
      ['ownerId status done', { ownerId: 'pu2', status: 'done' }],
      ['entityType', { entityType: 'contact' }],
      ['entityId', { entityId: 'c5' }, 'entity_id'],
      ['entityType entityId', { entityType: 'contact', entityId: 'c5' }, 'entity_id'],
      // a cursor in each part of the list's order: every part is read as its own index range
      ...taskCursors.flatMap(([part, after]): [string, Record<string, unknown>][] => [
        [`cursor ${part}`, { after }],
        [`ownerId cursor ${part}`, { ownerId: 'pu2', after }],
      ]),
    ] as [string, Record<string, unknown>, string?][]
  ).map(([name, f, narrow]) => ({
    name: `tasks ${name}`,
    table: 'tasks',
    narrow,
    postgresSorts:
      name === 'ownerId cursor closed undated'
        ? 'undated closed tasks of one owner (200 here): a bitmap read and a sort of those few, costed below the index walk'
        : undefined,
    run: (db: Db) => listTaskRows(db, { ...f, now: NOW, limit: 50 }),
  })),
];

/** A deep cursor of each deal sort, alone and with a text most deals hold (a walk that tests it). */
const dealCursors = {
  updatedAt: '2025-01-05T00:00:00.000Z',
  closeDate: '2026-05-12',
  amount: 50_000,
  name: 'deal 5000',
};
const dealCursorCases = (): Case[] =>
  sortsOf(['updatedAt', 'closeDate', 'amount', 'name'] as const).flatMap((sort) =>
    [{}, { q: 'deal' }].map((f) => ({
      name: `deals ${sort}${f.q ? ' q' : ''} deep cursor`,
      table: 'deals',
      cursor: true,
      search: Boolean(f.q),
      run: (db: Db) =>
        listDealRows(db, {
          ...f,
          sort,
          limit: 50,
          cursor: encodeCursor(dealCursors[sort.replace('-', '') as keyof typeof dealCursors], 'd500', sort),
        }),
    })),
  );

const cursorCases = (): Case[] => [
  ...dealCursorCases(),
  {
    name: 'contacts lastName deep cursor',
    table: 'contacts',
    cursor: true,
    run: (db) => listContactRows(db, { sort: 'lastName', limit: 50, cursor: encodeCursor('last 5', 'c5', 'lastName') }),
  },
  {
    name: 'contacts -updatedAt lifecycleStage deep cursor',
    table: 'contacts',
    cursor: true,
    ...(engine === 'sqlite' ? { uses: /contacts_stage_updated/ } : { narrow: 'id' }),
    run: (db) =>
      listContactRows(db, {
        sort: '-updatedAt',
        lifecycleStage: 'mql',
        limit: 50,
        cursor: encodeCursor('2025-01-05T00:00:00.000Z', 'c5', '-updatedAt'),
      }),
  },
  {
    name: 'accounts -updatedAt deep cursor',
    table: 'accounts',
    cursor: true,
    run: (db) =>
      listAccountRows(db, {
        sort: '-updatedAt',
        limit: 50,
        cursor: encodeCursor('2025-01-05T00:00:00.000Z', 'a5', '-updatedAt'),
      }),
  },
];

const cases = [...contactCases(), ...accountCases(), ...dealCases(), ...fixedSortCases(), ...cursorCases()];

/** What is wrong with a list's plan, or null. */
export const planProblem = (case_: Case, plan: PlanNode): string | null =>
  orderProblem(case_, plan) ?? (case_.cursor ? cursorProblem(plan) : null);

/**
 * A walk after a cursor starts at it: a range of the index (SQLite `(…)>(?,?)`, PostgreSQL an Index Cond).
 * A statement that reads no index of a table (a search's count of its matches first) is not the walk.
 */
const cursorProblem = (plan: PlanNode): string | null => {
  const all = nodes(plan);
  if (engine === 'sqlite') {
    const reads = all.filter((n) => /^(?:SCAN|SEARCH) \w+ USING (?:COVERING )?INDEX /.test(n['Node Type']));
    if (reads.length === 0) return null;
    return reads.some((n) => /^SEARCH \w+ USING (?:COVERING )?INDEX \w+ \(.*[<>]/.test(n['Node Type']))
      ? null
      : 'reads the index from its start up to the cursor';
  }
  return all.some((n) => /[<>]/.test(n['Index Cond'] ?? '')) ? null : 'reads the index from its start up to the cursor';
};

const orderProblem = ({ table, narrow, sorts: sorted, search, postgresSorts }: Case, plan: PlanNode): string | null => {
  const all = nodes(plan);
  if (sorted && !narrow) return null;
  // PostgreSQL estimates how many rows a LIKE '%…%' matches from its statistics; expecting few, it reads the
  // live rows and sorts the matches, its cheapest plan for a rare term (walking the sort's index would read
  // the whole index to find them). No index serves a substring, so no index can be mistaken here.
  if ((search || postgresSorts) && engine === 'postgres') return null;
  if (engine === 'sqlite') {
    // only the statement's own lines: a subquery may sort its few rows (a handoff's deals by date)
    const lines = all.slice(1).flatMap((n) => (n.parent === 0 ? [n['Node Type']] : []));
    const sorts = lines.some((l) => /^USE TEMP B-TREE FOR (RIGHT-MOST TERM OF |LAST TERM OF )?ORDER BY/.test(l));
    // a scan of a subquery's own rows (a union of index ranges run as a co-routine) reads no table
    const subqueries = new Set(all.flatMap((n) => /^(?:CO-ROUTINE|MATERIALIZE) (\w+)/.exec(n['Node Type'])?.[1] ?? []));
    const own =
      lines.find((l) => /^(SCAN|SEARCH) \w+( USING|$| )/.test(l) && !subqueries.has(/^\w+ (\w+)/.exec(l)?.[1] ?? '')) ??
      '';
    if (/^SCAN \w+$/.test(own) && !sorted) return 'reads the whole table without an index';
    if (!sorts && !sorted) return null;
    if (!narrow) return 'sorts the rows instead of walking an index in the list order';
    // the key's index finds the rows, in the statement or in the subquery that lists them
    const byKey = new RegExp(`^SEARCH .*USING (?:.*INDEX \\w+|INTEGER PRIMARY KEY) \\(${narrow}[=<>]`);
    return all.some((n) => byKey.test(n['Node Type'])) ? null : `sorts without finding the rows by ${narrow}`;
  }
  const sort = ownNodes(plan).find((n) => n['Node Type'] === 'Sort');
  const seq = all.find((n) => n['Node Type'] === 'Seq Scan' && n['Relation Name'] === table);
  if (!sort && !seq && !sorted) return null;
  if (!narrow) return sort ? 'sorts the rows instead of walking an index in the list order' : 'reads the whole table';
  const found = nodes(sort ?? plan).some((n) => (n['Index Cond'] ?? '').includes(narrow));
  return found && !seq ? null : `sorts without finding the rows by ${narrow}`;
};

describe('query plans with statistics of a much smaller table', () => {
  let test: TestDatabase;
  let capture: ReturnType<typeof capturingDb>;

  beforeAll(async () => {
    test = await planDatabase(SMALL, 2);
    // a new workspace's first statistics: a user or two with a session each
    await insertAuthRows(test.database, 1, 2);
    await analyze(test.database);
    await insertRows(test.database, SMALL + 1, GROWN, 100);
    await insertAuthRows(test.database, 3, GROWN);
    capture = capturingDb(test);
  }, 120_000);

  afterAll(async () => {
    await capture?.close();
    await test?.dispose();
  });

  const listProblems = async (explain: (q: CompiledQuery) => Promise<PlanNode>) => {
    const problems: string[] = [];
    const plans: string[] = [];
    for (const c of cases) {
      capture.captured.length = 0;
      await c.run(capture.db);
      // every statement the list runs: a short search first counts its matches, then reads the page
      // (a transaction's own statements, such as a ranked search's `set local`, have no plan to read)
      const statements = capture.captured.filter((q) => /^\s*(select|with)\b/i.test(q.sql));
      expect(statements.length, c.name).toBeGreaterThan(0);
      for (const statement of statements) {
        const plan = await explain(statement);
        plans.push(describePlan(plan));
        const problem =
          planProblem(c, plan) ??
          (c.uses && !c.uses.test(describePlan(plan)) ? `does not read ${c.uses.source}` : null);
        if (problem) problems.push(`${c.name}: ${problem}\n    ${describePlan(plan)}`);
      }
    }
    return { problems, plans };
  };

  it('every list × sort × filter walks an index in the list order', async () => {
    const { problems } = await listProblems(capture.explain);
    expect(problems, `\n${problems.join('\n')}\n`).toEqual([]);
  });

  // Nenner names the statements it runs again and again (db/pg-statements.ts); after five runs PostgreSQL
  // may keep a plan made without the values. That plan must walk the same indexes.
  it.runIf(engine === 'postgres')(
    "every list statement's generic plan walks an index in the list order too",
    async () => {
      const explainGeneric = 'explainGeneric' in capture ? capture.explainGeneric : undefined;
      if (!explainGeneric) throw new Error('no generic plans on this engine');
      const { problems, plans } = await listProblems(explainGeneric);
      expect(problems, `\n${problems.join('\n')}\n`).toEqual([]);
      // made without the values: index conditions name parameters ($1), where a plan for the values has them
      expect(plans.filter((p) => /\$\d/.test(p)).length).toBeGreaterThan(100);
    },
  );

  // every request runs one of these: with the small table's statistics SQLite scanned sessions and users
  it('the session and token lookups of every request find their rows by key', async () => {
    const days = { from: '2025-01-01', to: '2025-01-15' };
    const lookups: [string, Run][] = [
      ['session', (db) => findSessionActor(db, 'sess7', '2020-01-01T00:00:00.000Z', days)],
      ['token', (db) => findTokenActor(db, 'hash7', '2020-01-01T00:00:00.000Z', days)],
    ];
    const grown = ['sessions', 'users', 'api_tokens'];
    const problems: string[] = [];
    for (const [name, run] of lookups) {
      capture.captured.length = 0;
      expect(await run(capture.db), name).toMatchObject({ id: 'gu7' });
      const [statement] = capture.captured;
      const plan = await capture.explain(statement as (typeof capture.captured)[number]);
      const scans = nodes(plan).filter((n) =>
        engine === 'sqlite'
          ? /^SCAN (s|u|t)\b/.test(n['Node Type'])
          : n['Node Type'] === 'Seq Scan' && grown.includes(n['Relation Name'] ?? ''),
      );
      if (scans.length > 0) problems.push(`${name}: reads a whole table\n    ${describePlan(plan)}`);
    }
    expect(problems, `\n${problems.join('\n')}\n`).toEqual([]);
  });
});
