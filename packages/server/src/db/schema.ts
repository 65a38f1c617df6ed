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
  /** Where and with what the session began (issue 15, the session list); null for sessions from before. */
  ip?: string | null;
  user_agent?: string | null;
}

/** A user's TOTP secret (issue 15): enabled once a code confirmed it; `last_step` stops a code's reuse. */
export interface TwoFactorSecretsTable {
  user_id: string;
  secret: string;
  enabled_at: string | null;
  last_step: number | string | null;
  created_at: string;
}

export interface TwoFactorRecoveryCodesTable {
  id: string;
  user_id: string;
  code_hash: string;
  used_at: string | null;
  created_at: string;
}

/** The short wait between a right password and the second factor; `id` is the hash of the cookie's token. */
export interface TwoFactorChallengesTable {
  id: string;
  user_id: string;
  created_at: string;
  expires_at: string;
}

/** A device that skips the second factor for 30 days; only the hash of its cookie's token is kept. */
export interface RememberedDevicesTable {
  id: string;
  user_id: string;
  token_hash: string;
  user_agent: string | null;
  ip: string | null;
  created_at: string;
  last_used_at: string;
  expires_at: string;
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
  /** Space-separated scopes (0022); null for a token from before scopes: full read-write. */
  scopes: string | null;
  /** When the owner was warned that the token expires soon (0022): the warning goes out once. */
  expiry_warned_at: string | null;
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
  postcode: string | null;
  /** The marketing partner beside the sales owner (0016). */
  marketing_partner_id: string | null;
  /** The team that owns the account (0019). */
  team_id: string | null;
  /** 1 while one of its deals is open and live, kept by triggers on `deals` (0049). */
  has_open_deal?: number;
  /** Duplicate keys (modules/quality/quality.keys.ts); `keys_at` equals `updated_at` while they are fresh. */
  name_key?: string | null;
  phonetic_key?: string | null;
  keys_at?: string | null;
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
  score?: number;
  /** When `score` was computed (0035): the breakdown is computed as of this instant. NULL: not yet. */
  scored_at?: string | null;
  first_utm_source?: string | null;
  last_utm_source?: string | null;
  consent_status?: string | null;
  /** Duplicate keys (modules/quality/quality.keys.ts); `keys_at` equals `updated_at` while they are fresh. */
  phone_key?: string | null;
  name_key?: string | null;
  keys_at?: string | null;
  /** When the contact first reached each funnel stage; stamped by a trigger (migration 0007). */
  lead_at?: string | null;
  mql_at?: string | null;
  sal_at?: string | null;
  sql_at?: string | null;
  opportunity_at?: string | null;
  customer_at?: string | null;
  /** The campaign of the contact's first campaign touch. */
  source_campaign_id?: string | null;
  /** Set when the person's data was erased (Art. 17 DSGVO, 0026): the row stays, anonymous. */
  erased_at?: string | null;
  /**
   * Computed by the database from the stamps (migration 0010): the furthest funnel stage reached
   * (0 lead … 5 customer) and the tenths of days each step took. Never written (the engines refuse it);
   * typed as plain optional columns because the repositories pass whole row types through updates.
   */
  funnel_reach?: number | null;
  mql_tenths?: number | null;
  sal_tenths?: number | null;
  sql_tenths?: number | null;
  opportunity_tenths?: number | null;
  customer_tenths?: number | null;
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
  /** Set by insertTimelineEntries from the entity: the account whose 360° view shows the entry. */
  account_id?: string | null;
}

export interface RateLimitsTable {
  key: string;
  count: number;
  window_ends_at: string;
}

export interface SettingsTable {
  key: string;
  value: string;
  version: number;
  updated_at: string;
  updated_by: string | null;
}

export interface SlaProposalsTable {
  id: string;
  value: string;
  proposed_by: string;
  department: string;
  status: string;
  created_at: string;
  decided_by: string | null;
  decided_at: string | null;
}

