import { workerData } from 'node:worker_threads';
import { BATCH_ROWS, MAX_AHEAD, POSTED, type SeedBatch, type SeedWorkerData, TAKEN } from './seed.feed.js';
import { generateSeedRows, type Row } from './seed.rows.js';

/*
 * Generates the seed rows on the second core while the main thread inserts them. Batches go over a
 * MessagePort; a shared counter pair (batches posted, batches taken) keeps at most MAX_AHEAD batches in
 * flight, so memory stays flat however fast either side is.
 */
const { plan, port, counters } = workerData as SeedWorkerData;
const shared = new Int32Array(counters);

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
  let accounts: Row[] = [];
  let contacts: Row[] = [];
  generateSeedRows(plan, {
    onAccount(row) {
      accounts.push(row);
      if (accounts.length === BATCH_ROWS) {
        post({ table: 'accounts', rows: accounts });
        accounts = [];
      }
    },
    onAccountsDone() {
      if (accounts.length > 0) post({ table: 'accounts', rows: accounts });
      accounts = [];
    },
    onContact(row) {
      contacts.push(row);
      if (contacts.length === BATCH_ROWS) {
        post({ table: 'contacts', rows: contacts });
        contacts = [];
      }
    },
  });
  if (contacts.length > 0) post({ table: 'contacts', rows: contacts });
  post({ done: true });
} catch (error) {
  port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  Atomics.add(shared, POSTED, 1);
  Atomics.notify(shared, POSTED);
}
// Stay until every batch is taken: a port whose thread has ended may drop what is still queued.
for (let taken = Atomics.load(shared, TAKEN); taken < Atomics.load(shared, POSTED); taken = Atomics.load(shared, TAKEN)) {
  Atomics.wait(shared, TAKEN, taken, 1000);
}
