import {
  CompiledQuery,
  type DatabaseConnection,
  type QueryResult,
  SqliteAdapter,
  type SqliteDatabase,
  SqliteDialect,
  SqliteDriver,
} from 'kysely';

/*
 * SQLite as Nenner runs it with more than one writer on the file (a second instance, the seeder, an import):
 *
 * - A write transaction begins with `BEGIN IMMEDIATE`. Kysely's driver issues a plain (deferred) `begin`:
 *   such a transaction reads first and takes the write lock only at its first write, and when another
 *   process has written in between, SQLite cannot wait for it; it answers SQLITE_BUSY ("database is
 *   locked") at once. Taking the lock up front makes a writer wait its turn instead. Reads outside a
 *   transaction stay concurrent under WAL.
 * - The wait is asynchronous: better-sqlite3 runs on the event loop, so SQLite's own busy handler (a short
 *   `busy_timeout`) waits only briefly, and a statement that still finds the file locked is retried after a
 *   pause, for up to `BUSY_WAIT_MS`, while the server keeps answering other requests. A statement that
 *   failed with SQLITE_BUSY has done nothing, so running it again is safe.
 * - Migrations run in one transaction (Kysely assumes SQLite has no transactional DDL; it has), so a
 *   failing or interrupted migration leaves the database at the version before it, and the `BEGIN
 *   IMMEDIATE` of that transaction keeps two processes from migrating the same file at once.
 */

/** How long a statement waits in all for another process's write lock before it fails. */
export const BUSY_WAIT_MS = 60_000;
/** SQLite's own (blocking) wait per attempt; kept short so the event loop stays free. */
export const SQLITE_BUSY_TIMEOUT_MS = 50;

/**
 * SQLITE_BUSY_SNAPSHOT is left out: only a deferred transaction that read an older snapshot gets it, and
 * running its statement again cannot help (Nenner's write transactions are immediate).
 */
const isBusy = (error: unknown): boolean =>
  typeof error === 'object' &&
  error !== null &&
  'code' in error &&
  typeof error.code === 'string' &&
  error.code.startsWith('SQLITE_BUSY') &&
  error.code !== 'SQLITE_BUSY_SNAPSHOT';

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs `attempt` until it does not fail with SQLITE_BUSY, or `BUSY_WAIT_MS` has passed. */
const waitingForLock = async <T>(attempt: () => Promise<T>): Promise<T> => {
  const deadline = Date.now() + BUSY_WAIT_MS;
  for (let tries = 0; ; tries++) {
    try {
      return await attempt();
    } catch (error) {
      if (!isBusy(error) || Date.now() >= deadline) throw error;
      await pause(Math.min(100, 5 * 2 ** Math.min(tries, 5)) * (0.5 + Math.random()));
    }
  }
};

class WaitingConnection implements DatabaseConnection {
  constructor(private readonly inner: DatabaseConnection) {}
  executeQuery<R>(query: CompiledQuery): Promise<QueryResult<R>> {
    return waitingForLock(() => this.inner.executeQuery<R>(query));
  }
  streamQuery<R>(query: CompiledQuery, chunkSize?: number): AsyncIterableIterator<QueryResult<R>> {
    return this.inner.streamQuery<R>(query, chunkSize);
  }
}

class ImmediateSqliteDriver extends SqliteDriver {
  private readonly wrapped = new WeakMap<DatabaseConnection, WaitingConnection>();

  override async acquireConnection(): Promise<DatabaseConnection> {
    const connection = await super.acquireConnection();
    let waiting = this.wrapped.get(connection);
    if (!waiting) {
      waiting = new WaitingConnection(connection);
      this.wrapped.set(connection, waiting);
    }
    return waiting;
  }

  override async beginTransaction(connection: DatabaseConnection): Promise<void> {
    await connection.executeQuery(CompiledQuery.raw('begin immediate'));
  }
}

class TransactionalDdlSqliteAdapter extends SqliteAdapter {
  override get supportsTransactionalDdl(): boolean {
    return true;
  }
}

/** Kysely's SQLite dialect with immediate write transactions, waiting for locks, and transactional migrations. */
export class NennerSqliteDialect extends SqliteDialect {
  constructor(private readonly database: SqliteDatabase) {
    super({ database });
  }
  override createDriver() {
    return new ImmediateSqliteDriver({ database: this.database });
  }
  override createAdapter() {
    return new TransactionalDdlSqliteAdapter();
  }
}
