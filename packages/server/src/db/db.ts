import type { Kysely, Transaction } from 'kysely';
import type { DB } from './schema.js';

/** The database or an open transaction: what every repository function takes as its first argument. */
export type Db = Kysely<DB> | Transaction<DB>;
