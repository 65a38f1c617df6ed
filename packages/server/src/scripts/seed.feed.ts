import {
  MessageChannel,
  type MessagePort,
  receiveMessageOnPort,
  type TransferListItem,
  Worker,
} from 'node:worker_threads';
import type { Row, SeedPlan, SeedTable } from './seed.rows.js';

export interface SeedWorkerData {
  plan: SeedPlan;
  /** rows: value arrays for prepared statements; copy: PostgreSQL COPY text, formatted on the worker. */
  format: 'rows' | 'copy';
  port: MessagePort;
  counters: SharedArrayBuffer;
}
export type SeedBatch =
  | { table: SeedTable; count: number; rows: Row[]; text?: undefined }
  | { table: SeedTable; count: number; text: string; rows?: undefined }
  | { done: true }
  | { error: string };

export const BATCH_ROWS = 1000;
export const MAX_AHEAD = 32;
export const POSTED = 0;
export const TAKEN = 1;

/** Starts one of the seed's worker scripts (`./${name}.ts` here, `.js` when built) on a thread of its own. */
export const startScriptWorker = (name: string, workerData: unknown, transferList: TransferListItem[]): Worker => {
  const file = new URL(`./${name}${import.meta.url.endsWith('.ts') ? '.ts' : '.js'}`, import.meta.url).href;
  // Workers do not inherit tsx's loader on Node 20, so a TypeScript worker is imported through its API.
  const source = file.endsWith('.ts')
    ? `import('tsx/esm/api').then(({ tsImport }) => tsImport(${JSON.stringify(file)}, ${JSON.stringify(import.meta.url)}))`
    : `import(${JSON.stringify(file)})`;
  return new Worker(source, { eval: true, workerData, transferList });
};

/**
 * Starts seed.worker.ts on another thread and returns a blocking `next()` that hands out its batches in
 * order: the bulk loader stays a plain synchronous loop while generation runs on the second core.
 */
export const startRowFeed = (plan: SeedPlan, format: SeedWorkerData['format'] = 'rows') => {
  const { port1, port2 } = new MessageChannel();
  const counters = new SharedArrayBuffer(8);
  const shared = new Int32Array(counters);
  const data: SeedWorkerData = { plan, format, port: port2, counters };
  const worker = startScriptWorker('seed.worker', data, [port2]);
  let failure: unknown;
  worker.on('error', (error) => {
    failure = error;
  });
  worker.unref();

  return {
    next(): Exclude<SeedBatch, { error: string }> {
      for (;;) {
        const posted = Atomics.load(shared, POSTED);
        const message = receiveMessageOnPort(port1);
        if (message) {
          Atomics.add(shared, TAKEN, 1);
          Atomics.notify(shared, TAKEN);
          const batch = message.message as SeedBatch;
          if ('error' in batch) throw new Error(`Seed generator failed: ${batch.error}`);
          return batch;
        }
        if (failure) throw failure;
        // Errors reach us as events, which a blocked thread never sees; so wait in slices.
        Atomics.wait(shared, POSTED, posted, 200);
      }
    },
    close: () => {
      port1.close();
      return worker.terminate();
    },
  };
};
