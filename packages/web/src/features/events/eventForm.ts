import type { Event, EventStatus, EventType } from '@nenner/shared';

/** The statuses the form offers: a new event is published at once or kept as a draft; `cancelled` has its own button. */
export type FormStatus = Extract<EventStatus, 'draft' | 'open' | 'closed'>;

/**
 * What the event form edits. Times are wall times in the event's own time zone (what the organiser sees on
 * the invitation), split into a date and a time input each.
 */
export type EventDraft = {
  title: string;
  type: EventType;
  /** Markdown. */
  description: string;
  /** YYYY-MM-DD and HH:MM in `timeZone`. */
  startDate: string;
  startTime: string;
  endDate: string;
  endTime: string;
  timeZone: string;
  venue: string;
  onlineUrl: string;
  /** Seats; '' while empty. */
  capacity: number | string;
  waitlist: boolean;
  /** Empty: registration is open until the start. */
  deadlineDate: string;
  deadlineTime: string;
  slug: string;
  /** `new`: a campaign is created with the event; `existing`: `campaignId` is linked. */
  campaignMode: 'new' | 'existing';
  campaignId: string | null;
  ownerId: string | null;
  teamId: string | null;
  status: FormStatus;
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The browser's calendar date `days` after `now` (YYYY-MM-DD). */
export const dayAfter = (now: Date, days: number): string => {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + days);
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** A new event: in four weeks from 09:00 to 17:00 in the workspace's zone, 50 seats, a waiting list, published. */
export const emptyEventDraft = (meId: string, timeZone: string, now = new Date()): EventDraft => {
  const day = dayAfter(now, 28);
  return {
    title: '',
    type: 'customer_day',
    description: '',
    startDate: day,
    startTime: '09:00',
    endDate: day,
    endTime: '17:00',
    timeZone,
    venue: '',
    onlineUrl: '',
    capacity: 50,
    waitlist: true,
    deadlineDate: '',
    deadlineTime: '',
    slug: '',
    campaignMode: 'new',
    campaignId: null,
    ownerId: meId,
    teamId: null,
    status: 'open',
  };
};

/** An instant as the wall time of a zone: `2026-04-15T07:00:00Z`, Europe/Berlin → `2026-04-15T09:00`. */
export const wallTimeIn = (iso: string, timeZone: string): string => {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(new Date(iso));
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '00';
  return `${part('year')}-${part('month')}-${part('day')}T${part('hour')}:${part('minute')}`;
};

export const eventToDraft = (e: Event): EventDraft => {
  // a deadline at the start is the default: the form shows it empty ("until the start")
  const deadline = e.registrationDeadline === e.startsAt ? '' : wallTimeIn(e.registrationDeadline, e.timeZone);
  return {
    title: e.title,
    type: e.type,
    description: e.description ?? '',
    startDate: e.localStart.slice(0, 10),
    startTime: e.localStart.slice(11, 16),
    endDate: e.localEnd.slice(0, 10),
    endTime: e.localEnd.slice(11, 16),
    timeZone: e.timeZone,
    venue: e.venue ?? '',
    onlineUrl: e.onlineUrl ?? '',
    capacity: e.capacity,
    waitlist: e.waitlist,
    deadlineDate: deadline.slice(0, 10),
    deadlineTime: deadline.slice(11, 16),
    slug: e.slug,
    campaignMode: 'existing',
    campaignId: e.campaign.id,
    ownerId: e.owner?.id ?? null,
    teamId: e.team?.id ?? null,
    status: e.status === 'draft' || e.status === 'open' || e.status === 'closed' ? e.status : 'closed',
  };
};

const folds: Record<string, string> = { ä: 'ae', ö: 'oe', ü: 'ue', ß: 'ss' };

/** The public address a title suggests: „Kundentag Süd 2026“ → `kundentag-sued-2026` (at most 60 characters). */
export const slugFromTitle = (title: string): string =>
  title
    .toLowerCase()
    .replace(/[äöüß]/g, (c) => folds[c] ?? c)
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 60)
    .replace(/-+$/, '');

/** The seats that are sent: not a whole number → -1, so the schema names the field. */
const sentCapacity = (v: number | string): number => {
  const n = typeof v === 'number' ? v : String(v).trim() === '' ? Number.NaN : Number(v);
  return Number.isInteger(n) ? n : -1;
};

const localOf = (date: string, time: string) => `${date}T${time}`;

/** The deadline as the API takes it: a local time in the event's zone; a date without time means its end. */
const deadlineOf = (d: EventDraft): string | null =>
  d.deadlineDate ? localOf(d.deadlineDate, d.deadlineTime || '23:59') : null;

