import { type Expression, type RawBuilder, SqliteAdapter, sql } from 'kysely';
import type { Db } from './db.js';

/**
 * A column compared without its index on SQLite (issue 17): SQLite's unary `+` takes the term out of
 * index selection, so the planner walks the index of the list's sort and tests the filter on the way,
 * instead of reading all rows through the filter's index and sorting them, which stale statistics can
 * make it prefer. Meant for filters with few distinct values (a pipeline, a stage, a team), whose matches
 * are a good share of the table: the walk reads a few rows per match. PostgreSQL gets the plain column: it
 * estimates the share from its statistics (an expression would leave it guessing 0.5%) and walks the
 * sort's index by itself when the share is large.
 */
export const notIndexed = (db: Db, column: string): RawBuilder<unknown> =>
  db.getExecutor().adapter instanceof SqliteAdapter ? sql`+${sql.ref(column)}` : sql`${sql.ref(column)}`;

/**
 * Whether the query `rows` finds at least `n` rows, reading no more than `n`. SQLite keeps no statistics of
 * a value's share, so a list asks this to choose between walking its sort's index and testing a filter on
 * the way (the filter matches many rows) and reading the filter's few matches by their own index and
 * sorting them (a walk past rare matches reads the whole index).
 */
export const hasAtLeast = async (
  db: Db,
  rows: { limit(limit: number): Expression<unknown> },
  n: number,
): Promise<boolean> => {
  const { rows: found } = await sql<{ n: number | string }>`select count(*) as n from ${rows.limit(n)} as m`.execute(
    db,
  );
  return Number(found[0]?.n) >= n;
};
