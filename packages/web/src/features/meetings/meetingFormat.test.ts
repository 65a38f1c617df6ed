import type { AgendaTemplate } from '@nenner/shared';
import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from '../../i18n/resources';
import { groupAgenda, neighbourPosition } from './agenda';
import {
  agendaMinutes,
  type CadenceParts,
  cadenceInWords,
  isoToZonedInput,
  timeBoxes,
  zonedInputToIso,
} from './meetingFormat';

const tIn = async (lng: 'de' | 'en') => {
  const i = i18next.createInstance();
  await i.init({ resources, lng, interpolation: { escapeValue: false } });
  return i.t;
};

describe('the cadence in words', () => {
  it.each<[CadenceParts, string, string]>([
    [
      { cadence: 'weekly', weekday: 'MO', nth: null, time: '09:00' },
      'wöchentlich, montags 09:00',
      'weekly, Mondays 09:00',
    ],
    [
      { cadence: 'biweekly', weekday: 'TH', nth: null, time: '14:30' },
      'alle zwei Wochen, donnerstags 14:30',
      'every two weeks, Thursdays 14:30',
    ],
    [
      { cadence: 'monthly', weekday: 'TU', nth: 1, time: '10:00' },
      'monatlich, am ersten Dienstag 10:00',
      'monthly, on the first Tuesday 10:00',
    ],
    [
      { cadence: 'monthly', weekday: 'WE', nth: 3, time: '08:15' },
      'monatlich, am dritten Mittwoch 08:15',
      'monthly, on the third Wednesday 08:15',
    ],
    [
      { cadence: 'monthly', weekday: 'FR', nth: -1, time: '16:00' },
      'monatlich, am letzten Freitag 16:00',
      'monthly, on the last Friday 16:00',
    ],
    [
      { cadence: 'weekly', weekday: 'SU', nth: null, time: '18:00' },
      'wöchentlich, sonntags 18:00',
      'weekly, Sundays 18:00',
    ],
  ])('%o → „%s“ / "%s"', async (parts, de, en) => {
    expect(cadenceInWords(await tIn('de'), parts)).toBe(de);
    expect(cadenceInWords(await tIn('en'), parts)).toBe(en);
  });
});

describe('time boxes', () => {
  const template: AgendaTemplate = [
    { section: 'goals', minutes: 10 },
    { section: 'handoffs', minutes: 15 },
    { section: 'pipeline', minutes: 20 },
  ];

  it.each([
    { name: 'none', template: [], sum: 0 },
    { name: 'one section', template: [{ minutes: 25 }], sum: 25 },
    {
      name: 'the default agenda (10+15+15+5+10+5)',
      template: [10, 15, 15, 5, 10, 5].map((minutes) => ({ minutes })),
      sum: 60,
    },
    { name: 'an emptied input counts as nothing', template: [{ minutes: 10 }, { minutes: Number.NaN }], sum: 10 },
  ])('add up: $name → $sum', ({ template: t, sum }) => {
    expect(agendaMinutes(t)).toBe(sum);
  });

  it('follow one another from the start, in template order', () => {
    // 09:00 in Berlin on 2 March 2026 (winter, UTC+1) is 08:00 UTC
    expect(timeBoxes(template, '2026-03-02T08:00:00.000Z')).toEqual([
      { section: 'goals', minutes: 10, startsAt: '2026-03-02T08:00:00.000Z', endsAt: '2026-03-02T08:10:00.000Z' },
      { section: 'handoffs', minutes: 15, startsAt: '2026-03-02T08:10:00.000Z', endsAt: '2026-03-02T08:25:00.000Z' },
      { section: 'pipeline', minutes: 20, startsAt: '2026-03-02T08:25:00.000Z', endsAt: '2026-03-02T08:45:00.000Z' },
    ]);
  });

  it('group the agenda by the template’s sections, then the own topics, items by position', () => {
    const item = (id: string, section: string, position: number) => ({
      id,
      section,
      kind: 'x',
      title: id,
      refs: [],
      position,
    });
    const groups = groupAgenda({
      sections: template,
      startsAt: '2026-03-02T08:00:00.000Z',
      agenda: [
        item('topic', 'topics', 5),
        item('lost', 'pipeline', 4),
        item('stale', 'pipeline', 3),
        item('breach', 'handoffs', 1),
        item('rejected', 'handoffs', 2),
        item('goal', 'goals', 0),
      ],
    });
    expect(groups.map((g) => [g.section, g.minutes, g.startsAt, g.items.map((i) => i.id)])).toEqual([
      ['goals', 10, '2026-03-02T08:00:00.000Z', ['goal']],
      ['handoffs', 15, '2026-03-02T08:10:00.000Z', ['breach', 'rejected']],
      ['pipeline', 20, '2026-03-02T08:25:00.000Z', ['stale', 'lost']],
      ['topics', null, null, ['topic']],
    ]);
    const handoffs = groups[1]?.items ?? [];
    // moving "rejected" up takes the place of "breach"; "breach" cannot go further up
    expect(neighbourPosition(handoffs, 1, -1)).toBe(1);
    expect(neighbourPosition(handoffs, 0, -1)).toBeNull();
    expect(neighbourPosition(handoffs, 0, 1)).toBe(2);
    expect(neighbourPosition(handoffs, 1, 1)).toBeNull();
  });
});

