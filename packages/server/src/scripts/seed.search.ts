import fs from 'node:fs';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import type SQLite from 'better-sqlite3';
import { startScriptWorker } from './seed.feed.js';

/** One FTS5 index over a table of search documents, as the workspace defines it. */
export interface SearchIndexDef {
  name: string;
  /** its CREATE VIRTUAL TABLE statement, from sqlite_master */
  sql: string;
  /** its settings apart from FTS5's format version (`secure-delete` …) */
  config: [string, number | string][];
  /** its content table: the documents, with their rowid `n` and text `doc` */
  docs: string;
}
export interface SearchIndexWorkerData {
  file: string;
  indexes: SearchIndexDef[];
  port: MessagePort;
  /** Int32 slots: batches the worker has stored (TAKEN), and whether it failed (FAILED) */
  counters: SharedArrayBuffer;
}
export type SearchIndexMessage = { docs: string; rows: [number, string][] } | { end: true };
export const TAKEN = 0;
export const FAILED = 1;

/** Documents per message, and messages the worker may have waiting: about 60 MB at most. */
const BATCH = 2000;
const MAX_AHEAD = 64;
const SCHEMA = 'search_build';
/** What FTS5 keeps of an external-content index: its segments, their terms and each document's size. */
const SHADOWS = ['data', 'idx', 'docsize'];

const missing = (name: string): never => {
  throw new Error(`The search index ${name} is not in this workspace: migrate it first`);
};

/**
 * SQLite, a bulk load: the FTS5 indexes of the search documents are built on a thread of their own, in a
 * file beside the workspace, while the loader's thread builds the other indexes, and then copied in. FTS5
 * builds each index on one thread; in place, after the other indexes, the second core stood idle for it
 * (1M contacts: 18 s of indexes, then 24–27 s of FTS5; overlapped, 27 s and then 9–11 s).
 *
 * Made before the load's transaction (SQLite attaches a file outside one only); `start` once the documents
 * are written, `finish` before the commit: it waits for the worker and copies each index's shadow tables
 * over the workspace's own. They are the same FTS5 tables, made from the workspace's definitions and
 * settings by the same SQLite, so the same format; the copy turns SQLite's defensive mode, which keeps a
 * connection from writing FTS5's shadow tables, off for itself only. `close` after the commit or rollback.
 */
export const searchIndexBuild = (
  sqlite: SQLite.Database,
  file: string,
  documentIndexes: readonly { name: string; docs: string }[],
) => {
  const buildFile = `${file}.search-build`;
  const removeBuild = () => {
    for (const suffix of ['', '-journal', '-wal', '-shm']) fs.rmSync(`${buildFile}${suffix}`, { force: true });
  };
  removeBuild();
  sqlite.prepare(`attach database ? as ${SCHEMA}`).run(buildFile);
  let attached = true;
  let running: { port: MessagePort; terminate: () => void; built: Promise<void>; indexes: SearchIndexDef[] } | null =
    null;

  const start = () => {
    const definition = sqlite.prepare<[string], string>(`select sql from main.sqlite_master where name = ?`).pluck();
    const indexes: SearchIndexDef[] = documentIndexes.map(({ name, docs }) => ({
      name,
      docs,
      sql: definition.get(name) ?? missing(name),
      config: sqlite
        .prepare(`select k, v from main."${name}_config" where k <> 'version'`)
        .raw()
        .all() as SearchIndexDef['config'],
    }));
    const { port1, port2 } = new MessageChannel();
    const counters = new SharedArrayBuffer(8);
    const shared = new Int32Array(counters);
    const data: SearchIndexWorkerData = { file: buildFile, indexes, port: port2, counters };
    const worker = startScriptWorker('seed.search.worker', data, [port2]);
    const built = new Promise<void>((resolve, reject) => {
      port1.on('message', (m: { built?: true; error?: string }) =>
        m.built ? resolve() : reject(new Error(`Building the search indexes failed: ${m.error}`)),
      );
      worker.on('error', reject);
      worker.on('exit', (code) => {
        if (code !== 0) reject(new Error(`The search index worker stopped (exit code ${code})`));
      });
    });
    built.catch(() => undefined);
    running = { port: port1, terminate: () => void worker.terminate(), built, indexes };

    // every document, in batches, at most MAX_AHEAD of them waiting: the worker only stores them as they come
    let posted = 0;
    for (const docs of new Set(indexes.map((i) => i.docs))) {
      const read = sqlite
        .prepare<[number], [number, string]>(`select n, doc from main."${docs}" where n > ? order by n limit ${BATCH}`)
        .raw();
      for (let after = -1; ; ) {
        const taken = Atomics.load(shared, TAKEN);
        if (Atomics.load(shared, FAILED)) break;
        if (posted - taken >= MAX_AHEAD) {
          Atomics.wait(shared, TAKEN, taken, 200);
          continue;
        }
        const rows = read.all(after);
        if (rows.length === 0) break;
        after = rows[rows.length - 1]?.[0] ?? after;
        port1.postMessage({ docs, rows } satisfies SearchIndexMessage);
        posted++;
      }
    }
    port1.postMessage({ end: true } satisfies SearchIndexMessage);
  };

  return {
    start,
    /** Waits for the worker and copies its indexes over the workspace's, inside the load's transaction. */
    async finish() {
      if (!running) return;
      await running.built;
      sqlite.unsafeMode(true);
      try {
        for (const { name } of running.indexes)
          for (const shadow of SHADOWS) {
            const table = `"${name}_${shadow}"`;
            sqlite.exec(`delete from main.${table}`);
            sqlite.exec(`insert into main.${table} select * from ${SCHEMA}.${table}`);
          }
      } finally {
        sqlite.unsafeMode(false);
      }
    },
    /** After the commit or the rollback: the worker stopped, its file detached and removed. */
    close() {
      running?.port.close();
      running?.terminate();
      if (attached && !sqlite.inTransaction) {
        sqlite.exec(`detach database ${SCHEMA}`);
        attached = false;
      }
      removeBuild();
    },
  };
};
