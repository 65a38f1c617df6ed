import { workerData } from 'node:worker_threads';
import { copyText } from '../db/copy-text.js';
import { BATCH_ROWS, MAX_AHEAD, POSTED, type SeedBatch, type SeedWorkerData, TAKEN } from './seed.feed.js';
import { generateSeedRows, type Row, type SeedTable, searchDocRows } from './seed.rows.js';

/*
 * Generates the seed rows on the second core while the main thread inserts them. Batches go over a
 * MessagePort; a shared counter pair (batches posted, batches taken) keeps at most MAX_AHEAD batches in
 * flight, so memory stays flat however fast either side is.
 */
const { plan, format, port, counters } = workerData as SeedWorkerData;
const shared = new Int32Array(counters);

const send = (table: SeedTable, rows: Row[]) =>
  post(format === 'copy' ? { table, count: rows.length, text: copyText(rows) } : { table, count: rows.length, rows });

const post = (batch: SeedBatch) => {
  for (;;) {
    const taken = Atomics.load(shared, TAKEN);
    if (Atomics.load(shared, POSTED) - taken < MAX_AHEAD) break;
    Atomics.wait(shared, TAKEN, taken);
  }
  port.postMessage(batch);
  Atomics.add(shared, POSTED, 1);
  Atomics.notify(shared, POSTED);
};

try {
  // A batch holds rows of one table. Tables come one after the other (references point backwards, and an
  // append's triggers read the rows referred to), except the search documents, which follow their records:
  // a buffer per table keeps both in full batches, and all are sent when the next table begins.
  const buffers = new Map<SeedTable, Row[]>();
  const flush = () => {
    for (const [t, rows] of buffers) if (rows.length > 0) send(t, rows);
    buffers.clear();
  };
  const add = (t: SeedTable, row: Row) => {
    let rows = buffers.get(t);
    if (!rows) {
      rows = [];
      buffers.set(t, rows);
    }
    rows.push(row);
    if (rows.length === BATCH_ROWS) {
      send(t, rows);
      buffers.set(t, []);
    }
  };
  const docOf = plan.searchDocs ? searchDocRows() : null;
  let table: SeedTable | null = null;
  generateSeedRows(plan, (t, row) => {
    if (t !== table) {
      flush();
      table = t;
    }
    add(t, row);
    const doc = docOf?.(t, row);
    if (doc) add(...doc);
  });
  flush();
  post({ done: true });
} catch (error) {
  port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  Atomics.add(shared, POSTED, 1);
  Atomics.notify(shared, POSTED);
}
// Stay until every batch is taken: a port whose thread has ended may drop what is still queued.
for (
  let taken = Atomics.load(shared, TAKEN);
  taken < Atomics.load(shared, POSTED);
  taken = Atomics.load(shared, TAKEN)
) {
  Atomics.wait(shared, TAKEN, taken, 1000);
}