describe('datetime-local input ↔ ISO in the series’ time zone (not the browser’s)', () => {
  it.each([
    // Berlin in winter is UTC+1, in summer UTC+2
    { value: '2026-03-02T09:00', zone: 'Europe/Berlin', iso: '2026-03-02T08:00:00.000Z' },
    { value: '2026-07-06T09:00', zone: 'Europe/Berlin', iso: '2026-07-06T07:00:00.000Z' },
    // the last hour before the spring change (29 March 2026, 02:00 → 03:00) and the first after it
    { value: '2026-03-29T01:30', zone: 'Europe/Berlin', iso: '2026-03-29T00:30:00.000Z' },
    { value: '2026-03-29T03:30', zone: 'Europe/Berlin', iso: '2026-03-29T01:30:00.000Z' },
    // 02:30 does not exist that night: it moves past the gap to 03:30
    { value: '2026-03-29T02:30', zone: 'Europe/Berlin', iso: '2026-03-29T01:30:00.000Z' },
    // 25 October 2026, 02:30 happens twice: the first one (still UTC+2) counts
    { value: '2026-10-25T02:30', zone: 'Europe/Berlin', iso: '2026-10-25T00:30:00.000Z' },
    { value: '2026-10-26T09:00', zone: 'Europe/Berlin', iso: '2026-10-26T08:00:00.000Z' },
    // other zones: New York in winter is UTC−5, Zurich like Berlin, UTC itself
    { value: '2026-01-15T09:00', zone: 'America/New_York', iso: '2026-01-15T14:00:00.000Z' },
    { value: '2026-12-31T23:45', zone: 'Europe/Zurich', iso: '2026-12-31T22:45:00.000Z' },
    { value: '2026-02-28T00:00', zone: 'UTC', iso: '2026-02-28T00:00:00.000Z' },
  ])('$value in $zone → $iso', ({ value, zone, iso }) => {
    expect(zonedInputToIso(value, zone)).toBe(iso);
  });

  it.each([
    { iso: '2026-03-02T08:00:00.000Z', zone: 'Europe/Berlin', value: '2026-03-02T09:00' },
    { iso: '2026-07-06T07:00:00.000Z', zone: 'Europe/Berlin', value: '2026-07-06T09:00' },
    { iso: '2026-10-25T01:30:00.000Z', zone: 'Europe/Berlin', value: '2026-10-25T02:30' },
    { iso: '2026-01-15T14:00:00.000Z', zone: 'America/New_York', value: '2026-01-15T09:00' },
    // the last evening of the year in UTC is already the next day in Berlin
    { iso: '2026-12-31T23:30:00.000Z', zone: 'Europe/Berlin', value: '2027-01-01T00:30' },
  ])('$iso in $zone → $value', ({ iso, zone, value }) => {
    expect(isoToZonedInput(iso, zone)).toBe(value);
  });

  it.each(['', '2026-03-02', '2026-02-30T09:00', '2026-03-02T24:00', '2026-03-02 09:00', '02.03.2026 09:00'])(
    'refuses %o',
    (value) => {
      expect(zonedInputToIso(value, 'Europe/Berlin')).toBeNull();
    },
  );
});
