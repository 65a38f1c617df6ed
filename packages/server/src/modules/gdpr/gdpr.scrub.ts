import { sql } from 'kysely';
import type { Db } from '../../db/db.js';
import type { Engine } from '../../db/dialect.js';

/**
 * The last sweep of an erasure: every text column of every table, found through the catalog (so a table
 * added later is covered without being listed here), has the person's identifying strings replaced.
 * Matching ignores case. The tables that must keep what they hold are left out, and so are SQLite's
 * full-text indexes: they follow their content tables through triggers, never by direct writes.
 */

export const REDACTED = '[gelöscht]';
const skipTables = new Set(['suppressions', 'kysely_migration', 'kysely_migration_lock']);

interface TextColumns {
  table: string;
  columns: string[];
}

/** Every user table with its text columns, from the engine's catalog. */
export const textColumns = async (db: Db, engine: Engine): Promise<TextColumns[]> => {
  const rows =
    engine === 'postgres'
      ? (
          await sql<{ t: string; c: string }>`select table_name as t, column_name as c from information_schema.columns
            where table_schema = current_schema() and data_type in ('text', 'character varying', 'json', 'jsonb')
              and is_generated = 'NEVER'
              and table_name in (select table_name from information_schema.tables
                where table_schema = current_schema() and table_type = 'BASE TABLE')
            order by table_name, ordinal_position`.execute(db)
        ).rows
      : (
          await sql<{ t: string; c: string }>`select m.name as t, p.name as c from sqlite_master m
            join pragma_table_xinfo(m.name) p
            where m.type = 'table' and m.name not like 'sqlite_%' and p.hidden = 0
              and upper(m.sql) not like 'CREATE VIRTUAL TABLE%'
              and not exists (select 1 from sqlite_master v where v.type = 'table'
                and upper(v.sql) like 'CREATE VIRTUAL TABLE%' and substr(m.name, 1, length(v.name) + 1) = v.name || '_')
              and (upper(p.type) like '%TEXT%' or upper(p.type) like '%CHAR%' or p.type = '')
            order by m.name, p.cid`.execute(db)
        ).rows;
  const byTable = new Map<string, string[]>();
  for (const r of rows) {
    if (skipTables.has(r.t)) continue;
    byTable.set(r.t, [...(byTable.get(r.t) ?? []), r.c]);
  }
  return [...byTable].map(([table, columns]) => ({ table, columns }));
};

/** SQLite tables declared WITHOUT ROWID, with their primary key columns. */
const withoutRowidKeys = async (db: Db): Promise<Map<string, string[]>> => {
  const rows = await sql<{ t: string; c: string }>`select m.name as t, p.name as c from sqlite_master m
    join pragma_table_info(m.name) p
    where m.type = 'table' and upper(m.sql) like '%WITHOUT ROWID%' and p.pk > 0 order by m.name, p.pk`.execute(db);
  const out = new Map<string, string[]>();
  for (const r of rows.rows) out.set(r.t, [...(out.get(r.t) ?? []), r.c]);
  return out;
};

const escapeLike = (s: string) => s.replace(/[\\%_]/g, (m) => `\\${m}`);
const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Replaces every occurrence of `tokens` (any case) in `text`. */
export const redact = (text: string, tokens: readonly string[]): string =>
  tokens.reduce((out, t) => out.replace(new RegExp(escapeRegExp(t), 'gi'), REDACTED), text);

/**
 * Replaces the tokens in every text column of every table; returns how many cells changed. One scan per
 * table: the rows that hold a token anywhere are read by their physical id and written back redacted.
 */
export const scrubEverywhere = async (db: Db, engine: Engine, tokens: readonly string[]): Promise<number> => {
  const wanted = [...new Set(tokens.map((t) => t.trim()).filter((t) => t.length >= 3))];
  if (wanted.length === 0) return 0;
  const keys = engine === 'sqlite' ? await withoutRowidKeys(db) : new Map<string, string[]>();
  const like = engine === 'postgres' ? sql.raw('ilike') : sql.raw('like');
  let changed = 0;
  for (const { table, columns } of await textColumns(db, engine)) {
    const cols = columns.map((c) => sql`${sql.ref(c)}::text`);
    const asText = engine === 'postgres' ? cols : columns.map((c) => sql.ref(c));
    const matches = asText.flatMap((c) => wanted.map((t) => sql`${c} ${like} ${`%${escapeLike(t)}%`} escape '\\'`));
    // a WITHOUT ROWID table is found by its primary key, any other by its physical row id
    const pk = keys.get(table);
    const rowId =
      engine === 'postgres'
        ? sql.raw('ctid::text')
        : pk
          ? sql`json_array(${sql.join(pk.map((k) => sql.ref(k)))})`
          : sql.raw('rowid');
    const found = await sql<Record<string, string | null>>`select ${rowId} as "__row", ${sql.join(
      columns.map((c, i) => sql`${asText[i]} as ${sql.ref(c)}`),
    )} from ${sql.table(table)} where ${sql.join(matches, sql` or `)}`.execute(db);
    for (const row of found.rows) {
      const sets = columns
        .filter((c) => typeof row[c] === 'string' && redact(row[c] as string, wanted) !== row[c])
        .map((c) => {
          changed += 1;
          return sql`${sql.ref(c)} = ${redact(row[c] as string, wanted)}`;
        });
      if (sets.length === 0) continue;
      const where =
        engine === 'postgres'
          ? sql`ctid = ${row.__row}::tid`
          : pk
            ? sql.join(
                pk.map((k, i) => sql`${sql.ref(k)} = ${(JSON.parse(String(row.__row)) as unknown[])[i]}`),
                sql` and `,
              )
            : sql`rowid = ${row.__row}`;
      await sql`update ${sql.table(table)} set ${sql.join(sets)} where ${where}`.execute(db);
    }
  }
  return changed;
};
