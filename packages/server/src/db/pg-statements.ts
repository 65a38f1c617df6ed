/*
 * Named statements on PostgreSQL for the statements Nenner runs again and again (used by pg-pool.ts).
 *
 * pg sends every query as an unnamed statement, which PostgreSQL parses, analyses and plans anew each time.
 * For Nenner's short statements that is most of their cost: the five statements of a task page took 889 µs
 * a page unnamed and 325 µs named, the three of a campaign page 1.5–2.3 ms and 1.2 ms (1M bench database,
 * one connection, 400 pages each). A named statement is parsed once per connection, and after five runs
 * PostgreSQL keeps a generic plan where it estimates it no dearer than planning for the values
 * (`plan_cache_mode` auto; `query-plans.test.ts` checks the generic plans of every list).
 *
 * - Only reads and writes (SELECT, WITH, INSERT, UPDATE, DELETE), and only from a text's third run on: a
 *   statement with a list of n ids is a text of its own for every n, and a text seen once or twice (a
 *   migration, an import's batch) stays unnamed.
 * - A connection holds at most MAX_PER_CONNECTION named statements: a list statement's plan cache took
 *   ~125 KiB of the backend's memory (41 list statements, pg_backend_memory_contexts). A connection that
 *   would need more is closed when released and the pool opens a new one (pg-pool.ts).
 */

export const MAX_PER_CONNECTION = 100;
const NAME_FROM_RUN = 3;
/** The texts remembered with a name, and the texts counted towards one; each starts over when full. */
const MAX_NAMED = 5000;
const MAX_COUNTED = 5000;
const NAMEABLE = /^\s*(select|with|insert|update|delete)\b/i;

/** Which texts go named, by how often they ran. */
export class StatementNames {
  private readonly names = new Map<string, string>();
  private readonly runs = new Map<string, number>();
  private last = 0;

  /** The text's name, or undefined while it stays unnamed. */
  nameOf(text: string): string | undefined {
    const name = this.names.get(text);
    if (name !== undefined || !NAMEABLE.test(text)) return name;
    const seen = (this.runs.get(text) ?? 0) + 1;
    if (seen < NAME_FROM_RUN) {
      if (this.runs.size >= MAX_COUNTED) this.runs.clear();
      this.runs.set(text, seen);
      return undefined;
    }
    this.runs.delete(text);
    // names are never reused: a connection may still hold a statement under a forgotten name
    if (this.names.size >= MAX_NAMED) this.names.clear();
    const named = `nenner_${++this.last}`;
    this.names.set(text, named);
    return named;
  }
}

/** True for the error of a named statement whose tables changed their columns since it was parsed. */
export const mustDiscard = (error: unknown): boolean => (error as { code?: string } | null)?.code === '0A000';