export interface TeamsTable {
  id: string;
  name: string;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface TeamMembersTable {
  team_id: string;
  user_id: string;
}

export interface FormsTable {
  id: string;
  name: string;
  slug: string;
  fields: string;
  consent: string;
  double_opt_in: number;
  campaign_key: string | null;
  thank_you_message: string | null;
  redirect_url: string | null;
  campaign_id?: string | null;
  active: number;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface FormSubmissionsTable {
  id: string;
  form_id: string | null;
  contact_id: string;
  email: string;
  result: string;
  created_at: string;
}

export interface TouchpointsTable {
  id: string;
  contact_id: string;
  type: string;
  occurred_at: string;
  form_id: string | null;
  campaign_key: string | null;
  utm_source: string | null;
  utm_medium: string | null;
  utm_campaign: string | null;
  utm_term: string | null;
  utm_content: string | null;
  referrer: string | null;
  landing_page: string | null;
  created_at: string;
  /** The campaign the touch belongs to, resolved when it was recorded (UTM key, form link, or given). */
  campaign_id?: string | null;
}

export interface ConsentsTable {
  id: string;
  contact_id: string;
  purpose: string;
  text: string;
  text_version: number;
  source: string;
  status: string;
  given_at: string;
  confirm_token_hash: string | null;
  confirmed_at: string | null;
  /** 0026: `given` or `withdrawn` (a ledger line). */
  action: Generated<string>;
  recorded_by?: string | null;
  after_suppression: Generated<number>;
}

/** An erased person's email as a keyed hash (0026): a new import or form post does not bring them back silently. */
export interface SuppressionsTable {
  email_hash: string;
  reason: string;
  created_at: string;
}

export interface HandoffsTable {
  id: string;
  contact_id: string;
  status: string;
  qualified_at: string;
  qualified_by: string | null;
  qualified_reason: string;
  assignee_id: string | null;
  team_id: string | null;
  routing_rule: string;
  sla_due_at: string;
  accepted_at: string | null;
  rejected_at: string | null;
  reject_reason: string | null;
  reject_comment: string | null;
  first_touch_at: string | null;
  converted_at: string | null;
  converted_stage: string | null;
  recycled_at: string | null;
  recycle_note: string | null;
  responded_at: string | null;
  response_seconds: number | null;
  breached_at: string | null;
  source: string | null;
  form_id: string | null;
  utm_campaign: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface NotificationsTable {
  id: string;
  user_id: string;
  kind: string;
  entity_type: string;
  entity_id: string;
  data: string | null;
  created_at: string;
  read_at: string | null;
}

export interface JobsTable {
  id: string;
  name: string;
  payload: string;
  status: string;
  run_at: string;
  attempts: number;
  locked_until: string | null;
  last_error: string | null;
  created_at: string;
}

export interface PipelinesTable {
  id: string;
  name: string;
  is_default: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface PipelineStagesTable {
  id: string;
  pipeline_id: string;
  position: number;
  name_de: string;
  name_en: string;
  probability: number;
  stale_after_days: number | null;
  kind: string;
}

export interface DealsTable {
  id: string;
  name: string;
  sort_name: string;
  account_id: string;
  pipeline_id: string;
  stage_id: string;
  status: string;
  amount: number;
  currency: string;
  close_date: string | null;
  owner_id: string | null;
  source: string;
  handoff_id: string | null;
  campaign_key: string | null;
  next_step: string | null;
  close_reason: string | null;
  close_comment: string | null;
  lost_to_competitor_id: string | null;
  closed_at: string | null;
  stage_changed_at: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface DealContactsTable {
  deal_id: string;
  contact_id: string;
  role: string | null;
}

export interface DealCompetitorsTable {
  deal_id: string;
  competitor_id: string;
}

export interface CompetitorsTable {
  id: string;
  name: string;
  sort_name: string;
  website: string | null;
  positioning: string | null;
  strengths: string | null;
  weaknesses: string | null;
  pricing_notes: string | null;
  battlecard: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface BattlecardRatingsTable {
  id: string;
  competitor_id: string;
  user_id: string;
  rating: string;
  comment: string | null;
  battlecard_version: number;
  created_at: string;
}

export interface CompetitorIntelTable {
  id: string;
  competitor_id: string;
  deal_id: string | null;
  body: string;
  author_id: string;
  created_at: string;
}

export interface ActivitiesTable {
  id: string;
  type: string;
  subject: string;
  summary: string | null;
  occurred_at: string;
  duration_minutes: number | null;
  entity_type: string;
  entity_id: string;
  account_id: string | null;
  actor_id: string;
  department: string;
  created_at: string;
}

export interface TasksTable {
  id: string;
  title: string;
  description: string | null;
  status: string;
  due_at: string | null;
  remind_at: string | null;
  reminded_at: string | null;
  owner_id: string;
  entity_type: string | null;
  entity_id: string | null;
  account_id: string | null;
  created_by: string;
  completed_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** The meeting occurrence whose action item this task is. */
  meeting_occurrence_id?: string | null;
}

export interface MergesTable {
  id: string;
  entity_type: string;
  survivor_id: string;
  merged_id: string;
  snapshot: string;
  actor_id: string;
  created_at: string;
  undone_at: string | null;
  undone_by: string | null;
}

export interface DuplicateDismissalsTable {
  entity_type: string;
  id_a: string;
  id_b: string;
  actor_id: string;
  created_at: string;
}

export interface CampaignsTable {
  id: string;
  name: string;
  sort_name: string;
  channel: string;
  status: string;
  start_date: string | null;
  end_date: string | null;
  owner_id: string | null;
  team_id: string | null;
  department: string;
  currency: string;
  budget: number;
  expected_leads: number | null;
  expected_pipeline: number | null;
  /** JSON array of the keys, as entered; campaign_utm_keys holds them folded for lookups. */
  utm_keys: string;
  description: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface CampaignUtmKeysTable {
  /** Lower-cased and trimmed. */
  key: string;
  campaign_id: string;
}

export interface CampaignCostsTable {
  id: string;
  campaign_id: string;
  description: string;
  amount: number;
  currency: string;
  incurred_on: string;
  created_by: string | null;
  created_at: string;
}

export interface CampaignMembersTable {
  campaign_id: string;
  contact_id: string;
  status: string;
  added_via: string;
  responded_at: string | null;
  created_at: string;
  updated_at: string;
  /** JSON array of the responded statuses that already recorded a touchpoint (migration 0008). */
  touched_statuses?: string;
}

export interface DashboardsTable {
  id: string;
  owner_id: string;
  name: string;
  /** JSON array of widgets. */
  widgets: string;
  shared: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface GoalsTable {
  id: string;
  series_id: string;
  name: string;
  description: string | null;
  metric: string;
  /** JSON object: filter name → value. */
  filters: string;
  period_type: string;
  /** Local dates, both inclusive. */
  period_from: string;
  period_to: string;
  target: number;
  currency: string | null;
  parent_id: string | null;
  team_id: string | null;
  repeat: number;
  created_by: string | null;
  noticed_status: string | null;
  noticed_percent: number;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface GoalOwnersTable {
  goal_id: string;
  user_id: string;
}

export interface MeetingSeriesTable {
  id: string;
  title: string;
  cadence: string;
  /** RRULE weekday code (MO…SU). */
  weekday: string;
  /** Monthly: 1–4 or -1 (the last); null otherwise. */
  nth: number | null;
  time_zone: string;
  /** The first occurrence's wall time: YYYY-MM-DD and HH:MM in time_zone. */
  local_date: string;
  local_time: string;
  starts_at: string;
  duration_minutes: number;
  location: string | null;
  host_id: string;
  /** JSON array of { section, minutes }. */
  agenda_template: string;
  ical_uid: string;
  sequence: number;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface MeetingParticipantsTable {
  series_id: string;
  user_id: string;
}

/** An occurrence with something of its own stored (moved, cancelled; later agenda and minutes). */
export interface MeetingOccurrencesTable {
  id: string;
  series_id: string;
  original_start: string;
  starts_at: string;
  status: string;
  version: number;
  created_at: string;
  updated_at: string;
  agenda_generated_at: string | null;
  started_at: string | null;
  closed_at: string | null;
  agenda_snapshot: string | null;
  minutes: string | null;
}

export interface MeetingAgendaItemsTable {
  occurrence_id: string;
  id: string;
  section: string;
  kind: string;
  title: string;
  refs: string;
  figures: string | null;
  details: string | null;
  generated: number;
  position: number;
  dropped: number;
  presenter_id: string | null;
  notes: string | null;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface MeetingDecisionsTable {
  id: string;
  occurrence_id: string;
  text: string;
  refs: string;
  created_by: string;
  created_at: string;
}

export interface MeetingRatingsTable {
  occurrence_id: string;
  user_id: string;
  rating: number;
  created_at: string;
  updated_at: string;
}

/** Counters bumped by triggers when the data behind a cached report changes. */
export interface DataVersionsTable {
  name: string;
  version: number;
}

/** One deal's credits under one measure for one campaign ('' = unattributed), per model (0031). */
export interface AttributionCreditsTable {
  deal_id: string;
  measure: string;
  campaign_id: string;
  currency: string;
  converted_at: string;
  credit_first: number;
  credit_last: number;
  credit_linear: number;
  credit_u: number;
  credit_w: number;
  credit_full: number;
  credit_decay: number;
}

/** One recomputation's credit rows until the claiming transaction moves them (0045). */
export interface AttributionCreditsStagingTable extends AttributionCreditsTable {
  run_id: string;
  staged_at: string;
}

/** Deals whose credits a write may have changed (0031). */
export interface AttributionDirtyTable {
  deal_id: string;
  mark: number;
}

/** The one row saying what the stored credits were computed with (0031). */
export interface AttributionStateTable {
  id: number;
  version: number;
  settings: string;
}

export interface ProjectsTable {
  id: string;
  name: string;
  goal_statement: string | null;
  stage: string;
  team_id: string | null;
  marketing_lead_id: string | null;
  sales_lead_id: string | null;
  created_by: string | null;
  stage_changed_at: string;
  version: number;
  created_at: string;
  updated_at: string;
  deleted_at: string | null;
}

export interface ProjectRequirementsTable {
  id: string;
  project_id: string;
  department: string;
  text: string;
  done: number;
  done_at: string | null;
  author_id: string | null;
  created_at: string;
  updated_at: string;
}

export interface ProjectSignoffsTable {
  project_id: string;
  user_id: string;
  department: string;
  created_at: string;
}

export interface ProjectLinksTable {
  project_id: string;
  /** campaign | goal | deal | account */
  record_type: string;
  record_id: string;
}

export interface ProjectPilotsTable {
  id: string;
  project_id: string;
  account_id: string;
  status: string;
  scope: string | null;
  /** YYYY-MM-DD, inclusive; open when null. */
  starts_at: string | null;
  ends_at: string | null;
  proposed_by: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface PilotFeedbackTable {
  id: string;
  pilot_id: string;
  rating: number;
  text: string;
  author_id: string | null;
  created_at: string;
}

/** A job rotation (0018); its status follows from the dates and `cancelled_at`. */
export interface RotationsTable {
  id: string;
  user_id: string;
  home_department: string;
  host_department: string;
  /** Local dates (YYYY-MM-DD), both inclusive. */
  starts_on: string;
  ends_on: string;
  mentor_id: string;
  cancelled_at: string | null;
  report: string | null;
  reported_at: string | null;
  rating: number | null;
  rating_comment: string | null;
  rated_at: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface RotationItemsTable {
  id: string;
  rotation_id: string;
  /** goal | activity */
  kind: string;
  position: number;
  text: string;
  /** 1 when the goal is met or the activity done. */
  done: number;
}

export interface RotationCheckinsTable {
  id: string;
  rotation_id: string;
  date: string;
  note: string;
  author_id: string | null;
  created_at: string;
}

/** A customer event (0020); `seats_taken` and `arrivals` change only under the row's lock. */
export interface EventsTable {
  id: string;
  slug: string;
  title: string;
  type: string;
  description: string | null;
  starts_at: string;
  ends_at: string;
  time_zone: string;
  venue: string | null;
  online_url: string | null;
  capacity: number;
  waitlist: number;
  registration_deadline: string;
  status: string;
  campaign_id: string;
  owner_id: string | null;
  team_id: string | null;
  seats_taken: number;
  arrivals: number;
  sequence: number;
  closed_at: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface EventInvitationsTable {
  id: string;
  event_id: string;
  contact_id: string;
  invited_by: string;
  email: string;
  token_hash: string;
  sent_at: string;
}

export interface EventRegistrationsTable {
  id: string;
  event_id: string;
  contact_id: string;
  email: string;
  first_name: string;
  last_name: string;
  company: string | null;
  status: string;
  arrival: number;
  invitation_id: string | null;
  invited_by: string | null;
  cancel_token: string;
  locale: string;
  ical_sequence: number | null;
  registered_at: string;
  confirmed_at: string | null;
  cancelled_at: string | null;
  checked_in_at: string | null;
  checked_in_by: string | null;
  reminded_at: string | null;
  updated_at: string;
}

export interface MigrationLockTable {
  id: Generated<number>;
}

/** A webhook subscription (0021); `events` is a JSON array, the secrets are `whsec_…`. */
/** The single sign-on provider (0030, one row, id `sso`); lists are JSON text. */
export interface SsoConfigTable {
  id: string;
  enabled: number;
  issuer: string;
  client_id: string;
  client_secret: string | null;
  display_name: string;
  allowed_domains: string;
  group_rules: string;
  default_department: string;
  default_role: string;
  password_login_disabled: number;
  version: number;
  updated_at: string;
  updated_by: string | null;
}

/** A user's link to the provider's subject (0030): how a later SSO login finds the same user. */
export interface SsoIdentitiesTable {
  id: string;
  user_id: string;
  issuer: string;
  subject: string;
  created_at: string;
  last_login_at: string;
}

/** A sign-in between start and callback (0030); `id` is the hash of the browser cookie's handle. */
export interface SsoLoginsTable {
  id: string;
  state: string;
  nonce: string;
  code_verifier: string;
  created_at: string;
  expires_at: string;
}

export interface WebhooksTable {
  id: string;
  url: string;
  events: string;
  description: string | null;
  enabled: number;
  disabled_reason: string | null;
  consecutive_failures: number;
  secret: string;
  previous_secret: string | null;
  previous_secret_until: string | null;
  created_by: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** One event for one subscription (0021): its id is the `webhook-id` of every attempt. */
export interface WebhookDeliveriesTable {
  id: string;
  webhook_id: string;
  event_type: string;
  payload: string;
  status: string;
  attempts: number;
  next_attempt_at: string | null;
  delivered_at: string | null;
  created_at: string;
}

/** One attempt to deliver (0021). */
export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  attempt: number;
  status: string;
  response_code: number | null;
  duration_ms: number;
  response_body: string | null;
  error: string | null;
  created_at: string;
}

/** A user's secret calendar feed URL (0022), stored as a hash like the API tokens. */
export interface CalendarFeedsTable {
  id: string;
  user_id: string;
  token_hash: string;
  created_at: string;
  last_used_at: string | null;
}

/** An uploaded CSV or XLSX import and its progress (0025). */
export interface ImportsTable {
  id: string;
  entity: string;
  file_name: string;
  format: string;
  status: string;
  created_by: string | null;
  encoding: string;
  delimiter: string | null;
  preset: string;
  columns: string;
  mapping: string;
  dedupe: string;
  date_format: string;
  decimal: string;
  file_bytes: number;
  total: number;
  processed: number;
  created: number;
  updated: number;
  skipped: number;
  failed: number;
  run_ms: number;
  started_at: string | null;
  finished_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

/** The uploaded file in pieces, in order (0025). */
export interface ImportChunksTable {
  import_id: string;
  seq: number;
  data: Uint8Array;
}

/** What an import created or changed, for undo (0025). */
export interface ImportChangesTable {
  id: string;
  import_id: string;
  entity_type: string;
  entity_id: string;
  action: string;
  before: string | null;
  stamp: string;
}

export interface ImportErrorsTable {
  import_id: string;
  row_number: number;
  column_name: string | null;
  value: string | null;
  message: string;
}

export interface ImportMappingsTable {
  id: string;
  entity: string;
  signature: string;
  mapping: string;
  created_by: string | null;
  updated_at: string;
}

export interface DB {
  users: UsersTable;
  sessions: SessionsTable;
  two_factor_secrets: TwoFactorSecretsTable;
  two_factor_recovery_codes: TwoFactorRecoveryCodesTable;
  two_factor_challenges: TwoFactorChallengesTable;
  remembered_devices: RememberedDevicesTable;
  api_tokens: ApiTokensTable;
  calendar_feeds: CalendarFeedsTable;
  accounts: AccountsTable;
  contacts: ContactsTable;
  timeline_entries: TimelineEntriesTable;
  rate_limits: RateLimitsTable;
  settings: SettingsTable;
  sla_proposals: SlaProposalsTable;
  teams: TeamsTable;
  team_members: TeamMembersTable;
  forms: FormsTable;
  form_submissions: FormSubmissionsTable;
  touchpoints: TouchpointsTable;
  consents: ConsentsTable;
  suppressions: SuppressionsTable;
  handoffs: HandoffsTable;
  notifications: NotificationsTable;
  jobs: JobsTable;
  pipelines: PipelinesTable;
  pipeline_stages: PipelineStagesTable;
  deals: DealsTable;
  deal_contacts: DealContactsTable;
  deal_competitors: DealCompetitorsTable;
  competitors: CompetitorsTable;
  battlecard_ratings: BattlecardRatingsTable;
  competitor_intel: CompetitorIntelTable;
  activities: ActivitiesTable;
  tasks: TasksTable;
  merges: MergesTable;
  duplicate_dismissals: DuplicateDismissalsTable;
  campaigns: CampaignsTable;
  campaign_utm_keys: CampaignUtmKeysTable;
  campaign_costs: CampaignCostsTable;
  campaign_members: CampaignMembersTable;
  dashboards: DashboardsTable;
  goals: GoalsTable;
  goal_owners: GoalOwnersTable;
  meeting_series: MeetingSeriesTable;
  meeting_participants: MeetingParticipantsTable;
  meeting_occurrences: MeetingOccurrencesTable;
  meeting_agenda_items: MeetingAgendaItemsTable;
  meeting_decisions: MeetingDecisionsTable;
  meeting_ratings: MeetingRatingsTable;
  data_versions: DataVersionsTable;
  attribution_credits: AttributionCreditsTable;
  attribution_credits_staging: AttributionCreditsStagingTable;
  attribution_dirty: AttributionDirtyTable;
  attribution_state: AttributionStateTable;
  rotations: RotationsTable;
  rotation_items: RotationItemsTable;
  rotation_checkins: RotationCheckinsTable;
  projects: ProjectsTable;
  project_requirements: ProjectRequirementsTable;
  project_signoffs: ProjectSignoffsTable;
  project_links: ProjectLinksTable;
  project_pilots: ProjectPilotsTable;
  pilot_feedback: PilotFeedbackTable;
  events: EventsTable;
  event_invitations: EventInvitationsTable;
  event_registrations: EventRegistrationsTable;
  webhooks: WebhooksTable;
  sso_config: SsoConfigTable;
  sso_identities: SsoIdentitiesTable;
  sso_logins: SsoLoginsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
  imports: ImportsTable;
  import_chunks: ImportChunksTable;
  import_changes: ImportChangesTable;
  import_errors: ImportErrorsTable;
  import_mappings: ImportMappingsTable;
  contact_search_docs: ContactSearchDocsTable;
  account_search_docs: AccountSearchDocsTable;
  deal_search_docs: DealSearchDocsTable;
}

/**
 * The folded search documents (0028, db/search.ts), written by triggers only; `n` is a stable integer
 * key (on SQLite the FTS5 index's rowid), the same on both engines.
 */
export interface ContactSearchDocsTable {
  n: Generated<number>;
  contact_id: string;
  doc: string;
  /** The contact's own keys, copied by the triggers (0039): the ranked search orders by them. */
  sort_last_name: Generated<string>;
  sort_first_name: Generated<string>;
  deleted_at: string | null;
  /** The contact's creation and change times (0044): a ranked search sorted by date orders by them. */
  created_at: string | null;
  updated_at: string | null;
}

export interface AccountSearchDocsTable {
  n: Generated<number>;
  account_id: string;
  doc: string;
  /** The account's own keys, copied by the triggers (0039). */
  sort_name: Generated<string>;
  deleted_at: string | null;
  /** The account's creation and change times (0044). */
  created_at: string | null;
  updated_at: string | null;
}

/** A deal's folded name, as the other documents (0036). */
export interface DealSearchDocsTable {
  n: Generated<number>;
  deal_id: string;
  doc: string;
}
