import type {
  Board,
  Contact,
  ContributionResult,
  Forecast,
  FunnelResult,
  Handoff,
  PipelineBySourceResult,
  ScoreBreakdown,
} from '@nenner/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { answer, closeDeal, createDeal, ok, postGoal, progressOf, setStage } from './goal-helpers.js';
import type { Session, TestApp } from './harness.js';
import { startTestApp } from './harness.js';
import { timelineOf } from './lead-helpers.js';

/*
 * One small workspace, every screen that shows a shared figure asked through its own endpoint, the
 * figures compared. Now is Wed 10 June 2026, 10:00 in Berlin; the period is the second quarter.
 *
 *   contact  job title        lead           MQL      handoff
 *   A        Leiter Einkauf   now            now      HA   (scored at creation: fit 20, the card/breakdown case)
 *   B        –                now            now      HB   (answered: accepted)
 *   C        –                now            now      HC
 *   D        –                1 Dec 2025     now      HD   (an older lead that became MQL now)
 *   E        –                now            –        –
 *
 * Three counts, three names (packages/shared/src/reports/figures.ts):
 *   cohortMqls (funnel, dashboard funnel widget)             A B C      = 3 of 4 leads (D is last year's lead)
 *   mqlsReached (goal metric "mqls")                         A B C D    = 4
 *   handoffsDelivered (contribution, SLA report, Mein Tag)   HA–HD      = 4
 *
 * Deals created now (minor units), no conversion anywhere:
 *   marketing  EUR 1,000.00 won · CHF 2,500.00 won · CHF 100.00 open
 *   sales      EUR   300.00 open · CHF 400.00 open
 */

let t: TestApp;
let marketer: Session;
let seller: Session;
const contact: Record<string, Contact> = {};
const PERIOD = 'from=2026-04-01&to=2026-06-30';

const handoffOf = async (contactId: string): Promise<Handoff> => {
  const list = ok(await t.get<{ items: Handoff[] }>(`/api/handoffs?contactId=${contactId}`, seller));
  expect(list.items).toHaveLength(1);
  return list.items[0] as Handoff;
};

beforeAll(async () => {
  t = await startTestApp();
  t.clock.travelTo('2026-06-10T08:00:00.000Z');
  marketer = await t.session('marketing', 'member', 'Mara Marketing');
  seller = await t.session('sales', 'member', 'Sven Vertrieb');
  const account = await t.createAccount(seller, { name: 'Stahlbau Rhein AG' });
  for (const [key, jobTitle] of [
    ['A', 'Leiter Einkauf'],
    ['B', null],
    ['C', null],
    ['D', null],
    ['E', null],
  ] as const) {
    contact[key] = await t.createContact(marketer, {
      lastName: `Kontakt ${key}`,
      accountId: account.id,
      lifecycleStage: 'lead',
      ...(jobTitle && { jobTitle }),
    });
    t.clock.advance(1_000);
  }
  for (const key of ['A', 'B', 'C', 'D']) {
    await setStage(t, marketer, (contact[key] as Contact).id, 'mql');
    t.clock.advance(1_000);
  }
  // D became a lead last December: outside the quarter's cohort, but an MQL of this quarter
  await t.ctx.db
    .updateTable('contacts')
    .set({ lead_at: '2025-12-01T09:00:00.000Z' })
    .where('id', '=', (contact.D as Contact).id)
    .execute();
  await answer(t, seller, (await handoffOf((contact.B as Contact).id)).id, 'accept');

  const deal = (name: string, source: 'marketing' | 'sales', amount: number, currency: string) =>
    createDeal(t, seller, { name, accountId: account.id, amount, currency, source, closeDate: '2026-06-26' });
  await closeDeal(t, seller, await deal('M-EUR', 'marketing', 100_000, 'EUR'), 'won');
  await closeDeal(t, seller, await deal('M-CHF', 'marketing', 250_000, 'CHF'), 'won');
  await deal('M-CHF-open', 'marketing', 10_000, 'CHF');
  await deal('S-EUR', 'sales', 30_000, 'EUR');
  await deal('S-CHF', 'sales', 40_000, 'CHF');
});

afterAll(() => t?.close());

describe('MQL figures: the same thing gives the same number, different things carry different names', () => {
  it('handoffs to sales: the contribution report, the SLA report and the handoff list agree', async () => {
    const contribution = ok(await t.get<ContributionResult>(`/api/reports/contribution?${PERIOD}`, marketer));
    const sla = ok(await t.get<{ totals: { handoffs: number } }>(`/api/reports/sla?${PERIOD}`, marketer));
    const list = ok(await t.get<{ items: Handoff[] }>('/api/handoffs?limit=100', seller));
    expect([contribution.sla.mqls.count, sla.totals.handoffs, list.items.length]).toEqual([4, 4, 4]);
  });

  it("the funnel's cohort: the report, its groups and the dashboard widget's request agree", async () => {
    const report = ok(await t.get<FunnelResult>(`/api/reports/funnel?${PERIOD}&by=none`, marketer));
    const bySource = ok(await t.get<FunnelResult>(`/api/reports/funnel?${PERIOD}&by=source`, marketer));
    const grouped = bySource.groups.reduce((n, g) => n + g.counts.mql, 0);
    expect([report.total.counts.lead, report.total.counts.mql]).toEqual([4, 3]);
    expect([bySource.total.counts.mql, grouped]).toEqual([3, 3]);
  });

  it('new MQLs in the period: the goal metric counts D as well, under its own name', async () => {
    const goal = ok(
      await postGoal(t, marketer, {
        name: 'MQLs im Quartal',
        metric: 'mqls',
        period: { type: 'quarter', start: '2026-04-01' },
        target: 10,
        ownerIds: [marketer.user.id, seller.user.id],
      }),
      201,
    );
    expect((await progressOf(t, marketer, goal.id)).actual).toBe(4);
    const metrics = ok(await t.get<{ key: string; name: { de: string } }[]>('/api/goals/metrics', marketer));
    const names = {
      mqls: metrics.find((m) => m.key === 'mqls')?.name.de,
    };
    // never the funnel's or the handoff figure's name
    expect(names.mqls).toBe('Neue MQLs im Zeitraum');
  });
});

