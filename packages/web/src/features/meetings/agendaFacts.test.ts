import type { AgendaItem } from '@nenner/shared';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from '../../i18n/resources';
import { type FactContext, itemFacts, itemTitle, namedRefs } from './agendaFacts';

// Intl separates a number from its unit with a (narrow) no-break space; compare with plain spaces.
const norm = (s: string) => s.replace(/[\u202f\u00a0]/g, ' ');

const contextIn = async (lng: 'de' | 'en'): Promise<FactContext> => {
  const i = i18next.createInstance();
  await i.init({ resources, lng, interpolation: { escapeValue: false } });
  return {
    t: i.t,
    lng,
    timeZone: 'Europe/Berlin',
    rejectReason: (key) => ({ no_budget: lng === 'de' ? 'Kein Budget' : 'No budget' })[key] ?? key,
    closeReason: (key) => ({ price: lng === 'de' ? 'Preis' : 'Price' })[key] ?? key,
  };
};

const item = (over: Partial<AgendaItem>): AgendaItem => ({
  id: 'x',
  section: 'handoffs',
  kind: 'x',
  title: 'Titel',
  refs: [],
  position: 0,
  ...over,
});

const lead1 = '11111111-1111-4111-8111-111111111111';
const lead2 = '22222222-2222-4222-8222-222222222222';
const contact1 = '33333333-3333-4333-8333-333333333333';
const contact2 = '44444444-4444-4444-8444-444444444444';

describe('agenda items in words', () => {
  it.each<[string, Partial<AgendaItem>, 'de' | 'en', string, string[]]>([
    [
      'rejected leads by reason',
      { kind: 'rejected_by_reason', title: 'no_budget', figures: { count: 2 }, details: { reason: 'no_budget' } },
      'de',
      'Zurückgegeben: Kein Budget',
      ['2 Leads'],
    ],
    [
      'one rejected lead by campaign, none named',
      { kind: 'rejected_by_campaign', title: '—', figures: { count: 1 }, details: { campaign: null } },
      'en',
      'Rejected from campaign (no campaign)',
      ['1 lead'],
    ],
    [
      'the acceptance rate below the commitment',
      {
        kind: 'acceptance_rate',
        title: 'Annahmequote / Acceptance rate',
        figures: { accepted: 3, rejected: 2, acceptanceRate: 60, minAcceptanceRate: 70 },
        details: { meetsCommitment: 'false' },
      },
      'de',
      'Annahmequote',
      ['60 % angenommen (vereinbart: mindestens 70 %)', '3 angenommen, 2 zurückgegeben'],
    ],
    [
      'a stale deal: whole money in its currency, days in its stage in the language',
      {
        kind: 'stale_deal',
        title: 'Rahmenvertrag Nord',
        figures: { amount: 1_250_000, daysInStage: 21 },
        details: { stage: 'Angebot', stageEn: 'Proposal', owner: 'Jonas Keller', currency: 'EUR' },
      },
      'en',
      'Rahmenvertrag Nord',
      ['€12,500', '21 days in “Proposal”', 'Owner: Jonas Keller'],
    ],
    [
      'a lost deal with its reason and who won it',
      {
        kind: 'deal_lost',
        title: 'Pilot Süd',
        figures: { amount: 500_000 },
        details: { reason: 'price', lostTo: 'Konkurrenz AG', competitors: 'Konkurrenz AG', currency: 'EUR' },
      },
      'de',
      'Pilot Süd',
      ['Verloren', '5.000 €', 'Grund: Preis', 'Verloren an Konkurrenz AG'],
    ],
    [
      'a close date moved out, as local dates',
      {
        kind: 'close_date_moved',
        title: 'Ausbau West',
        figures: { amount: 0, daysMoved: 31 },
        details: { from: '2026-12-15', to: '2027-01-15', currency: 'EUR' },
      },
      'de',
      'Ausbau West',
      ['0 €', 'Abschluss verschoben von 15.12.2026 auf 15.01.2027'],
    ],
    [
      'an overdue action item, due at a Berlin wall time',
      {
        kind: 'action_item',
        title: 'Budgetfrage klären',
        figures: { daysOverdue: 1 },
        details: { owner: 'Jonas Keller', dueAt: '2026-12-07T16:00:00.000Z', overdue: 'true' },
      },
      'de',
      'Budgetfrage klären',
      ['Verantwortlich: Jonas Keller', 'fällig 07.12.2026, 17:00', '1 Tag überfällig'],
    ],
    [
      'the alignment index and the part that moved most',
      {
        kind: 'alignment_index',
        title: 'Zusammenarbeits-Index / Alignment index',
        figures: { index: 72.5, change: -3.5, partChange: -12 },
        details: { movedMost: 'sla_compliance' },
      },
      'en',
      'Alignment index',
      ['Index 72.5', '-3.5 since the last meeting', 'Moved most: SLA compliance (-12)'],
    ],
    [
      'the index not measurable yet',
      { kind: 'alignment_index', title: 'x', figures: {}, details: { movedMost: null } },
      'de',
      'Zusammenarbeits-Index',
      ['nicht messbar'],
    ],
  ])('%s (%s)', async (_name, over, lng, title, facts) => {
    const c = await contextIn(lng);
    const it = item(over);
    expect(itemTitle(it, c)).toBe(title);
    expect(itemFacts(it, c).map((f) => norm(f.text))).toEqual(facts);
  });

  it('marks what deserves attention: a missed commitment, a loss, an index going down', async () => {
    const c = await contextIn('de');
    const tones = (over: Partial<AgendaItem>) => itemFacts(item(over), c).map((f) => f.tone ?? null);
    expect(
      tones({
        kind: 'acceptance_rate',
        figures: { acceptanceRate: 80, minAcceptanceRate: 70 },
        details: { meetsCommitment: 'true' },
      }),
    ).toEqual(['good', null]);
    expect(tones({ kind: 'deal_won', figures: { amount: 100 }, details: { currency: 'EUR' } })).toEqual(['good', null]);
    expect(tones({ kind: 'alignment_index', figures: { index: 60, change: -2 }, details: {} })).toEqual([null, 'bad']);
  });
});

