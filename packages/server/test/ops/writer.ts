/*
 * A second process writing Nenner's SQLite file (run by concurrent-writers.test.ts), through the server's own
 * database layer: read-modify-write transactions, some of them long like an import's batch. Prints "ready",
 * then one line per transaction: "ok N" once committed, or "error CODE message".
 * Usage: node --import tsx writer.ts FILE DURATION_MS
 */
import { sql } from 'kysely';
import { migrateToLatest, openDatabase } from '../../src/db/database.js';

const [file = '', duration = '10000'] = process.argv.slice(2);
const database = openDatabase({ kind: 'sqlite', file });
await migrateToLatest(database);
const { db } = database;
await sql`create table if not exists ops_writes (n integer primary key, batch integer not null)`.execute(db);
process.stdout.write('ready\n');

const deadline = Date.now() + Number(duration);
for (let i = 0; Date.now() < deadline; i++) {
  try {
    const n = await db.transaction().execute(async (trx) => {
      // read first, write after: a deferred transaction fails here when the other process wrote in between
      const next = (await sql<{ n: number }>`select coalesce(max(n), 0) + 1 as n from ops_writes`.execute(trx)).rows[0]
        ?.n;
      if (next === undefined) throw new Error('no next number');
      const rows = i % 25 === 0 ? 2000 : 1; // now and then a batch that holds the lock for a while
      for (let k = 0; k < rows; k++)
        await sql`insert into ops_writes (n, batch) values (${next + k}, ${i})`.execute(trx);
      return next + rows - 1;
    });
    process.stdout.write(`ok ${n}\n`);
  } catch (error) {
    const code = typeof error === 'object' && error && 'code' in error ? String(error.code) : 'unknown';
    process.stdout.write(`error ${code} ${String(error)}\n`);
  }
}
await database.close();