describe('the lead score: one figure on the card, the list, the detail and the breakdown', () => {
  it("the stored score is the breakdown's sum everywhere, and reading the breakdown writes nothing", async () => {
    const a = contact.A as Contact;
    // created with the title "Leiter Einkauf": scored at once, fit 20 (below the default threshold of 50)
    expect((await handoffOf(a.id)).contact.score).toBe(20);
    const breakdown = ok(
      await t.unchanged(() => t.get<z.infer<typeof ScoreBreakdown>>(`/api/contacts/${a.id}/score`, seller)),
    );
    expect(breakdown).toMatchObject({ score: 20, state: 'current' });
    expect(breakdown.lines.reduce((n, l) => n + Number(l.points), 0)).toBe(20);
    const h = await handoffOf(a.id);
    const detail = ok(await t.get<Handoff>(`/api/handoffs/${h.id}`, seller));
    const card = ok(await t.get<Contact>(`/api/contacts/${a.id}`, seller));
    const contacts = ok(await t.get<{ items: Contact[] }>('/api/contacts?limit=100', seller));
    expect([
      h.contact.score,
      detail.contact.score,
      card.score,
      contacts.items.find((c) => c.id === a.id)?.score,
    ]).toEqual([20, 20, 20, 20]);
  });
});

describe('SLA due time: one instant on the card, the detail and the timeline', () => {
  it('every handoff shows the same due instant on each screen', async () => {
    for (const key of ['A', 'B', 'C', 'D']) {
      const id = (contact[key] as Contact).id;
      const h = await handoffOf(id);
      const detail = ok(await t.get<Handoff>(`/api/handoffs/${h.id}`, seller));
      const opened = (await timelineOf(t, seller, id)).find(
        (e) => e.kind === 'handoff' && e.action === 'opened' && e.data?.handoffId === h.id,
      );
      expect([detail.slaDueAt, opened?.data?.slaDueAt]).toEqual([h.slaDueAt, h.slaDueAt]);
    }
  });
});

describe('money in every currency: one total per currency, side by side', () => {
  it('the contribution report totals EUR and CHF each, leaving no deal out', async () => {
    const r = ok(await t.get<ContributionResult>(`/api/reports/contribution?${PERIOD}`, marketer));
    expect(r.currencies).toEqual(['EUR', 'CHF']);
    const totals = r.byCurrency.map((c) => ({
      currency: c.currency,
      marketing: [c.departments.marketing.sourcedPipeline.amount, c.departments.marketing.sourcedRevenue.amount],
      sales: [c.departments.sales.sourcedPipeline.amount, c.departments.sales.sourcedRevenue.amount],
      deals: c.departments.marketing.sourcedPipeline.deals + c.departments.sales.sourcedPipeline.deals,
      average: c.departments.marketing.averageDealSize,
    }));
    expect(totals).toEqual([
      { currency: 'EUR', marketing: [100_000, 100_000], sales: [30_000, 0], deals: 2, average: 100_000 },
      { currency: 'CHF', marketing: [260_000, 250_000], sales: [40_000, 0], deals: 3, average: 250_000 },
    ]);
    // every deal of the period is in exactly one currency's total
    const all = await t.ctx.db.selectFrom('deals').select(sql<number>`count(*)`.as('n')).executeTakeFirstOrThrow();
    expect(totals.reduce((n, c) => n + c.deals, 0)).toBe(Number(all.n));
    // the main currency's figures are the same as before, in the same place
    expect(r.departments.marketing.sourcedPipeline.amount).toBe(100_000);
  });

  it('the pipeline series shows its currency by month and every other currency beside it', async () => {
    const r = ok(await t.get<PipelineBySourceResult>(`/api/reports/pipeline-by-source?${PERIOD}`, marketer));
    const sum = (k: 'pipeline' | 'revenue', side: 'marketing' | 'sales') =>
      r.months.reduce((n, m) => n + m[k][side], 0);
    expect([r.currency, sum('pipeline', 'marketing'), sum('pipeline', 'sales'), sum('revenue', 'marketing')]).toEqual([
      'EUR',
      100_000,
      30_000,
      100_000,
    ]);
    expect(r.otherCurrencies).toEqual([
      {
        currency: 'CHF',
        pipeline: { marketing: 260_000, sales: 40_000 },
        revenue: { marketing: 250_000, sales: 0 },
        created: { marketing: 2, sales: 1 },
        won: { marketing: 1, sales: 0 },
      },
    ]);
  });

  it('the board and the forecast give the same per-currency totals', async () => {
    const board = ok(await t.get<Board>('/api/deals/board', seller));
    const open = new Map<string, number>();
    for (const col of board.columns) {
      if (col.stage.kind !== 'open') continue;
      for (const x of col.totals) open.set(x.currency, (open.get(x.currency) ?? 0) + x.amount);
    }
    expect(Object.fromEntries(open)).toEqual({ CHF: 50_000, EUR: 30_000 });
    const forecast = ok(await t.get<Forecast>('/api/reports/forecast?quarter=2026-Q2', seller));
    const byCurrency = Object.fromEntries(forecast.totals.map((x) => [x.currency, [x.won, x.pipeline]]));
    expect(byCurrency).toEqual({ CHF: [250_000, 50_000], EUR: [100_000, 30_000] });
  });
});
