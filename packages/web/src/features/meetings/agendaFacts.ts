import type { AgendaItem, MetricUnit } from '@nenner/shared';
import type { TFunction } from 'i18next';
import { formatDateTime, formatDay, formatMoney, formatNumber } from '../../i18n/format';
import { formatGoalValue } from '../goals/goalFormat';

/** What the words of an agenda item need besides the item: the language, the zone, and the reason labels. */
export interface FactContext {
  t: TFunction;
  lng: string;
  timeZone: string;
  /** A lead's reject reason key in the user's words. */
  rejectReason: (key: string) => string;
  /** A deal's close reason key in the user's words. */
  closeReason: (key: string, outcome: 'won' | 'lost') => string;
}

/** One fact beside an item's title; `tone` marks what deserves attention. */
export interface Fact {
  key: string;
  text: string;
  tone?: 'bad' | 'good';
}

const percent = (n: number, lng: string) => `${formatNumber(n, lng)} %`;
const signed = (n: number, lng: string) =>
  new Intl.NumberFormat(lng.startsWith('de') ? 'de-DE' : 'en-GB', {
    maximumFractionDigits: 1,
    signDisplay: 'exceptZero',
  }).format(n);
const isDay = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/**
 * The item's title in the user's words: generated items whose title is a key or a fixed pair of
 * languages (a reject reason, the acceptance rate, the index) are named here; the rest keep theirs.
 */
export const itemTitle = (item: AgendaItem, c: FactContext): string => {
  const d = item.details ?? {};
  switch (item.kind) {
    case 'rejected_by_reason':
      return c.t('meetings.kind.rejected_by_reason', {
        reason: d.reason ? c.rejectReason(d.reason) : c.t('meetings.noReason'),
      });
    case 'rejected_by_campaign':
      return c.t('meetings.kind.rejected_by_campaign', { campaign: d.campaign ?? c.t('meetings.noCampaign') });
    case 'acceptance_rate':
    case 'alignment_index':
      return c.t(`meetings.kind.${item.kind}`);
    default:
      return item.title;
  }
};

