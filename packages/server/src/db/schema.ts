import type { Generated } from 'kysely';

/*
 * Row types as the database holds them. Booleans are integers (0/1) and lists are JSON text on both
 * engines; timestamps are ISO 8601 UTC strings once read (see database.ts).
 */
export interface UsersTable {
  id: string;
  email: string;
  name: string;
  password_hash: string;
  department: string;
  role: string;
  active: number;
  locale: string | null;
  time_zone: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
  last_seen_at: string;
}

export interface ApiTokensTable {
  id: string;
  user_id: string;
  name: string;
  prefix: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
  expires_at: string | null;
  revoked_at: string | null;
}

export interface AccountsTable {
  id: string;
  name: string;
  sort_name: string;
  domain: string | null;
  industry: string | null;
  employee_band: string | null;
  country: string | null;
  city: string | null;
  owner_id: string | null;
  tags: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ContactsTable {
  id: string;
  first_name: string;
  last_name: string;
  sort_first_name: string;
  sort_last_name: string;
  email: string | null;
  emails: string;
  phone: string | null;
  job_title: string | null;
  account_id: string | null;
  owner_id: string | null;
  lifecycle_stage: string;
  source: string | null;
  tags: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface TimelineEntriesTable {
  id: string;
  entity_type: string;
  entity_id: string;
  kind: string;
  action: string | null;
  actor_id: string | null;
  department: string | null;
  body: string | null;
  data: string | null;
  created_at: string;
}

export interface RateLimitsTable {
  key: string;
  count: number;
  window_ends_at: string;
}

export interface MigrationLockTable {
  id: Generated<number>;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  api_tokens: ApiTokensTable;
  accounts: AccountsTable;
  contacts: ContactsTable;
  timeline_entries: TimelineEntriesTable;
  rate_limits: RateLimitsTable;
}
