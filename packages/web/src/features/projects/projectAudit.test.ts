import type { FieldChange, TimelineEntry } from '@nenner/shared';
import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import { resources } from '../../i18n/resources';
import { type AuditNames, describeProjectAudit } from './projectAudit';

const entry = (action: string, changes: FieldChange[] | null = null): TimelineEntry => ({
  id: 'e',
  kind: 'audit',
  entityType: 'project',
  entityId: 'p',
  entityName: 'P',
  action,
  createdAt: '2026-12-03T10:00:00.000Z',
  actor: { id: 'u', name: 'Jonas Keller', department: 'sales' },
  department: 'sales',
  body: null,
  html: null,
  changes,
  mentions: null,
  data: null,
});

describe('a project’s changes in sentences', () => {
  let de: AuditNames;
  let en: AuditNames;
  beforeAll(async () => {
    const make = async (lng: 'de' | 'en'): Promise<AuditNames> => {
      const i = i18next.createInstance();
      await i.init({ resources, lng, interpolation: { escapeValue: false } });
      return {
        t: (key, options) => i.t(key, options ?? {}) as string,
        userName: (id) => ({ lena: 'Lena Vogt' })[id] ?? null,
        teamName: (id) => ({ t1: 'Team Süd' })[id] ?? null,
      };
    };
    de = await make('de');
    en = await make('en');
  });

  it.each([
    {
      e: entry('requirement_added', [
        { field: 'requirement', from: null, to: { department: 'sales', text: 'Preisliste bis KW 3', done: false } },
      ]),
      de: 'Jonas Keller hat eine Anforderung für Vertrieb ergänzt: „Preisliste bis KW 3“',
      en: 'Jonas Keller added a Sales requirement: “Preisliste bis KW 3”',
    },
    {
      e: entry('requirement_updated', [
        {
          field: 'requirement',
          from: { department: 'sales', text: 'Preisliste', done: false },
          to: { department: 'sales', text: 'Preisliste', done: true },
        },
      ]),
      de: 'Jonas Keller hat „Preisliste“ erledigt',
      en: 'Jonas Keller ticked off “Preisliste”',
    },
    {
      e: entry('requirement_updated', [
        {
          field: 'requirement',
          from: { department: 'sales', text: 'Preisliste', done: true },
          to: { department: 'sales', text: 'Preisliste KW 4', done: true },
        },
      ]),
      de: 'Jonas Keller hat eine Anforderung für Vertrieb geändert: „Preisliste KW 4“',
      en: 'Jonas Keller changed a Sales requirement: “Preisliste KW 4”',
    },
    {
      e: entry('requirement_removed', [
        { field: 'requirement', from: { department: 'marketing', text: 'Landingpage', done: false }, to: null },
      ]),
      de: 'Jonas Keller hat die Anforderung „Landingpage“ (Marketing) entfernt',
      en: 'Jonas Keller removed the requirement “Landingpage” (Marketing)',
    },
    {
      e: entry('signed_off', [{ field: 'signoff', from: null, to: { department: 'sales' } }]),
      de: 'Jonas Keller hat den Plan für Vertrieb freigegeben',
      en: 'Jonas Keller signed off the plan for Sales',
    },
    {
      e: entry('signoff_withdrawn', [{ field: 'signoff', from: { department: 'sales' }, to: null }]),
      de: 'Jonas Keller hat die Freigabe für Vertrieb zurückgezogen',
      en: 'Jonas Keller withdrew the sign-off for Sales',
    },
    {
      // a reset names no one as its cause: the plan changed
      e: entry('signoffs_reset', [
        { field: 'signoffs', from: [{ userId: 'lena', name: 'Lena Vogt', department: 'marketing' }], to: [] },
      ]),
      de: 'Der Plan hat sich geändert, deshalb wurden die Freigaben zurückgesetzt',
      en: 'The plan changed, so the sign-offs were reset',
    },
    {
      e: entry('pilot_nominated', [
        { field: 'pilot', from: null, to: { accountId: 'a', account: 'Testwerk', status: 'proposed' } },
      ]),
      de: 'Jonas Keller hat Testwerk als Pilotkunden vorgeschlagen',
      en: 'Jonas Keller proposed Testwerk as a pilot customer',
    },
    {
      e: entry('pilot_nominated', [
        { field: 'pilot', from: null, to: { accountId: 'a', account: 'Testwerk', status: 'active' } },
      ]),
      de: 'Jonas Keller hat Testwerk als Pilotkunden nominiert',
      en: 'Jonas Keller nominated Testwerk as a pilot customer',
    },
    {
      e: entry('pilot_feedback', [{ field: 'feedback', from: null, to: { account: 'Testwerk', rating: 4 } }]),
      de: 'Jonas Keller hat eine Rückmeldung von Testwerk festgehalten (4 von 5)',
      en: 'Jonas Keller logged feedback from Testwerk (4 of 5)',
    },
  ])('$de', ({ e, de: german, en: english }) => {
    expect(describeProjectAudit(e, de)).toEqual([german]);
    expect(describeProjectAudit(e, en)).toEqual([english]);
  });

  it('says each change of an edit and a move, with names for ids', () => {
    const e = entry('updated', [
      { field: 'stage', from: 'planning', to: 'pilot' },
      { field: 'teamId', from: null, to: 't1' },
      { field: 'marketingLeadId', from: null, to: 'lena' },
      { field: 'salesLeadId', from: 'lena', to: null },
      { field: 'accountIds', from: [], to: ['x'] },
      { field: 'name', from: 'A', to: 'Anwendertag' },
    ]);
    expect(describeProjectAudit(e, de)).toEqual([
      'Jonas Keller hat das Projekt von „Planung“ nach „Pilotphase“ gebracht',
      'Jonas Keller hat das Team geändert: Team Süd',
      'Jonas Keller hat die Leitung Marketing geändert: Lena Vogt',
      'Jonas Keller hat die Leitung Vertrieb geändert: Noch niemand benannt',
      'Jonas Keller hat die verknüpften Firmen geändert',
      'Jonas Keller hat das Projekt in „Anwendertag“ umbenannt',
    ]);
  });

  it('says a cancellation and that the pilots closed with it', () => {
    const e = entry('updated', [
      { field: 'stage', from: 'pilot', to: 'cancelled' },
      { field: 'pilots', from: { active: 1, proposed: 1 }, to: { ended: 1, declined: 1 } },
    ]);
    expect(describeProjectAudit(e, en)).toEqual([
      'Jonas Keller cancelled the project',
      'Running pilots ended with the project; open proposals lapsed.',
    ]);
  });
});
