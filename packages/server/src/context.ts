import type { TokenScope } from '@nenner/shared';
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
  /** The scopes of the API token the request came with; null for a session or a token from before scopes (full rights). */
  scopes?: readonly TokenScope[] | null;
  /**
   * The host department of the job rotation running today (resolved at authentication): while it runs the
   * actor also works with that department's rights. Null outside a rotation.
   */
  hostDepartment?: 'marketing' | 'sales' | 'management' | null;
  /** That rotation's id. */
  rotationId?: string | null;
  /** Set by `assertCan` when an action was allowed only through the host rights: audit entries then name the rotation. */
  usedHostRights?: boolean;
  /**
   * The workspace requires a second factor this user has not set up (sessions only, issue 15): the request
   * reaches only the enrollment endpoints.
   */
  mustEnrollTwoFactor?: boolean;
}
