import { CreateEventInput, type Event, UpdateEventInput } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import {
  dayAfter,
  draftToCreateInput,
  draftToUpdateInput,
  type EventDraft,
  emptyEventDraft,
  eventDraftIssues,
  eventToDraft,
  slugFromTitle,
  wallTimeIn,
} from './eventForm';

const lena = '00000000-0000-4000-8000-000000000001';
const campaign = '00000000-0000-4000-8000-0000000000c1';
const team = '00000000-0000-4000-8000-0000000000a1';
// 17 March 2026, 10:00 in the browser's calendar
const mar17 = new Date(2026, 2, 17, 10);

const draft = (over: Partial<EventDraft> = {}): EventDraft => ({
  ...emptyEventDraft(lena, 'Europe/Berlin', mar17),
  title: 'Kundentag Süd',
  slug: 'kundentag-sued',
  ...over,
});

/** An event as the API answers it: 15 April 2026, 09:00–17:00 Berlin (CEST, UTC+2). */
const event = (over: Partial<Event> = {}): Event => ({
  id: '00000000-0000-4000-8000-0000000000e1',
  title: 'Kundentag Süd',
  type: 'customer_day',
  description: 'Ein Tag mit **Kunden**',
  descriptionHtml: '<p>Ein Tag mit <strong>Kunden</strong></p>',
  startsAt: '2026-04-15T07:00:00.000Z',
  endsAt: '2026-04-15T15:00:00.000Z',
  localStart: '2026-04-15T09:00',
  localEnd: '2026-04-15T17:00',
  timeZone: 'Europe/Berlin',
  venue: 'Kongresshaus München',
  onlineUrl: null,
  capacity: 120,
  waitlist: true,
  registrationDeadline: '2026-04-15T07:00:00.000Z',
  status: 'open',
  slug: 'kundentag-sued',
  campaign: { id: campaign, name: 'Kundentag Süd 2026' },
  owner: { id: lena, name: 'Lena Vogt', department: 'marketing' },
  team: null,
  seatsTaken: 0,
  seatsLeft: 120,
  registrationOpen: true,
  counts: { confirmed: 0, waitlisted: 0, cancelled: 0, attended: 0, noShow: 0 },
  invitations: 0,
  url: 'https://nenner.example/e/kundentag-sued',
  embedHtml: '<iframe></iframe>',
  icsUrl: 'https://nenner.example/e/kundentag-sued/event.ics',
  sequence: 0,
  closedAt: null,
  createdBy: null,
  version: 3,
  createdAt: '2026-03-01T10:00:00.000Z',
  updatedAt: '2026-03-01T10:00:00.000Z',
  ...over,
});

describe('a new event', () => {
  it('is four weeks ahead from 09:00 to 17:00 in the workspace zone, 50 seats with a waiting list, published', () => {
    const d = emptyEventDraft(lena, 'Europe/Vienna', mar17);
    expect(d).toMatchObject({
      startDate: '2026-04-14',
      startTime: '09:00',
      endDate: '2026-04-14',
      endTime: '17:00',
      timeZone: 'Europe/Vienna',
      capacity: 50,
      waitlist: true,
      status: 'open',
      campaignMode: 'new',
      ownerId: lena,
    });
    expect(dayAfter(new Date(2026, 11, 20), 14)).toBe('2027-01-03');
  });

  it('suggests an address from the title, umlauts spelled out', () => {
    expect(slugFromTitle('Kundentag Süd 2026')).toBe('kundentag-sued-2026');
    expect(slugFromTitle('  Größe & Maß: Café-Runde! ')).toBe('groesse-mass-cafe-runde');
    expect(slugFromTitle('---')).toBe('');
    const long = slugFromTitle(`${'a'.repeat(59)} b`);
    expect(long).toBe('a'.repeat(59));
  });
});

describe('the create body', () => {
  it('sends wall times in the event zone, and no campaign so that one is created with the event', () => {
    const body = draftToCreateInput(draft({ capacity: 2, venue: '  Halle 3 ', onlineUrl: '' }));
    expect(body).toEqual({
      title: 'Kundentag Süd',
      type: 'customer_day',
      startsAt: '2026-04-14T09:00',
      endsAt: '2026-04-14T17:00',
      timeZone: 'Europe/Berlin',
      venue: 'Halle 3',
      capacity: 2,
      waitlist: true,
      slug: 'kundentag-sued',
      ownerId: lena,
      status: 'open',
    });
    // the server's own schema takes it as it is
    expect(CreateEventInput.safeParse(body).success).toBe(true);
  });

  it('links an existing campaign and a team, keeps a draft, and sends a deadline date as its end of day', () => {
    const body = draftToCreateInput(
      draft({
        campaignMode: 'existing',
        campaignId: campaign,
        teamId: team,
        status: 'draft',
        deadlineDate: '2026-04-10',
        onlineUrl: 'https://meet.example.com/kt',
      }),
    );
    expect(body).toMatchObject({
      campaignId: campaign,
      teamId: team,
      status: 'draft',
      registrationDeadline: '2026-04-10T23:59',
      onlineUrl: 'https://meet.example.com/kt',
    });
    expect(CreateEventInput.safeParse(body).success).toBe(true);
  });

  it('sends an unreadable capacity as -1, so the schema names the field', () => {
    expect(draftToCreateInput(draft({ capacity: '' })).capacity).toBe(-1);
    expect(draftToCreateInput(draft({ capacity: '2.5' })).capacity).toBe(-1);
    expect(draftToCreateInput(draft({ capacity: '12' })).capacity).toBe(12);
  });
});

