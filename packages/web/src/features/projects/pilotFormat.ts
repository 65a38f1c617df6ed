import type { OpenPipeline, Pilot, PolicyActor, ProjectStage } from '@nenner/shared';
import { can } from '@nenner/shared';
import { formatMoney, toIntlLocale } from '../../i18n/format';

/** A mean rating with up to two decimals in the locale (de: 4,33), or null without one. */
export const formatRating = (mean: number | null, lng: string): string | null =>
  mean === null ? null : new Intl.NumberFormat(toIntlLocale(lng), { maximumFractionDigits: 2 }).format(mean);

/** An account's open pipeline, each currency in the locale's money format, whole units: „12.500 € · 3.000 CHF“. */
export const formatPipeline = (pipeline: readonly OpenPipeline[], lng: string): string =>
  pipeline.map((p) => formatMoney(p.amount, p.currency, lng, true)).join(' · ');

/** Open deals over every currency. */
export const openDealCount = (pipeline: readonly OpenPipeline[]): number => pipeline.reduce((n, p) => n + p.deals, 0);

/**
 * What the person may do with a pilot, as the server rules: decide on it (the account's owner, sales,
 * admins: confirm only while the project is in pilot, decline, end) and log feedback on a running one
 * (sales, the project's leads, admins). Nothing once the project is done or cancelled.
 */
export const pilotActions = (
  me: PolicyActor,
  pilot: Pick<Pilot, 'status' | 'account'>,
  projectLeadIds: string[],
  stage: ProjectStage,
): { confirm: boolean; decline: boolean; end: boolean; feedback: boolean } => {
  const projectOpen = stage !== 'done' && stage !== 'cancelled';
  const decide = projectOpen && can(me, 'pilots.decide', { ownerId: pilot.account.owner?.id ?? null });
  return {
    confirm: decide && pilot.status === 'proposed' && stage === 'pilot',
    decline: decide && pilot.status === 'proposed',
    end: decide && pilot.status === 'active',
    feedback: projectOpen && pilot.status === 'active' && can(me, 'pilots.feedback', { ownerIds: projectLeadIds }),
  };
};
