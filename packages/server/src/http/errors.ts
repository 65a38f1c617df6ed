import { type ErrorCode, errorCodes, type FieldError, type Problem } from '@nenner/shared';

const titles: Record<ErrorCode, string> = {
  validation_failed: 'The request is not valid',
  malformed_json: 'The request body is not valid JSON',
  invalid_cursor: 'The cursor is not valid',
  unauthenticated: 'Please log in',
  invalid_credentials: 'Email or password is wrong',
  weak_password: 'This password is too easy to guess',
  forbidden: 'Your role does not allow this',
  cross_site_request: 'Cross-site request refused',
  insufficient_scope: 'The API token’s scopes do not allow this request',
  two_factor_enrollment_required: 'Set up two-factor authentication first: the workspace requires it',
  two_factor_challenge_expired: 'The login step has expired; enter your password again',
  invalid_two_factor_code: 'The code is not valid',
  two_factor_already_enabled: 'Two-factor authentication is on already',
  two_factor_not_enabled: 'Two-factor authentication is not on (or not being set up)',
  two_factor_required_by_policy: 'The workspace requires two-factor authentication; it cannot be turned off',
  session_not_found: 'Session not found',
  device_not_found: 'Remembered device not found',
  route_not_found: 'No such endpoint',
  user_not_found: 'User not found',
  account_not_found: 'Account not found',
  contact_not_found: 'Contact not found',
  merge_not_found: 'Merge not found',
  token_not_found: 'Token not found',
  calendar_feed_not_found: 'No such calendar feed',
  entry_not_found: 'Timeline entry not found',
  form_not_found: 'Form not found',
  team_not_found: 'Team not found',
  handoff_not_found: 'Handoff not found',
  proposal_not_found: 'No such pending proposal',
  notification_not_found: 'Notification not found',
  link_not_found: 'This link is not valid (any more)',
  activity_not_found: 'Activity not found',
  task_not_found: 'Task not found',
  competitor_not_found: 'Competitor not found',
  deal_not_found: 'Deal not found',
  pipeline_not_found: 'Pipeline not found',
  campaign_not_found: 'Campaign not found',
  member_not_found: 'Campaign member not found',
  cost_not_found: 'Cost line not found',
  dashboard_not_found: 'Dashboard not found',
  goal_not_found: 'Goal not found',
  meeting_not_found: 'Meeting series not found',
  occurrence_not_found: 'This series has no such occurrence',
  rotation_not_found: 'Rotation not found',
  event_not_found: 'Event not found',
  registration_not_found: 'This event has no such registration',
  project_not_found: 'Project not found',
  requirement_not_found: 'This project has no such requirement',
  pilot_not_found: 'This project has no such pilot',
  import_not_found: 'No such import',
  import_state: 'The import is not in a state that allows this',
  webhook_not_found: 'Webhook subscription not found',
  delivery_not_found: 'This subscription has no such delivery',
  url_not_allowed: 'This URL may not be called by webhooks',
  email_taken: 'A user with this email exists already',
  not_in_trash: 'The record is not in the trash',
  contact_erased: "The person's data was erased",
  email_suppressed: 'The email was erased and is suppressed; it needs fresh consent',
  last_admin: 'The workspace needs at least one active admin',
  slug_taken: 'Another form uses this address already',
  invalid_transition: 'The record is not in a state that allows this step',
  stage_in_use: 'Deals are in this stage; move them first',
  deal_closed: 'The deal is closed; reopen it first',
  deal_not_closed: 'The deal is open',
  utm_key_taken: 'This UTM key belongs to another campaign',
  currency_mismatch: 'The currency differs from the campaign currency',
  occurrence_past: 'This occurrence has begun already; it can no longer be moved or cancelled',
  occurrence_closed: 'This occurrence is closed and can no longer be changed',
  occurrence_slot_taken: 'Another occurrence of the series takes this time',
  occurrence_started: 'This meeting has started; its agenda is frozen',
  occurrence_not_started: 'This meeting has not started yet',
  occurrence_cancelled: 'This occurrence is cancelled',
  event_not_open: 'This event takes no registrations (it is not open)',
  registration_deadline_passed: 'The registration deadline for this event has passed',
  event_full: 'This event is fully booked',
  event_has_registrations: 'People registered for this event: cancel it instead of deleting it',
  event_not_started: 'This event has not started yet',
  registration_not_confirmed: 'Only a confirmed place can be checked in',
  requirements_missing: 'Both departments write at least one requirement before the plan moves on',
  signoff_missing: 'The plan needs a sign-off from marketing and from sales before it moves on',
  project_closed: 'The project is done or cancelled and can no longer be changed',
  plan_locked: 'The plan was agreed and the project has moved on; requirements and sign-offs stay as they were',
  project_not_in_pilot: 'Pilot customers are nominated while the project is in its pilot stage',
  pilot_exists: 'This account is a pilot of the project already',
  pilot_not_proposed: 'Only a proposed pilot is confirmed or declined',
  pilot_not_active: 'Only an active pilot takes this',
  agenda_item_not_found: 'This agenda has no such item',
  touch_in_future: 'A touchpoint cannot lie in the future',
  rotation_invalid: 'The rotation does not fit its rules',
  rotation_cancelled: 'The rotation is cancelled and can no longer be changed',
  rotation_not_started: 'The rotation has not started yet',
  version_conflict: 'The record was changed by someone else',
  payload_too_large: 'The request body is too large',
  unsupported_media_type: 'Send JSON (Content-Type: application/json)',
  precondition_required: 'Send If-Match with the version you edited',
  rate_limited: 'Too many attempts, try again later',
  sso_not_configured: 'Single sign-on is not set up',
  sso_state_invalid: 'The sign-in could not be matched to its start; please start again',
  sso_provider_error: 'The identity provider refused or failed the sign-in',
  sso_email_unverified: 'The identity provider has not verified this email address',
  sso_domain_not_allowed: 'Users of this email domain may not sign in here',
  sso_user_inactive: 'This user is deactivated',
  sso_password_login_disabled: 'Please sign in with single sign-on',
  merge_undone: 'The merge was undone already',
  internal_error: 'Something went wrong on our side',
  not_ready: 'Not ready: the database is unreachable or not at the expected migration',
};

/** The one error type services throw; the central handler turns it into problem+json. */
export class AppError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly errors?: FieldError[];
  readonly headers?: Record<string, string>;
  readonly missing?: string[];

  constructor(
    code: ErrorCode,
    detail?: string,
    options: { errors?: FieldError[]; headers?: Record<string, string>; missing?: string[] } = {},
  ) {
    super(detail ?? titles[code]);
    this.code = code;
    this.status = errorCodes[code];
    this.errors = options.errors;
    this.headers = options.headers;
    this.missing = options.missing;
  }

  toProblem(): Problem {
    return {
      type: `https://nenner.dev/problems/${this.code}`,
      status: this.status,
      code: this.code,
      title: titles[this.code],
      ...(this.message !== titles[this.code] ? { detail: this.message } : {}),
      ...(this.errors ? { errors: this.errors } : {}),
      ...(this.missing ? { missing: this.missing } : {}),
    };
  }
}

export const fieldError = (path: string, message: string) =>
  new AppError('validation_failed', undefined, { errors: [{ path, message }] });
