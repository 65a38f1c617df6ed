import { CreateMeetingInput, defaultAgendaTemplate, type Meeting, UpdateMeetingInput } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import { diffDraft } from '../../components/form/useRecordForm';
import {
  draftToCreateInput,
  draftToUpdateInput,
  emptyMeetingDraft,
  meetingDraftIssues,
  meetingToDraft,
  missingSections,
  moveSection,
  nextMonday,
} from './meetingForm';

const me = '6f1c1f9e-8a37-4d3f-9a55-2a8f8b1d7c10';
const jonas = '0b7e2a52-1c3d-4e5f-8a9b-0c1d2e3f4a5b';

describe('a new series', () => {
  it.each([
    // Friday 4 Dec 2026 → Monday 7 Dec; a Monday goes to the next one; Sunday → the next day
    { now: new Date(2026, 11, 4, 15), monday: '2026-12-07' },
    { now: new Date(2026, 11, 7, 8), monday: '2026-12-14' },
    { now: new Date(2026, 11, 6, 23), monday: '2026-12-07' },
    { now: new Date(2026, 11, 29, 12), monday: '2027-01-04' },
  ])('starts on the next Monday: $monday', ({ now, monday }) => {
    expect(nextMonday(now)).toBe(monday);
  });

  it('is weekly at 09:00 for an hour, with the creator as host and participant, and the default agenda', () => {
    const d = emptyMeetingDraft(me, new Date(2026, 11, 4, 15));
    expect(d).toMatchObject({
      cadence: 'weekly',
      startDate: '2026-12-07',
      startTime: '09:00',
      durationMinutes: 60,
      participantIds: [me],
      hostId: me,
      nth: '1',
    });
    expect(d.agendaTemplate).toEqual(defaultAgendaTemplate);
  });

  it('sends a local start (the workspace zone applies), and the shared schema accepts it', () => {
    const d = {
      ...emptyMeetingDraft(me, new Date(2026, 11, 4, 15)),
      title: '  Abstimmung Marketing & Vertrieb ',
      participantIds: [me, jonas],
      location: ' ',
    };
    const input = draftToCreateInput(d);
    expect(input).toEqual({
      title: 'Abstimmung Marketing & Vertrieb',
      cadence: 'weekly',
      startsAt: '2026-12-07T09:00',
      durationMinutes: 60,
      location: null,
      participantIds: [me, jonas],
      hostId: me,
      agendaTemplate: defaultAgendaTemplate,
    });
    expect(CreateMeetingInput.safeParse(input).success).toBe(true);
  });

  it('monthly: the weekday of the date and the chosen one of the month', () => {
    // 29 Dec 2026 is a Tuesday, the 5th of the month → „the last“ by default
    const d = {
      ...emptyMeetingDraft(me),
      title: 'Monatsrunde',
      cadence: 'monthly' as const,
      startDate: '2026-12-29',
      nth: '-1',
    };
    expect(draftToCreateInput(d)).toMatchObject({ cadence: 'monthly', weekday: 'TU', nth: -1 });
    expect(CreateMeetingInput.safeParse(draftToCreateInput(d)).success).toBe(true);
  });

  it.each([
    { name: 'complete', change: {}, issues: {} },
    { name: 'no title', change: { title: ' ' }, issues: { title: 'titleRequired' } },
    { name: 'no date', change: { startDate: '' }, issues: { startsAt: 'dateRequired' } },
    { name: 'no time', change: { startTime: '' }, issues: { startsAt: 'timeRequired' } },
    { name: 'too short', change: { durationMinutes: 4 }, issues: { durationMinutes: 'durationInvalid' } },
    { name: 'too long', change: { durationMinutes: 481 }, issues: { durationMinutes: 'durationInvalid' } },
    { name: 'not whole', change: { durationMinutes: '30.5' }, issues: { durationMinutes: 'durationInvalid' } },
    { name: 'empty duration', change: { durationMinutes: '' }, issues: { durationMinutes: 'durationInvalid' } },
    { name: 'nobody', change: { participantIds: [] }, issues: { participantIds: 'participantsRequired' } },
  ])('checks itself: $name', ({ change, issues }) => {
    expect(meetingDraftIssues({ ...emptyMeetingDraft(me), title: 'Runde', ...change })).toEqual(issues);
  });
});

