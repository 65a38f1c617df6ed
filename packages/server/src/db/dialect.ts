/** The few places where SQLite and PostgreSQL differ, kept in one helper. */
export type Engine = 'sqlite' | 'postgres';

export const columnTypes = (engine: Engine) => ({
  /** Timestamps: ISO text on SQLite, timestamptz on PostgreSQL (read back as ISO strings). */
  timestamp: engine === 'postgres' ? ('timestamptz' as const) : ('text' as const),
  /** Money in minor units: 64-bit on both (SQLite integers are 64-bit already). */
  money: engine === 'postgres' ? ('bigint' as const) : ('integer' as const),
});
