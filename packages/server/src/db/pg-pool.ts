import type pg from 'pg';
import { copyQuery } from './copy.js';
import { MAX_PER_CONNECTION, mustDiscard, StatementNames } from './pg-statements.js';

type Client = pg.PoolClient;
const TRANSACTION_START = /^\s*(begin|start transaction)\b/i;
const TRANSACTION_END = /^\s*(commit|end|rollback(?!\s+to\b))\b/i;

const wrapped = new WeakMap<Client, Client>();

/**
 * A pool client as Kysely gets it: a query whose one parameter is a batch of COPY text runs as a COPY
 * (copy.ts); every other query goes named or unnamed as pg-statements.ts decides. The client is closed on
 * release instead of going back to the pool when it would need more than MAX_PER_CONNECTION named
 * statements (the query goes unnamed meanwhile), or when a named statement failed because its tables
 * changed. That statement runs again unnamed outside a transaction; inside one, the transaction fails as
 * any other error fails it.
 */
const forKysely = (client: Client, names: StatementNames): Client => {
  let wrapper = wrapped.get(client);
  if (wrapper) return wrapper;
  const held = new Set<string>();
  let discard = false;
  let inTransaction = false;
  const query = ((text: unknown, values?: unknown[]) => {
    const copy = copyQuery(client, text, values);
    if (copy) return copy;
    if (typeof text !== 'string') return (client.query as (...a: unknown[]) => unknown)(text, values);
    if (TRANSACTION_START.test(text)) inTransaction = true;
    else if (TRANSACTION_END.test(text)) inTransaction = false;
    let name = names.nameOf(text);
    if (name !== undefined && !held.has(name)) {
      if (held.size < MAX_PER_CONNECTION) held.add(name);
      else {
        name = undefined;
        discard = true;
      }
    }
    if (name === undefined) return client.query({ text, values });
    return client.query({ name, text, values }).catch((error: unknown) => {
      if (!mustDiscard(error)) throw error;
      discard = true;
      if (inTransaction) throw error;
      return client.query({ text, values });
    });
  }) as Client['query'];
  const release = (error?: Error | boolean) => client.release(discard || error);
  wrapper = new Proxy(client, {
    get: (target, key) => {
      if (key === 'query') return query;
      if (key === 'release') return release;
      return Reflect.get(target, key, target);
    },
  });
  wrapped.set(client, wrapper);
  return wrapper;
};

/** The pool Kysely is given on PostgreSQL: the real pool, its clients wrapped by `forKysely`. */
export const kyselyPool = (pool: pg.Pool) => {
  const names = new StatementNames();
  return {
    connect: async () => forKysely(await pool.connect(), names),
    end: () => pool.end(),
  } as unknown as pg.Pool;
};
