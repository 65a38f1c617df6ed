import type {
  ContributionFigure,
  ContributionLink,
  ContributionMoney,
  ContributionQuery,
  ContributionRecords,
  ContributionRecordsQuery,
  ContributionResult,
  DepartmentContribution,
  DepartmentMoney,
  MoneyFigure,
  SourceDepartment,
} from '@nenner/shared';
import type { AppContext } from '../../context.js';
import { nowIso } from '../../lib/ids.js';
import { slaReport } from '../reports/reports.service.js';
import {
  countClosedDeals,
  type DealFigure,
  type DealSumRow,
  findDealRecords,
  findHandoffRecords,
  type HandoffFigure,
  sumCreatedDeals,
  sumWonDeals,
} from './analytics.repository.js';
import { MAIN_CURRENCY, workspacePeriod } from './analytics.service.js';

/** The SLA report's limit: the scorecard reuses its figures. */
const MAX_DAYS = 400;

const daysInMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/**
 * Months of a period of local dates (inclusive), a partial month counting the share of its days: the
 * MQL commitment is per month. 1 Jan – 31 Mar is 3; 1 – 15 Apr is 0.5.
 */
export const monthsOfPeriod = (from: string, to: string): number => {
  let months = 0;
  let y = Number(from.slice(0, 4));
  let m = Number(from.slice(5, 7));
  for (;;) {
    const label = `${y}-${String(m).padStart(2, '0')}`;
    const days = daysInMonth(y, m);
    const first = label === from.slice(0, 7) ? Number(from.slice(8, 10)) : 1;
    const last = label === to.slice(0, 7) ? Number(to.slice(8, 10)) : days;
    months += (last - first + 1) / days;
    if (label >= to.slice(0, 7)) return Math.round(months * 100) / 100;
    m += 1;
    if (m > 12) {
      m = 1;
      y += 1;
    }
  }
};

/**
 * The scorecard: the same figures for marketing- and sales-sourced deals side by side, the pipeline and
 * revenue campaigns touched before a deal existed, and both sides of the SLA. No figure ranks people.
 */
export const contribution = async (ctx: AppContext, query: ContributionQuery): Promise<ContributionResult> => {
  const { from, to, mqlCommitmentPerMonth } = await workspacePeriod(ctx, query.from, query.to, MAX_DAYS);
  const currency = query.currency ?? MAIN_CURRENCY;
  const [created, won, closed, sla] = await Promise.all([
    sumCreatedDeals(ctx.db, from, to),
    sumWonDeals(ctx.db, from, to),
    countClosedDeals(ctx.db, from, to),
    slaReport(ctx, { from: query.from, to: query.to }),
  ]);
  const link = (figure: ContributionFigure, extra: Partial<ContributionLink> = {}): ContributionLink => ({
    figure,
    from: query.from,
    to: query.to,
    ...extra,
  });
  const moneyIn = (
    code: string,
    rows: DealSumRow[],
    figure: ContributionFigure,
    influencedOnly: boolean,
    department?: SourceDepartment,
  ): MoneyFigure => {
    let amount = 0;
    let deals = 0;
    for (const r of rows) {
      if (r.currency !== code || (department && r.source !== department)) continue;
      amount += Number((influencedOnly ? r.influenced_amount : r.amount) ?? 0);
      deals += Number((influencedOnly ? r.influenced_deals : r.deals) ?? 0);
    }
    return { amount, deals, link: link(figure, { ...(department && { department }), currency: code }) };
  };
  const money = (
    rows: DealSumRow[],
    figure: ContributionFigure,
    influencedOnly: boolean,
    department?: SourceDepartment,
  ) => moneyIn(currency, rows, figure, influencedOnly, department);
  const moneyOf = (code: string, department: SourceDepartment): DepartmentMoney => {
    const sourcedRevenue = moneyIn(code, won, 'sourced_revenue', false, department);
    return {
      sourcedPipeline: moneyIn(code, created, 'sourced_pipeline', false, department),
      sourcedRevenue,
      influencedPipeline: moneyIn(code, created, 'influenced_pipeline', true, department),
      influencedRevenue: moneyIn(code, won, 'influenced_revenue', true, department),
      averageDealSize: sourcedRevenue.deals === 0 ? null : Math.round(sourcedRevenue.amount / sourcedRevenue.deals),
    };
  };
  // every currency of the period's deals gets its own totals: a figure never leaves deals out
  const found = new Set([...created, ...won].map((r) => r.currency));
  const currencies = [currency, ...[...found].filter((c) => c !== currency).sort()];
  const byCurrency: ContributionMoney[] = currencies.map((code) => ({
    currency: code,
    departments: { marketing: moneyOf(code, 'marketing'), sales: moneyOf(code, 'sales') },
    influenced: {
      pipeline: moneyIn(code, created, 'influenced_pipeline', true),
      revenue: moneyIn(code, won, 'influenced_revenue', true),
    },
  }));
  const closedCount = (department: SourceDepartment, status: 'won' | 'lost') =>
    closed.filter((r) => r.source === department && r.status === status).reduce((n, r) => n + Number(r.n), 0);
  const side = (department: SourceDepartment): DepartmentContribution => {
    const wonCount = closedCount(department, 'won');
    const closedTotal = wonCount + closedCount(department, 'lost');
    const sourcedRevenue = money(won, 'sourced_revenue', false, department);
    return {
      department,
      sourcedPipeline: money(created, 'sourced_pipeline', false, department),
      sourcedRevenue,
      influencedPipeline: money(created, 'influenced_pipeline', true, department),
      influencedRevenue: money(won, 'influenced_revenue', true, department),
      won: { count: wonCount, link: link('won', { department }) },
      closed: { count: closedTotal, link: link('closed', { department }) },
      winRate: closedTotal === 0 ? null : wonCount / closedTotal,
      averageDealSize: sourcedRevenue.deals === 0 ? null : Math.round(sourcedRevenue.amount / sourcedRevenue.deals),
    };
  };
  const t = sla.totals;
  const months = monthsOfPeriod(query.from, query.to);
  return {
    from: query.from,
    to: query.to,
    currency,
    currencies: currencies.filter((c) => found.has(c)),
    byCurrency,
    departments: { marketing: side('marketing'), sales: side('sales') },
    influenced: {
      pipeline: money(created, 'influenced_pipeline', true),
      revenue: money(won, 'influenced_revenue', true),
    },
    sla: {
      mqls: {
        count: t.handoffs,
        link: link('mqls'),
        committed: Math.round(mqlCommitmentPerMonth * months),
        months,
      },
      withinSla: { count: t.withinSla, link: link('within_sla') },
      outsideSla: { count: t.judged - t.withinSla, link: link('outside_sla') },
      withinSlaRate: t.withinSlaRate,
      accepted: { count: t.accepted, link: link('accepted') },
      rejected: { count: t.rejected, link: link('rejected') },
      acceptanceRate: t.acceptanceRate,
      medianResponseHours: t.medianResponseHours,
    },
  };
};

