import type { Kysely } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';

/**
 * Two-factor authentication and the session list (issue 15): a TOTP secret per user (enabled once a code
 * confirmed it), single-use recovery codes and remembered devices (both stored only as hashes), the short
 * challenge between a right password and the second factor, and the device and IP a session began on.
 */
export const twoFactorSessions = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const ts = columnTypes(engine).timestamp;
    await db.schema.alterTable('sessions').addColumn('ip', 'text').execute();
    await db.schema.alterTable('sessions').addColumn('user_agent', 'text').execute();
    await db.schema
      .createTable('two_factor_secrets')
      .addColumn('user_id', 'text', (c) => c.primaryKey().references('users.id').onDelete('cascade'))
      .addColumn('secret', 'text', (c) => c.notNull())
      // null while the enrollment waits for its first code
      .addColumn('enabled_at', ts)
      // the last time step a code was accepted for: a code is used once
      .addColumn('last_step', 'bigint')
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('two_factor_recovery_codes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('code_hash', 'text', (c) => c.notNull())
      .addColumn('used_at', ts)
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('two_factor_recovery_codes_user')
      .on('two_factor_recovery_codes')
      .columns(['user_id', 'code_hash'])
      .execute();
    await db.schema
      .createTable('two_factor_challenges')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('expires_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('remembered_devices')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('user_id', 'text', (c) => c.notNull().references('users.id').onDelete('cascade'))
      .addColumn('token_hash', 'text', (c) => c.notNull().unique())
      .addColumn('user_agent', 'text')
      .addColumn('ip', 'text')
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('last_used_at', ts, (c) => c.notNull())
      .addColumn('expires_at', ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('remembered_devices_user').on('remembered_devices').column('user_id').execute();
  },
});
