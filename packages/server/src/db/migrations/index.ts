import type { Migration } from 'kysely';
import type { Engine } from '../dialect.js';
import { foundation } from './0001_foundation.js';
import { leads } from './0002_leads.js';
import { deals } from './0003_deals.js';
import { quality } from './0004_quality.js';
import { dealTotals } from './0005_deal_totals.js';
import { slaReport } from './0006_sla_report.js';
import { campaigns } from './0007_campaigns.js';
import { memberTouches } from './0008_member_touches.js';
import { attribution } from './0009_attribution.js';
import { funnel } from './0010_funnel.js';
import { attributionCovering } from './0011_attribution_covering.js';
import { goals } from './0012_goals.js';
import { meetings } from './0013_meetings.js';
import { meetingMinutes } from './0014_meeting_minutes.js';
import { factsVersion } from './0015_facts_version.js';
import { accountPartners } from './0016_account_partners.js';
import { projects } from './0017_projects.js';
import { rotations } from './0018_rotations.js';
import { teamOwnership } from './0019_team_ownership.js';
import { events } from './0020_events.js';
import { webhooks } from './0021_webhooks.js';
import { tokenScopesCalendar } from './0022_token_scopes_calendar.js';
import { versionLockOrder } from './0024_version_lock_order.js';
import { imports } from './0025_imports.js';
import { gdpr } from './0026_gdpr.js';
import { robustPlans } from './0027_robust_plans.js';
import { search } from './0028_search.js';
import { twoFactorSessions } from './0029_two_factor_sessions.js';
import { sso } from './0030_sso.js';
import { attributionCredits } from './0031_attribution_credits.js';
import { notificationEntity } from './0034_notification_entity.js';
import { scoredAt } from './0035_scored_at.js';
import { dealSearch } from './0036_deal_search.js';
import { reportCells } from './0037_report_cells.js';
import { pendingConsent } from './0038_pending_consent.js';
import { searchDocKeys } from './0039_search_doc_keys.js';
import { searchWords } from './0040_search_words.js';
import { taskOrder } from './0041_task_order.js';
import { searchWordsPostgres } from './0042_search_words_postgres.js';
import { partneredAccounts } from './0043_partnered_accounts.js';
import { searchDocDates } from './0044_search_doc_dates.js';
import { attributionStaging } from './0045_attribution_staging.js';
import { dealQuarterOrder } from './0046_deal_quarter_order.js';
import { dealNameSearch } from './0047_deal_name_search.js';
import { contactStageUpdated } from './0048_contact_stage_updated.js';
import { accountOpenDeals } from './0049_account_open_deals.js';
import { dealHandoffOrder } from './0050_deal_handoff_order.js';

/**
 * A migration that rewrites every row of some tables names them in `reindex`: their indexes are rebuilt
 * once it has committed (`migrateToLatest`). Built in the migration's own transaction, an index also
 * holds the rows' old versions; on PostgreSQL a trigram index built so was 4× slower to search even
 * after VACUUM (1M contacts, `jonas.keller`: 47 ms against 10.5 ms after a REINDEX).
 */
export type NennerMigration = Migration & { reindex?: string[] };

/** One ordered migration set for both engines; names sort in the order they run. */
export const migrations = (engine: Engine): Record<string, NennerMigration> => ({
  '0001_foundation': foundation(engine),
  '0002_leads': leads(engine),
  '0003_deals': deals(engine),
  '0004_quality': quality(engine),
  '0005_deal_totals': dealTotals(engine),
  '0006_sla_report': slaReport(),
  '0007_campaigns': campaigns(engine),
  // the id is the name it ran under and stays; it records members' touched statuses and indexes sourced leads
  '0008_campaigns_more': memberTouches(),
  '0009_attribution': attribution(engine),
  '0010_funnel': funnel(engine),
  '0011_attribution_covering': attributionCovering(),
  '0012_goals': goals(engine),
  '0013_meetings': meetings(engine),
  '0014_meeting_minutes': meetingMinutes(engine),
  '0015_facts_version': factsVersion(engine),
  '0016_account_partners': accountPartners(),
  '0017_projects': projects(engine),
  '0018_rotations': rotations(engine),
  '0019_team_ownership': teamOwnership(),
  '0020_events': events(engine),
  '0021_webhooks': webhooks(engine),
  '0022_token_scopes_calendar': tokenScopesCalendar(engine),
  '0024_version_lock_order': versionLockOrder(engine),
  '0025_imports': imports(engine),
  '0026_gdpr': gdpr(engine),
  '0027_robust_plans': robustPlans(),
  '0028_search': search(engine),
  '0029_two_factor_sessions': twoFactorSessions(engine),
  '0030_sso': sso(engine),
  '0031_attribution_credits': attributionCredits(engine),
  '0034_notification_entity': notificationEntity(),
  '0035_scored_at': scoredAt(engine),
  '0036_deal_search': dealSearch(engine),
  '0037_report_cells': reportCells(),
  '0038_pending_consent': pendingConsent(),
  '0039_search_doc_keys': searchDocKeys(engine),
  '0040_search_words': searchWords(engine),
  '0041_task_order': taskOrder(),
  '0042_search_words_postgres': searchWordsPostgres(engine),
  '0043_partnered_accounts': partneredAccounts(),
  '0044_search_doc_dates': searchDocDates(engine),
  '0045_attribution_staging': attributionStaging(engine),
  '0046_deal_quarter_order': dealQuarterOrder(),
  '0047_deal_name_search': dealNameSearch(engine),
  '0048_contact_stage_updated': contactStageUpdated(),
  '0049_account_open_deals': accountOpenDeals(engine),
  '0050_deal_handoff_order': dealHandoffOrder(),
});
