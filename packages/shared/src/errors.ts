/**
 * The one table of error codes. The server maps a code to its HTTP status; the web app maps it to a
 * translated message. Codes are stable: clients may switch on them.
 */
export const errorCodes = {
  validation_failed: 400,
  malformed_json: 400,
  invalid_cursor: 400,
  unauthenticated: 401,
  invalid_credentials: 401,
  /** A new password that is common, breached or close to the user's name (NIST SP 800-63B, issue 15). */
  weak_password: 400,
  forbidden: 403,
  cross_site_request: 403,
  insufficient_scope: 403,
  /** The workspace requires a second factor this user has not set up: only its enrollment answers (issue 15). */
  two_factor_enrollment_required: 403,
  /** The login's two-factor step has no (live) challenge: the password step must come first, again. */
  two_factor_challenge_expired: 401,
  invalid_two_factor_code: 400,
  two_factor_already_enabled: 409,
  two_factor_not_enabled: 409,
  two_factor_required_by_policy: 409,
  session_not_found: 404,
  device_not_found: 404,
  route_not_found: 404,
  user_not_found: 404,
  account_not_found: 404,
  contact_not_found: 404,
  merge_not_found: 404,
  token_not_found: 404,
  calendar_feed_not_found: 404,
  entry_not_found: 404,
  form_not_found: 404,
  team_not_found: 404,
  handoff_not_found: 404,
  proposal_not_found: 404,
  notification_not_found: 404,
  link_not_found: 404,
  activity_not_found: 404,
  task_not_found: 404,
  competitor_not_found: 404,
  deal_not_found: 404,
  pipeline_not_found: 404,
  campaign_not_found: 404,
  member_not_found: 404,
  cost_not_found: 404,
  dashboard_not_found: 404,
  goal_not_found: 404,
  meeting_not_found: 404,
  occurrence_not_found: 404,
  rotation_not_found: 404,
  event_not_found: 404,
  registration_not_found: 404,
  project_not_found: 404,
  requirement_not_found: 404,
  pilot_not_found: 404,
  import_not_found: 404,
  webhook_not_found: 404,
  delivery_not_found: 404,
  url_not_allowed: 400,
  email_taken: 409,
  import_state: 409,
  not_in_trash: 409,
  contact_erased: 409,
  email_suppressed: 409,
  last_admin: 409,
  slug_taken: 409,
  invalid_transition: 409,
  stage_in_use: 409,
  deal_closed: 409,
  deal_not_closed: 409,
  utm_key_taken: 409,
  currency_mismatch: 409,
  occurrence_past: 409,
  occurrence_closed: 409,
  occurrence_slot_taken: 409,
  occurrence_started: 409,
  occurrence_not_started: 409,
  occurrence_cancelled: 409,
  event_not_open: 409,
  registration_deadline_passed: 409,
  event_full: 409,
  event_has_registrations: 409,
  event_not_started: 409,
  registration_not_confirmed: 409,
  requirements_missing: 409,
  signoff_missing: 409,
  project_closed: 409,
  plan_locked: 409,
  project_not_in_pilot: 409,
  pilot_exists: 409,
  pilot_not_proposed: 409,
  pilot_not_active: 409,
  agenda_item_not_found: 404,
  touch_in_future: 422,
  rotation_invalid: 422,
  rotation_cancelled: 409,
  rotation_not_started: 409,
  version_conflict: 412,
  payload_too_large: 413,
  unsupported_media_type: 415,
  precondition_required: 428,
  rate_limited: 429,
  /** Single sign-on (issue 15): the callback's refusals, and a password login an admin switched off for SSO users. */
  sso_not_configured: 404,
  sso_state_invalid: 400,
  sso_provider_error: 502,
  sso_email_unverified: 403,
  sso_domain_not_allowed: 403,
  sso_user_inactive: 403,
  sso_password_login_disabled: 403,
  merge_undone: 409,
  internal_error: 500,
  not_ready: 503,
} as const;

export type ErrorCode = keyof typeof errorCodes;

export interface FieldError {
  path: string;
  message: string;
}

/** RFC 9457 problem details as Nenner sends them. */
export interface Problem {
  type: string;
  status: number;
  code: ErrorCode;
  title: string;
  detail?: string;
  errors?: FieldError[];
  /** What a refusal still needs, e.g. the departments a project lacks (`signoff_missing`). */
  missing?: string[];
}

/** The codes the SSO callback sends back to the login page (`/login?sso_error=…`). */
export const ssoErrorCodes = [
  'sso_not_configured',
  'sso_state_invalid',
  'sso_provider_error',
  'sso_email_unverified',
  'sso_domain_not_allowed',
  'sso_user_inactive',
] as const;
export type SsoErrorCode = (typeof ssoErrorCodes)[number];
