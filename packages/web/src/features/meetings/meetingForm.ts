import {
  type AgendaSection,
  type AgendaTemplate,
  agendaSections,
  defaultAgendaTemplate,
  defaultNth,
  type Meeting,
  type MeetingCadence,
  weekdayOf,
} from '@nenner/shared';

/** What the series form edits: the first start as a local date and time in the series' zone. */
export type MeetingDraft = {
  title: string;
  cadence: MeetingCadence;
  /** YYYY-MM-DD and HH:MM, wall time in the series' (the workspace's) time zone. */
  startDate: string;
  startTime: string;
  /** Whole minutes; '' while empty. */
  durationMinutes: number | string;
  location: string;
  participantIds: string[];
  hostId: string | null;
  /** Monthly only: which one of the weekday of the month ('1'–'4', '-1' = the last). */
  nth: string;
  agendaTemplate: AgendaTemplate;
};

const pad = (n: number) => String(n).padStart(2, '0');

/** The next Monday after `now` (the browser's calendar), the usual day of a new weekly meeting. */
export const nextMonday = (now = new Date()): string => {
  const d = new Date(now.getFullYear(), now.getMonth(), now.getDate() + ((8 - now.getDay()) % 7 || 7));
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
};

/** A new series: weekly from next Monday at 09:00 for an hour, the current user as host and participant. */
export const emptyMeetingDraft = (meId: string, now = new Date()): MeetingDraft => {
  const startDate = nextMonday(now);
  return {
    title: '',
    cadence: 'weekly',
    startDate,
    startTime: '09:00',
    durationMinutes: 60,
    location: '',
    participantIds: [meId],
    hostId: meId,
    nth: String(defaultNth(startDate)),
    agendaTemplate: defaultAgendaTemplate.map((s) => ({ ...s })),
  };
};

export const meetingToDraft = (m: Meeting): MeetingDraft => ({
  title: m.title,
  cadence: m.cadence,
  startDate: m.localStart.slice(0, 10),
  startTime: m.localStart.slice(11, 16),
  durationMinutes: m.durationMinutes,
  location: m.location ?? '',
  participantIds: m.participants.map((p) => p.id),
  hostId: m.host.id,
  nth: String(m.nth ?? defaultNth(m.localStart.slice(0, 10))),
  agendaTemplate: m.agendaTemplate.map((s) => ({ ...s })),
});

/** The duration that is sent: not a whole number → -1, so the schema names the field. */
const sentDuration = (v: number | string): number => {
  const n = typeof v === 'number' ? v : String(v).trim() === '' ? Number.NaN : Number(v);
  return Number.isInteger(n) ? n : -1;
};

/** The schedule as the API takes it: a local start (read in the series' zone), and monthly its rule. */
const scheduleOf = (d: MeetingDraft): Record<string, unknown> => ({
  cadence: d.cadence,
  startsAt: `${d.startDate}T${d.startTime}`,
  ...(d.cadence === 'monthly' && { weekday: weekdayOf(d.startDate), nth: Number(d.nth) }),
});

/** A new series' body: every field; no time zone, so the workspace's applies. */
export const draftToCreateInput = (d: MeetingDraft): Record<string, unknown> => ({
  title: d.title.trim(),
  ...scheduleOf(d),
  durationMinutes: sentDuration(d.durationMinutes),
  location: d.location.trim() || null,
  participantIds: d.participantIds,
  ...(d.hostId && { hostId: d.hostId }),
  agendaTemplate: d.agendaTemplate,
});

const scheduleKeys = ['cadence', 'startDate', 'startTime', 'nth'] as const;

/** An edit's body: only what changed; any part of the schedule sends the whole schedule. */
export const draftToUpdateInput = (changes: Partial<MeetingDraft>, base: MeetingDraft): Record<string, unknown> => {
  const d = { ...base, ...changes };
  const out: Record<string, unknown> = {};
  if (changes.title !== undefined) out.title = d.title.trim();
  if (scheduleKeys.some((k) => changes[k] !== undefined)) Object.assign(out, scheduleOf(d));
  if (changes.durationMinutes !== undefined) out.durationMinutes = sentDuration(d.durationMinutes);
  if (changes.location !== undefined) out.location = d.location.trim() || null;
  if (changes.participantIds !== undefined) out.participantIds = d.participantIds;
  if (changes.hostId !== undefined && d.hostId) out.hostId = d.hostId;
  if (changes.agendaTemplate !== undefined) out.agendaTemplate = d.agendaTemplate;
  return out;
};

/** What the form checks itself, in the user's words (keys of `meetings.errors`), by the API's paths. */
export type MeetingIssue =
  | 'titleRequired'
  | 'dateRequired'
  | 'timeRequired'
  | 'durationInvalid'
  | 'participantsRequired';

export const meetingDraftIssues = (d: MeetingDraft): Record<string, MeetingIssue> => {
  const out: Record<string, MeetingIssue> = {};
  if (!d.title.trim()) out.title = 'titleRequired';
  if (!d.startDate) out.startsAt = 'dateRequired';
  else if (!d.startTime) out.startsAt = 'timeRequired';
  const duration = sentDuration(d.durationMinutes);
  if (duration < 5 || duration > 480) out.durationMinutes = 'durationInvalid';
  if (d.participantIds.length === 0) out.participantIds = 'participantsRequired';
  return out;
};

/** The template with the section at `index` swapped with its neighbour (-1: up, +1: down). */
export const moveSection = (template: AgendaTemplate, index: number, by: -1 | 1): AgendaTemplate => {
  const to = index + by;
  if (to < 0 || to >= template.length) return template;
  const next = [...template];
  [next[index], next[to]] = [next[to] as AgendaTemplate[number], next[index] as AgendaTemplate[number]];
  return next;
};

/** The sections a template does not hold yet, in their default order. */
export const missingSections = (template: AgendaTemplate): AgendaSection[] =>
  agendaSections.filter((s) => !template.some((x) => x.section === s));
