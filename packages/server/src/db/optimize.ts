import type SQLite from 'better-sqlite3';

/** How often a long-lived connection asks SQLite to refresh the statistics it finds stale. */
export const OPTIMIZE_EVERY_MS = 60 * 60 * 1000;

/**
 * Statistics kept fresh as SQLite recommends for long-lived connections (https://sqlite.org/lang_analyze.html):
 * `PRAGMA optimize=0x10002` when the connection opens (looks at every table, and analyzes those without
 * statistics or whose size has changed a lot since), then `PRAGMA optimize` every hour (only the tables this
 * connection used). Cheap: since SQLite 3.46 it analyzes with a temporary `analysis_limit`, so a large table
 * costs a sample, not a full pass, and a table whose statistics are fine costs nothing. The list plans do
 * not depend on it (migration 0027 makes them right whatever the statistics say); the reports' plans and
 * the joins benefit. The timer does not keep the process alive and stops when the connection is closed.
 */
export const keepStatisticsFresh = (sqlite: SQLite.Database, everyMs = OPTIMIZE_EVERY_MS): void => {
  try {
    sqlite.pragma('optimize=0x10002');
  } catch {
    // another process held the write lock past the busy timeout: start anyway, the hourly round catches up
  }
  const timer = setInterval(() => {
    if (!sqlite.open) {
      clearInterval(timer);
      return;
    }
    try {
      sqlite.pragma('optimize');
    } catch {
      // busy with another writer: the next hour tries again
    }
  }, everyMs);
  timer.unref();
};
