import type { Kysely } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';

/**
 * Scoped and expiring API tokens and personal calendar feeds (issue 19).
 *
 * `api_tokens.scopes` holds the token's scopes, space-separated; the tokens made before stay null and
 * keep working as full read-write tokens. `expiry_warned_at` is set in the same statement that picks a
 * token for its expiry warning, so the warning goes out once whatever runs twice.
 *
 * `calendar_feeds`: one secret feed URL per user, stored as a hash like the API tokens; rotating replaces
 * the row, revoking deletes it.
 */
export const tokenScopesCalendar = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const { timestamp: ts } = columnTypes(engine);
    await db.schema.alterTable('api_tokens').addColumn('scopes', 'text').execute();
    await db.schema.alterTable('api_tokens').addColumn('expiry_warned_at', ts).execute();
    await db.schema.createIndex('api_tokens_expiry').on('api_tokens').columns(['expires_at']).execute();
    await db.schema
      .createTable('calendar_feeds')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().unique().references('users.id'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('last_used_at', ts)
      .execute();
  },
});
