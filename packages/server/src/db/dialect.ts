import { sql } from 'kysely';

/** The few places where SQLite and PostgreSQL differ, kept in one helper. */
export type Engine = 'sqlite' | 'postgres';

export const columnTypes = (engine: Engine) => ({
  /** Timestamps: ISO text on SQLite, timestamptz on PostgreSQL (read back as ISO strings). */
  timestamp: engine === 'postgres' ? ('timestamptz' as const) : ('text' as const),
  /** Money in minor units: 64-bit on both (SQLite integers are 64-bit already). */
  money: engine === 'postgres' ? ('bigint' as const) : ('integer' as const),
});

/** SQL fragments that are spelled differently on the two engines. */
export const sqlFragments = (engine: Engine) => ({
  /** The integers of a group joined by commas (NULLs skipped; NULL for none). */
  joinIntegers: (column: string) =>
    engine === 'postgres'
      ? sql<string | null>`string_agg(${sql.ref(column)}::text, ',')`
      : sql<string | null>`group_concat(${sql.ref(column)})`,
  /** The UTC calendar day of a timestamp, as YYYY-MM-DD. */
  utcDay: (column: string) =>
    engine === 'postgres'
      ? sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD')`
      : sql<string>`substr(${sql.ref(column)}, 1, 10)`,
  /** The UTC hour of a timestamp, as YYYY-MM-DDTHH: local days are summed from hours in any whole-hour zone. */
  utcHour: (column: string) =>
    engine === 'postgres'
      ? sql<string>`to_char(${sql.ref(column)} at time zone 'UTC', 'YYYY-MM-DD"T"HH24')`
      : sql<string>`substr(${sql.ref(column)}, 1, 13)`,
  /** A timestamp column moved by whole seconds, comparable with stored timestamps (ISO text / timestamptz). */
  shiftedSeconds: (column: string, seconds: number) =>
    engine === 'postgres'
      ? sql<string>`(${sql.ref(column)} + make_interval(secs => ${sql.lit(seconds)}))`
      : sql<string>`strftime('%Y-%m-%dT%H:%M:%fZ', ${sql.ref(column)}, ${sql.lit(`${seconds >= 0 ? '+' : ''}${seconds} seconds`)})`,
  /**
   * After a table in FROM: read it through the named index (SQLite's planner, misled by sampled statistics,
   * can prefer a worse one); PostgreSQL plans by its own statistics.
   */
  indexedBy: (index: string) => (engine === 'postgres' ? sql`` : sql`indexed by ${sql.ref(index)}`),
  /** Days from one timestamp to another in whole tenths (3.25 days → 33), for histograms. */
  tenthsOfDaysBetween: (from: string, to: string) =>
    engine === 'postgres'
      ? sql<number>`round(extract(epoch from (${sql.ref(to)} - ${sql.ref(from)})) / 8640)::integer`
      : sql<number>`cast(round((julianday(${sql.ref(to)}) - julianday(${sql.ref(from)})) * 10) as integer)`,
});