describe('the records of an item', () => {
  it.each([
    {
      name: 'a group of rejected leads links each lead by name, not its contact',
      over: {
        refs: [
          { type: 'handoff', id: lead1 },
          { type: 'contact', id: contact1 },
          { type: 'handoff', id: lead2 },
          { type: 'contact', id: contact2 },
        ],
        details: { leads: 'Greta Sommer, Paul Winter' },
      },
      refs: [
        { type: 'handoff', id: lead1, name: 'Greta Sommer' },
        { type: 'handoff', id: lead2, name: 'Paul Winter' },
      ],
    },
    {
      name: 'names that do not match the leads are not guessed',
      over: {
        refs: [
          { type: 'handoff', id: lead1 },
          { type: 'handoff', id: lead2 },
        ],
        details: { leads: 'Müller, Schmidt & Co., Meier' },
      },
      refs: [
        { type: 'handoff', id: lead1, name: null },
        { type: 'handoff', id: lead2, name: null },
      ],
    },
    {
      name: 'an action item is its task: only the record it concerns',
      over: {
        refs: [
          { type: 'task', id: lead1 },
          { type: 'deal', id: lead2 },
        ],
      },
      refs: [{ type: 'deal', id: lead2, name: null }],
    },
    {
      name: 'a deal with its account keeps both',
      over: {
        refs: [
          { type: 'deal', id: lead1 },
          { type: 'account', id: contact1 },
        ],
      },
      refs: [
        { type: 'deal', id: lead1, name: null },
        { type: 'account', id: contact1, name: null },
      ],
    },
  ])('$name', ({ over, refs }) => {
    expect(namedRefs(item(over))).toEqual(refs);
  });
});
