import { workerData } from 'node:worker_threads';
import SQLite from 'better-sqlite3';
import { FAILED, type SearchIndexMessage, type SearchIndexWorkerData, TAKEN } from './seed.search.js';

/*
 * Builds the FTS5 indexes of the search documents in a file of its own (seed.search.ts) while the loader's
 * thread builds the other indexes. The documents the loader sends go into a table of the same name as
 * theirs; once all are there, each index, made from the workspace's definition and settings, is rebuilt
 * from them in one pass (inserting into the indexes one document at a time instead took nearly twice the CPU).
 */
const { file, indexes, port, counters } = workerData as SearchIndexWorkerData;
const shared = new Int32Array(counters);

const fail = (error: unknown) => {
  Atomics.store(shared, FAILED, 1);
  Atomics.notify(shared, TAKEN);
  port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  port.close();
};

try {
  const db = new SQLite(file);
  db.pragma('journal_mode = OFF');
  db.pragma('synchronous = OFF');
  db.pragma('cache_size = -262144');
  db.exec('begin');
  /** An FTS5 setting, as a literal: FTS5 refuses a number bound from JavaScript (a double) for an integer one. */
  const setting = (name: string, key: string, value: number | string) =>
    db.exec(
      `insert into "${name}" ("${name}", rank) values ('${key}', ${typeof value === 'number' ? value : `'${value.replace(/'/g, "''")}'`})`,
    );
  const inserts = new Map<string, SQLite.Statement>();
  for (const index of indexes) {
    if (!inserts.has(index.docs)) {
      db.exec(`create table "${index.docs}" (n integer primary key, doc text)`);
      inserts.set(index.docs, db.prepare(`insert into "${index.docs}" (n, doc) values (?, ?)`));
    }
    db.exec(index.sql);
    for (const [key, value] of index.config) setting(index.name, key, value);
  }
  port.on('message', (message: SearchIndexMessage) => {
    try {
      if ('rows' in message) {
        const insert = inserts.get(message.docs);
        for (const row of message.rows) insert?.run(row);
        Atomics.add(shared, TAKEN, 1);
        Atomics.notify(shared, TAKEN);
        return;
      }
      // each index in one pass over its documents, with room for 64 MiB of pending terms instead of FTS5's
      // 1 MiB (`hashsize`): a few large segments instead of thousands of small ones to merge (1M contacts'
      // trigram index, rebuilt in place: 45 → 30 s; 128 and 256 MiB no faster; the word index gained
      // nothing). The workspace keeps its own setting: this file's settings are not copied.
      for (const { name } of indexes) {
        setting(name, 'hashsize', 64 * 1024 * 1024);
        db.exec(`insert into "${name}" ("${name}") values ('rebuild')`);
      }
      db.exec('commit');
      db.close();
      port.postMessage({ built: true });
      port.close();
    } catch (error) {
      fail(error);
    }
  });
} catch (error) {
  fail(error);
}
