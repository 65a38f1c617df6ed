/*
 * --explain: runs a benchmark's service function in-process against the bench database and prints the
 * plans of the statements it issues (bench/queries.ts).
 */
import type { AppContext } from '../../src/context.js';
import type { BenchDb } from '../fixtures.js';
import { openCapturing, printPlans } from '../queries.js';
import { type Engine, log, type Target } from './env.js';

export const openExplain = (engine: Engine, target: Target, fx: BenchDb) => {
  const capturing = openCapturing(engine, target);
  return {
    /** Runs fn in-process and prints the statements it ran with their plans. */
    async plan(label: string, fn: (ctx: AppContext) => Promise<unknown>) {
      const { plans } = await capturing.capture(fn);
      log(`  plans (${label}, in-process, statements as Nenner runs them):`);
      printPlans(log, plans);
    },
    /** The bench's sales user as the actor of a service call. */
    async actor() {
      const { findUserByEmail } = await import('../../src/modules/users/users.repository.js');
      const u = await findUserByEmail(capturing.ctx.db, fx.actorEmail);
      return {
        id: u?.id ?? '',
        name: u?.name ?? '',
        email: u?.email ?? '',
        department: 'sales' as const,
        role: 'member' as const,
        locale: 'de' as const,
        timeZone: 'Europe/Berlin',
        via: 'session' as const,
        credentialId: '',
      };
    },
    close: () => capturing.close(),
  };
};

export type Explain = ReturnType<typeof openExplain>;
