import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { accountColumns, contactColumns, generateSeedRows, type Row, type SeedPlan } from './seed.rows.js';

const needsEscape = /[\\\t\n\r]/;
const escapeValue = (v: string | number | null): string => {
  if (v === null) return '\\N';
  const s = String(v);
  return needsEscape.test(s)
    ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : s;
};
const copyLine = (row: Row) => `${row.map(escapeValue).join('\t')}\n`;

/** COPY text lines, joined into chunks of ~1,000 rows so the stream is not driven line by line. */
const chunked = (rows: Row[]) =>
  Readable.from(
    (function* () {
      for (let i = 0; i < rows.length; i += 1000)
        yield rows
          .slice(i, i + 1000)
          .map(copyLine)
          .join('');
    })(),
  );

const copy = async (client: pg.PoolClient, table: string, columns: readonly string[], rows: Row[]) =>
  pipeline(chunked(rows), client.query(copyFrom(`copy ${table} (${columns.join(',')}) from stdin`)));

/**
 * Loads the plan into a migrated PostgreSQL database with COPY, in one transaction. Secondary indexes and
 * foreign keys of both tables are dropped first and recreated from their own definitions (pg_indexes,
 * pg_get_constraintdef), so they come back exactly as the migration made them, and re-validated.
 */
export const loadPostgres = async (url: string, plan: SeedPlan, log: (line: string) => void): Promise<void> => {
  const pool = new pg.Pool({ connectionString: url, max: 1 });
  const client = await pool.connect();
  try {
    await client.query('begin');
    await client.query(`set local maintenance_work_mem = '512MB'`);
    const { rows: indexes } = await client.query<{ name: string; def: string }>(
      `select i.indexname as name, i.indexdef as def
         from pg_indexes i
        where i.schemaname = current_schema() and i.tablename in ('accounts', 'contacts')
          and not exists (select 1 from pg_constraint c where c.conname = i.indexname
                           and c.connamespace = current_schema()::regnamespace)`,
    );
    const { rows: foreignKeys } = await client.query<{ tbl: string; name: string; def: string }>(
      `select conrelid::regclass::text as tbl, conname as name, pg_get_constraintdef(oid) as def
         from pg_constraint
        where contype = 'f' and connamespace = current_schema()::regnamespace
          and conrelid::regclass::text in ('accounts', 'contacts')`,
    );
    let started = performance.now();
    for (const fk of foreignKeys) await client.query(`alter table ${fk.tbl} drop constraint "${fk.name}"`);
    for (const ix of indexes) await client.query(`drop index "${ix.name}"`);

    // Generated in memory first: COPY of accounts must finish before the contacts that reference them.
    const accounts: Row[] = [];
    const contacts: Row[] = [];
    generateSeedRows(plan, { onAccount: (r) => accounts.push(r), onContact: (r) => contacts.push(r) });
    log(`  generated ${(accounts.length + contacts.length).toLocaleString('en')} rows in ${secondsSince(started)} s`);
    started = performance.now();
    await copy(client, 'accounts', accountColumns, accounts);
    await copy(client, 'contacts', contactColumns, contacts);
    log(`  copied in ${secondsSince(started)} s`);

    started = performance.now();
    for (const ix of indexes) await client.query(ix.def);
    for (const fk of foreignKeys) await client.query(`alter table ${fk.tbl} add constraint "${fk.name}" ${fk.def}`);
    log(`  rebuilt ${indexes.length} indexes and ${foreignKeys.length} foreign keys in ${secondsSince(started)} s`);
    await client.query('commit');
    started = performance.now();
    await client.query('analyze accounts');
    await client.query('analyze contacts');
    log(`  analyzed in ${secondsSince(started)} s`);
  } catch (error) {
    await client.query('rollback').catch(() => undefined);
    throw error;
  } finally {
    client.release();
    await pool.end();
  }
};

const secondsSince = (t: number) => ((performance.now() - t) / 1000).toFixed(1);
