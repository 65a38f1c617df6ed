import { systemEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import type { AppContext } from '../../context.js';
import { migrations } from '../../db/migrations/index.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';

/** The newest migration this build carries (names sort by their number). */
const expectedMigration = (ctx: AppContext): string => Object.keys(migrations(ctx.engine)).sort().at(-1) ?? '';

/** Ready: the database answers, and its newest applied migration is the one this build expects. */
const checkReady = async (ctx: AppContext) => {
  const expected = expectedMigration(ctx);
  let applied: string | undefined;
  try {
    const rows = await sql<{ name: string }>`select name from kysely_migration order by name desc limit 1`.execute(
      ctx.db,
    );
    applied = rows.rows[0]?.name;
  } catch {
    throw new AppError('not_ready', 'The database does not answer.');
  }
  if (applied !== expected) {
    throw new AppError(
      'not_ready',
      `The database is at migration ${applied ?? 'none'}, this build expects ${expected}.`,
    );
  }
  return { status: 'ready' as const, migration: expected };
};

export const registerHealthRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, systemEndpoints, {
    getHealth: async () => ({ status: 'ok' as const }),
    getReady: async () => checkReady(ctx),
  });