/** The facts of an item as of the agenda's generation, in the user's words and number formats. */
export const itemFacts = (item: AgendaItem, c: FactContext): Fact[] => {
  const { t, lng } = c;
  const f = item.figures ?? {};
  const d = item.details ?? {};
  const out: Fact[] = [];
  const add = (key: string, text: string, tone?: Fact['tone']) => out.push({ key, text, ...(tone && { tone }) });
  const money = (minor: number) => formatMoney(minor, d.currency ?? 'EUR', lng, true);
  const when = (s: string) => (isDay(s) ? formatDay(s, lng) : formatDateTime(s, lng, c.timeZone));
  switch (item.kind) {
    case 'goal': {
      const unit = (d.unit ?? 'count') as MetricUnit;
      const value = (n: number) => formatGoalValue(n, unit, d.currency ?? null, lng, true);
      if (d.status) add('status', t(`goals.status.${d.status}`), d.status === 'off_track' ? 'bad' : undefined);
      if (f.actual !== undefined && f.target !== undefined)
        add('actual', t('meetings.fact.actualOfTarget', { actual: value(f.actual), target: value(f.target) }));
      else if (f.target !== undefined) add('target', t('meetings.fact.target', { value: value(f.target) }));
      if (f.forecast !== undefined) add('forecast', t('meetings.fact.forecast', { value: value(f.forecast) }));
      break;
    }
    case 'sla_breach':
      if (d.assignee) add('assignee', t('meetings.fact.assignee', { name: d.assignee }));
      if (d.slaDueAt) add('slaDueAt', t('meetings.fact.slaDueAt', { date: when(d.slaDueAt) }), 'bad');
      break;
    case 'rejected_by_reason':
    case 'rejected_by_campaign':
      if (f.count !== undefined) add('count', t('meetings.fact.leads', { count: f.count }));
      break;
    case 'recycled_lead':
      if (d.reason) add('reason', t('meetings.fact.reason', { reason: c.rejectReason(d.reason) }));
      if (d.note) add('note', d.note);
      break;
    case 'acceptance_rate':
      if (f.acceptanceRate !== undefined)
        add(
          'rate',
          t('meetings.fact.acceptance', {
            rate: percent(f.acceptanceRate, lng),
            minimum: percent(f.minAcceptanceRate ?? 0, lng),
          }),
          d.meetsCommitment === 'false' ? 'bad' : d.meetsCommitment === 'true' ? 'good' : undefined,
        );
      else add('rate', t('meetings.fact.noAcceptance'));
      add('counts', t('meetings.fact.acceptedRejected', { accepted: f.accepted ?? 0, rejected: f.rejected ?? 0 }));
      break;
    case 'stale_deal':
      if (f.amount !== undefined) add('amount', money(f.amount));
      if (f.daysInStage !== undefined)
        add(
          'days',
          t('meetings.fact.daysInStage', {
            count: f.daysInStage,
            stage: (lng.startsWith('de') ? d.stage : d.stageEn) ?? '–',
          }),
          'bad',
        );
      if (d.owner) add('owner', t('meetings.fact.owner', { name: d.owner }));
      break;
    case 'deal_won':
    case 'deal_lost': {
      const outcome = item.kind === 'deal_won' ? 'won' : 'lost';
      add('outcome', t(`meetings.fact.${outcome}`), outcome === 'won' ? 'good' : 'bad');
      if (f.amount !== undefined) add('amount', money(f.amount));
      if (d.reason) add('reason', t('meetings.fact.reason', { reason: c.closeReason(d.reason, outcome) }));
      if (d.lostTo) add('lostTo', t('meetings.fact.lostTo', { name: d.lostTo }));
      else if (d.competitors) add('competitors', t('meetings.fact.competitors', { names: d.competitors }));
      break;
    }
    case 'close_date_moved':
      if (f.amount !== undefined) add('amount', money(f.amount));
      if (d.from && d.to)
        add('moved', t('meetings.fact.closeDateMoved', { from: when(d.from), to: when(d.to) }), 'bad');
      break;
    case 'campaign_starting':
    case 'campaign_ending':
      add(
        'when',
        t(`meetings.fact.${item.kind}`, {
          date: when((item.kind === 'campaign_starting' ? d.startDate : d.endDate) ?? ''),
        }),
      );
      if (d.channel) add('channel', t(`campaigns.channelName.${d.channel}`, { defaultValue: d.channel }));
      if (f.budget !== undefined && f.budget !== null)
        add('budget', t('meetings.fact.budget', { amount: money(f.budget) }));
      break;
    case 'action_item':
      if (d.owner) add('owner', t('meetings.fact.owner', { name: d.owner }));
      if (d.dueAt) add('due', t('meetings.dueAt', { date: when(d.dueAt) }), d.overdue === 'true' ? 'bad' : undefined);
      if (f.daysOverdue !== undefined) add('overdue', t('meetings.fact.daysOverdue', { count: f.daysOverdue }), 'bad');
      break;
    case 'alignment_index':
      if (f.index !== undefined) add('index', t('meetings.fact.index', { value: formatNumber(f.index, lng) }));
      else add('index', t('alignment.notMeasurable'));
      if (f.change !== undefined)
        add(
          'change',
          t('meetings.fact.indexChange', { value: signed(f.change, lng) }),
          f.change < 0 ? 'bad' : f.change > 0 ? 'good' : undefined,
        );
      if (d.movedMost && f.partChange !== undefined)
        add(
          'part',
          t('meetings.fact.movedMost', {
            part: t(`alignment.parts.${d.movedMost}`, { defaultValue: d.movedMost }),
            value: signed(f.partChange, lng),
          }),
        );
      break;
    default:
      for (const [key, value] of Object.entries(f)) add(key, `${key}: ${formatNumber(value, lng)}`);
  }
  return out;
};

/**
 * The records of an item as links with names where the item has them: a group of rejected leads names
 * its leads (in the order of its lead refs), so each lead links by name; the contact beside a lead is
 * reached through the lead and is not listed again, nor the task that an action item is.
 */
export const namedRefs = (item: AgendaItem): { type: string; id: string; name: string | null }[] => {
  const leads = item.refs.filter((r) => r.type === 'handoff');
  const names = item.details?.leads ? item.details.leads.split(', ') : [];
  // the task of an action item is the item itself
  const refs = item.refs.filter((r) => r.type !== 'task' && !(leads.length > 0 && r.type === 'contact'));
  let lead = 0;
  return refs.map((r) => {
    const name = r.type === 'handoff' && names.length === leads.length ? (names[lead] ?? null) : null;
    if (r.type === 'handoff') lead += 1;
    return { ...r, name };
  });
};