describe('editing a series', () => {
  const meeting = {
    id: '11111111-2222-4333-8444-555555555555',
    title: 'Abstimmung',
    cadence: 'monthly',
    weekday: 'MO',
    nth: 1,
    rrule: 'FREQ=MONTHLY;BYDAY=1MO',
    startsAt: '2026-12-07T08:00:00.000Z',
    localStart: '2026-12-07T09:00',
    timeZone: 'Europe/Berlin',
    durationMinutes: 60,
    location: null,
    host: { id: me, name: 'Lena Vogt', department: 'marketing' },
    participants: [
      { id: me, name: 'Lena Vogt', department: 'marketing' },
      { id: jonas, name: 'Jonas Keller', department: 'sales' },
    ],
    twoSided: true,
    warnings: [],
    agendaTemplate: defaultAgendaTemplate,
    nextStartsAt: null,
    icalUid: 'x@nenner',
    sequence: 0,
    createdBy: null,
    version: 3,
    createdAt: '2026-12-01T10:00:00.000Z',
    updatedAt: '2026-12-01T10:00:00.000Z',
  } satisfies Meeting;
  const base = meetingToDraft(meeting);

  it('reads the series as the form shows it', () => {
    expect(base).toMatchObject({
      cadence: 'monthly',
      startDate: '2026-12-07',
      startTime: '09:00',
      nth: '1',
      location: '',
      participantIds: [me, jonas],
      hostId: me,
    });
  });

  it('clears a location with null', () => {
    const placed = meetingToDraft({ ...meeting, location: 'Raum Isar' });
    const input = draftToUpdateInput(diffDraft(placed, { ...placed, location: '  ' }), placed);
    expect(input).toEqual({ location: null });
    expect(UpdateMeetingInput.safeParse(input).success).toBe(true);
  });

  it.each([
    { name: 'nothing changed', change: {}, body: {} },
    { name: 'the title alone', change: { title: 'Neu ' }, body: { title: 'Neu' } },
    {
      name: 'the time sends the whole schedule',
      change: { startTime: '10:30' },
      body: { cadence: 'monthly', startsAt: '2026-12-07T10:30', weekday: 'MO', nth: 1 },
    },
    {
      name: 'the last Monday instead of the first',
      change: { nth: '-1' },
      body: { cadence: 'monthly', startsAt: '2026-12-07T09:00', weekday: 'MO', nth: -1 },
    },
    {
      name: 'weekly now: no weekday or nth',
      change: { cadence: 'weekly' as const },
      body: { cadence: 'weekly', startsAt: '2026-12-07T09:00' },
    },
    { name: 'a location', change: { location: ' Raum Isar ' }, body: { location: 'Raum Isar' } },
    {
      name: 'the agenda reordered',
      change: { agendaTemplate: moveSection(defaultAgendaTemplate, 1, -1) },
      body: { agendaTemplate: moveSection(defaultAgendaTemplate, 1, -1) },
    },
  ])('sends only what changed: $name', ({ change, body }) => {
    const input = draftToUpdateInput(diffDraft(base, { ...base, ...change }), base);
    expect(input).toEqual(body);
    expect(UpdateMeetingInput.safeParse(input).success).toBe(true);
  });
});

describe('the agenda template', () => {
  const t = defaultAgendaTemplate;
  const order = (x: typeof t) => x.map((s) => s.section);

  it.each([
    {
      index: 1,
      by: -1 as const,
      expected: ['handoffs', 'goals', 'pipeline', 'campaigns', 'action_items', 'alignment'],
    },
    { index: 0, by: 1 as const, expected: ['handoffs', 'goals', 'pipeline', 'campaigns', 'action_items', 'alignment'] },
    { index: 4, by: 1 as const, expected: ['goals', 'handoffs', 'pipeline', 'campaigns', 'alignment', 'action_items'] },
    // at the edges nothing moves
    {
      index: 0,
      by: -1 as const,
      expected: ['goals', 'handoffs', 'pipeline', 'campaigns', 'action_items', 'alignment'],
    },
    { index: 5, by: 1 as const, expected: ['goals', 'handoffs', 'pipeline', 'campaigns', 'action_items', 'alignment'] },
  ])('moves section $index by $by', ({ index, by, expected }) => {
    expect(order(moveSection(t, index, by))).toEqual(expected);
  });

  it('keeps the time boxes with their sections and leaves the template as it was', () => {
    const moved = moveSection(t, 1, 1);
    expect(moved[2]).toEqual({ section: 'handoffs', minutes: 15 });
    expect(order(t)).toEqual(['goals', 'handoffs', 'pipeline', 'campaigns', 'action_items', 'alignment']);
  });

  it('offers the sections it lacks, in their default order', () => {
    expect(missingSections(t)).toEqual([]);
    expect(
      missingSections([
        { section: 'pipeline', minutes: 10 },
        { section: 'goals', minutes: 5 },
      ]),
    ).toEqual(['handoffs', 'campaigns', 'action_items', 'alignment']);
  });
});
