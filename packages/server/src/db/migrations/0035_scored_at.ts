import type { Kysely, Migration } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';

/*
 * Figures that agree (issue 14): a contact's stored score says when it was computed (`scored_at`), so the
 * breakdown can be computed as of that instant and add up to the stored figure, without a read writing.
 * Existing scores were computed at an unknown instant: NULL, and the first run of the periodic rescore
 * picks them up (it walks contacts by id and seeks each one's recent touches in touchpoints_contact).
 */
export const scoredAt = (engine: Engine): Migration => ({
  async up(db: Kysely<unknown>) {
    await db.schema.alterTable('contacts').addColumn('scored_at', columnTypes(engine).timestamp).execute();
  },
  async down(db: Kysely<unknown>) {
    await db.schema.alterTable('contacts').dropColumn('scored_at').execute();
  },
});