const dealFigures: Partial<Record<ContributionFigure, { figure: DealFigure; influencedOnly: boolean }>> = {
  sourced_pipeline: { figure: 'created', influencedOnly: false },
  sourced_revenue: { figure: 'won', influencedOnly: false },
  influenced_pipeline: { figure: 'created', influencedOnly: true },
  influenced_revenue: { figure: 'won', influencedOnly: true },
  won: { figure: 'won', influencedOnly: false },
  closed: { figure: 'closed', influencedOnly: false },
};

/** The deals or handoffs behind one scorecard figure, newest first, capped, with the total. */
export const contributionRecords = async (
  ctx: AppContext,
  query: ContributionRecordsQuery,
): Promise<ContributionRecords> => {
  const { from, to } = await workspacePeriod(ctx, query.from, query.to, MAX_DAYS);
  const deal = dealFigures[query.figure];
  if (deal) {
    const { rows, total } = await findDealRecords(
      ctx.db,
      {
        ...deal,
        from,
        to,
        ...(query.department && { source: query.department }),
        ...(query.currency && { currency: query.currency }),
      },
      query.limit,
    );
    return {
      figure: query.figure,
      total,
      records: rows.map((r) => ({
        id: r.id,
        kind: 'deal',
        name: r.name,
        contactId: null,
        amount: Number(r.amount),
        currency: r.currency,
        date: new Date(r.date).toISOString(),
        owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '', department: r.owner_department ?? '' } : null,
        source: r.source,
      })),
    };
  }
  const { rows, total } = await findHandoffRecords(
    ctx.db,
    query.figure as HandoffFigure,
    from,
    to,
    nowIso(),
    query.limit,
  );
  return {
    figure: query.figure,
    total,
    records: rows.map((r) => ({
      id: r.id,
      kind: 'handoff',
      name: `${r.first_name} ${r.last_name}`.trim(),
      contactId: r.contact_id,
      amount: null,
      currency: null,
      date: new Date(r.date).toISOString(),
      owner: r.owner_id ? { id: r.owner_id, name: r.owner_name ?? '', department: r.owner_department ?? '' } : null,
      source: r.source,
    })),
  };
};
