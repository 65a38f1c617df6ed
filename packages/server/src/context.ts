import type { Kysely } from 'kysely';
import type { Config } from './config.js';
import type { Engine } from './db/dialect.js';
import type { DB } from './db/schema.js';

/** What every service needs: the database and the configuration. Passed explicitly, never global. */
export interface AppContext {
  db: Kysely<DB>;
  engine: Engine;
  config: Config;
}

/** The authenticated user a request acts as. */
export interface Actor {
  id: string;
  name: string;
  email: string;
  department: 'marketing' | 'sales' | 'management';
  role: 'admin' | 'member' | 'viewer';
  locale: 'de' | 'en' | null;
  timeZone: string;
  via: 'session' | 'token';
  credentialId: string;
}
