import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CompiledQuery } from 'kysely';
import type pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { copyText } from './copy-text.js';
import type { Db } from './db.js';
import { engineOf } from './search.js';

/*
 * Bulk inserts on PostgreSQL by COPY … FROM STDIN, inside the caller's Kysely transaction. Kysely talks to
 * pg clients through their `query`; the pool handed to Kysely (`kyselyPool`, pg-pool.ts) wraps each client
 * so that a query whose one parameter is a `CopyRows` runs as a COPY on that same client (`copyQuery`),
 * with the rows as COPY text. SQLite inserts the same rows with multi-row INSERTs.
 */

const COPY = Symbol('copy rows');
interface CopyRows {
  [COPY]: string;
}

const isCopy = (p: unknown): p is CopyRows => typeof p === 'object' && p !== null && COPY in p;

/**
 * Runs the query as a COPY on the client when its one parameter is a batch of COPY text (see `insertRows`);
 * undefined for every other query.
 */
export const copyQuery = (client: pg.PoolClient, text: unknown, values?: unknown[]) => {
  const rows = values?.[0];
  if (typeof text !== 'string' || values?.length !== 1 || !isCopy(rows)) return undefined;
  return pipeline(Readable.from([rows[COPY]]), client.query(copyFrom(text))).then(() => ({
    command: 'COPY',
    rowCount: null,
    rows: [],
  }));
};

/** From this many rows on, PostgreSQL copies: a COPY waits for the server twice, an INSERT once. */
export const COPY_FROM_ROWS = 50;

/** Rows by the columns they give (a column left out, or undefined, is not given). */
const byGivenColumns = <T extends object>(rows: T[]): Map<string, T[]> => {
  const groups = new Map<string, T[]>();
  for (const row of rows) {
    const key = Object.keys(row)
      .filter((k) => (row as Record<string, unknown>)[k] !== undefined)
      .join(',');
    const list = groups.get(key) ?? [];
    list.push(row);
    groups.set(key, list);
  }
  return groups;
};

/**
 * Inserts rows into a table, one statement per set of columns the rows give, so a column a row leaves
 * out gets its default on both engines (a multi-row INSERT on SQLite would write NULL): on PostgreSQL by
 * COPY from COPY_FROM_ROWS rows on, otherwise by INSERTs of `perInsert` rows.
 */
export const insertRows = async <T extends object>(db: Db, table: string, rows: T[], perInsert = 500) => {
  const copy = engineOf(db) === 'postgres' && rows.length >= COPY_FROM_ROWS;
  for (const [key, group] of byGivenColumns(rows)) {
    const columns = key.split(',');
    if (!copy) {
      for (let i = 0; i < group.length; i += perInsert)
        await db
          .insertInto(table as never)
          .values(group.slice(i, i + perInsert) as never)
          .execute();
      continue;
    }
    const text = copyText(group.map((row) => columns.map((c) => (row as Record<string, unknown>)[c])));
    const rowsText: CopyRows = { [COPY]: text };
    await db.executeQuery(
      CompiledQuery.raw(`copy ${table} (${columns.map((c) => `"${c}"`).join(', ')}) from stdin`, [rowsText]),
    );
  }
};