describe('an event in the form', () => {
  it('shows its local times, and a deadline at the start as empty (until the start)', () => {
    const d = eventToDraft(event());
    expect(d).toMatchObject({
      startDate: '2026-04-15',
      startTime: '09:00',
      endDate: '2026-04-15',
      endTime: '17:00',
      deadlineDate: '',
      deadlineTime: '',
      campaignMode: 'existing',
      campaignId: campaign,
      status: 'open',
    });
  });

  it('shows an earlier deadline as the wall time in the event zone', () => {
    // 10 April 2026, 16:00 UTC = 18:00 in Berlin (CEST)
    const d = eventToDraft(event({ registrationDeadline: '2026-04-10T16:00:00.000Z' }));
    expect([d.deadlineDate, d.deadlineTime]).toEqual(['2026-04-10', '18:00']);
    expect(wallTimeIn('2026-01-10T16:00:00.000Z', 'Europe/Berlin')).toBe('2026-01-10T17:00');
    expect(wallTimeIn('2026-01-10T23:30:00.000Z', 'America/New_York')).toBe('2026-01-10T18:30');
  });

  it('an edit sends only what changed', () => {
    const base = eventToDraft(event());
    expect(draftToUpdateInput({ title: ' Kundentag Nord ' }, base)).toEqual({ title: 'Kundentag Nord' });
    expect(draftToUpdateInput({ capacity: 150, waitlist: false }, base)).toEqual({ capacity: 150, waitlist: false });
    expect(draftToUpdateInput({ venue: '' }, base)).toEqual({ venue: null });
    expect(draftToUpdateInput({ status: 'closed' }, base)).toEqual({ status: 'closed' });
  });

  it('a moved start sends the whole schedule in the zone, an empty deadline as null (until the new start)', () => {
    const base = eventToDraft(event());
    const body = draftToUpdateInput({ startTime: '10:00' }, base);
    expect(body).toEqual({
      startsAt: '2026-04-15T10:00',
      endsAt: '2026-04-15T17:00',
      timeZone: 'Europe/Berlin',
      registrationDeadline: null,
    });
    expect(UpdateEventInput.safeParse(body).success).toBe(true);
    // a new zone alone also sends the wall times, read in the new zone
    expect(draftToUpdateInput({ timeZone: 'Europe/London' }, base)).toMatchObject({
      startsAt: '2026-04-15T09:00',
      timeZone: 'Europe/London',
    });
  });
});

describe("the form's own checks", () => {
  it('a complete draft has none', () => {
    expect(eventDraftIssues(draft())).toEqual({});
  });

  it('names each problem at the path the API uses', () => {
    expect(
      eventDraftIssues(
        draft({
          title: ' ',
          endTime: '08:00',
          capacity: 0,
          slug: 'Kundentag Süd',
          onlineUrl: 'meet.example.com',
          campaignMode: 'existing',
          campaignId: null,
        }),
      ),
    ).toEqual({
      title: 'titleRequired',
      endsAt: 'endBeforeStart',
      capacity: 'capacityInvalid',
      slug: 'slugInvalid',
      onlineUrl: 'onlineUrlInvalid',
      campaignId: 'campaignRequired',
    });
  });

  it('wants start and end, an end after the start, and a deadline not after the end', () => {
    expect(eventDraftIssues(draft({ startTime: '' }))).toEqual({ startsAt: 'startRequired' });
    expect(eventDraftIssues(draft({ endDate: '' }))).toEqual({ endsAt: 'endRequired' });
    expect(eventDraftIssues(draft({ endTime: '09:00' }))).toEqual({ endsAt: 'endBeforeStart' });
    // two days: ends the next day at 08:00
    expect(eventDraftIssues(draft({ endDate: '2026-04-15', endTime: '08:00' }))).toEqual({});
    expect(eventDraftIssues(draft({ deadlineDate: '2026-04-14', deadlineTime: '18:00' }))).toEqual({
      registrationDeadline: 'deadlineAfterEnd',
    });
    expect(eventDraftIssues(draft({ deadlineDate: '2026-04-14', deadlineTime: '12:00' }))).toEqual({});
    expect(eventDraftIssues(draft({ capacity: 100_001 }))).toEqual({ capacity: 'capacityInvalid' });
    expect(eventDraftIssues(draft({ slug: 'a' }))).toEqual({ slug: 'slugInvalid' });
    expect(eventDraftIssues(draft({ slug: 'kundentag-' }))).toEqual({ slug: 'slugInvalid' });
  });
});