/** A new event's body: the campaign only when an existing one is linked (else one is made with the event). */
export const draftToCreateInput = (d: EventDraft): Record<string, unknown> => {
  const deadline = deadlineOf(d);
  return {
    title: d.title.trim(),
    type: d.type,
    ...(d.description.trim() && { description: d.description }),
    startsAt: localOf(d.startDate, d.startTime),
    endsAt: localOf(d.endDate, d.endTime),
    timeZone: d.timeZone,
    ...(d.venue.trim() && { venue: d.venue.trim() }),
    ...(d.onlineUrl.trim() && { onlineUrl: d.onlineUrl.trim() }),
    capacity: sentCapacity(d.capacity),
    waitlist: d.waitlist,
    ...(deadline && { registrationDeadline: deadline }),
    slug: d.slug.trim().toLowerCase(),
    ...(d.campaignMode === 'existing' && d.campaignId && { campaignId: d.campaignId }),
    ...(d.ownerId && { ownerId: d.ownerId }),
    ...(d.teamId && { teamId: d.teamId }),
    status: d.status === 'draft' ? 'draft' : 'open',
  };
};

/** The fields whose change moves the schedule: start, end and deadline are sent together, in the (new) zone. */
const scheduleKeys = [
  'startDate',
  'startTime',
  'endDate',
  'endTime',
  'timeZone',
  'deadlineDate',
  'deadlineTime',
] as const;

/**
 * An edit's body: only what changed. Any part of the schedule sends start, end, zone and deadline together
 * (an empty deadline as null: until the new start), so the server reads them all in the same zone.
 */
export const draftToUpdateInput = (changes: Partial<EventDraft>, base: EventDraft): Record<string, unknown> => {
  const d = { ...base, ...changes };
  const out: Record<string, unknown> = {};
  if (changes.title !== undefined) out.title = d.title.trim();
  if (changes.type !== undefined) out.type = d.type;
  if (changes.description !== undefined) out.description = d.description;
  if (scheduleKeys.some((k) => changes[k] !== undefined)) {
    out.startsAt = localOf(d.startDate, d.startTime);
    out.endsAt = localOf(d.endDate, d.endTime);
    out.timeZone = d.timeZone;
    out.registrationDeadline = deadlineOf(d);
  }
  if (changes.venue !== undefined) out.venue = d.venue.trim() || null;
  if (changes.onlineUrl !== undefined) out.onlineUrl = d.onlineUrl.trim() || null;
  if (changes.capacity !== undefined) out.capacity = sentCapacity(d.capacity);
  if (changes.waitlist !== undefined) out.waitlist = d.waitlist;
  if (changes.slug !== undefined) out.slug = d.slug.trim().toLowerCase();
  if ((changes.campaignId !== undefined || changes.campaignMode !== undefined) && d.campaignId)
    out.campaignId = d.campaignId;
  if (changes.ownerId !== undefined && d.ownerId) out.ownerId = d.ownerId;
  if (changes.teamId !== undefined) out.teamId = d.teamId;
  if (changes.status !== undefined) out.status = d.status;
  return out;
};

/** What the form checks itself, in the user's words (keys of `events.errors`), by the API's paths. */
export type EventIssue =
  | 'titleRequired'
  | 'startRequired'
  | 'endRequired'
  | 'endBeforeStart'
  | 'capacityInvalid'
  | 'deadlineAfterEnd'
  | 'slugInvalid'
  | 'onlineUrlInvalid'
  | 'campaignRequired';

const slugPattern = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$/;

export const eventDraftIssues = (d: EventDraft): Record<string, EventIssue> => {
  const out: Record<string, EventIssue> = {};
  if (!d.title.trim()) out.title = 'titleRequired';
  if (!d.startDate || !d.startTime) out.startsAt = 'startRequired';
  if (!d.endDate || !d.endTime) out.endsAt = 'endRequired';
  const start = localOf(d.startDate, d.startTime);
  const end = localOf(d.endDate, d.endTime);
  // wall times of one zone compare as text (YYYY-MM-DDTHH:MM)
  if (!out.startsAt && !out.endsAt && end <= start) out.endsAt = 'endBeforeStart';
  const capacity = sentCapacity(d.capacity);
  if (capacity < 1 || capacity > 100_000) out.capacity = 'capacityInvalid';
  const deadline = deadlineOf(d);
  if (deadline && !out.endsAt && deadline > end) out.registrationDeadline = 'deadlineAfterEnd';
  const slug = d.slug.trim().toLowerCase();
  if (slug.length < 2 || slug.length > 60 || !slugPattern.test(slug)) out.slug = 'slugInvalid';
  if (d.onlineUrl.trim() && !/^https?:\/\/[^\s]+\.[^\s]+/i.test(d.onlineUrl.trim())) out.onlineUrl = 'onlineUrlInvalid';
  if (d.campaignMode === 'existing' && !d.campaignId) out.campaignId = 'campaignRequired';
  return out;
};
