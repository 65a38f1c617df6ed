import {
  type AgendaTemplate,
  localDateTimeOf,
  type MeetingCadence,
  type RruleWeekday,
  zonedTimeToEpoch,
} from '@nenner/shared';
import type { TFunction } from 'i18next';

/** What the cadence in words needs of a series (or of the form's draft). */
export interface CadenceParts {
  cadence: MeetingCadence;
  weekday: RruleWeekday;
  /** Monthly only: 1–4, or -1 for the last. */
  nth: number | null;
  /** HH:MM, the local time in the series' zone. */
  time: string;
}

/** The i18n key of an nth weekday of the month: 1–4 → '1'…'4', -1 → 'last'. */
export const nthKey = (nth: number): string => (nth === -1 ? 'last' : String(nth));

/**
 * The rule in words, e.g. de: „wöchentlich, montags 09:00“, „monatlich, am letzten Freitag 14:30“;
 * en: "weekly, Mondays 09:00", "monthly, on the last Friday 14:30".
 */
export const cadenceInWords = (t: TFunction, p: CadenceParts): string => {
  if (p.cadence === 'monthly') {
    return t('meetings.cadenceWords.monthly', {
      nth: t(`meetings.nth.${nthKey(p.nth ?? 1)}`),
      day: t(`meetings.weekday.${p.weekday}`),
      time: p.time,
    });
  }
  return t(`meetings.cadenceWords.${p.cadence}`, { days: t(`meetings.weekdays.${p.weekday}`), time: p.time });
};

/** The local time (HH:MM) of a series' `localStart` (YYYY-MM-DDTHH:MM[:SS]). */
export const timeOfLocal = (localStart: string): string => localStart.slice(11, 16);

/** How many minutes the time boxes of an agenda template add up to. */
export const agendaMinutes = (template: readonly { minutes: number }[]): number =>
  template.reduce((sum, s) => sum + (Number.isFinite(s.minutes) ? s.minutes : 0), 0);

/** One section's slot in a meeting: from its start to its end, one after the other in template order. */
export interface TimeBox {
  section: AgendaTemplate[number]['section'];
  minutes: number;
  startsAt: string;
  endsAt: string;
}

/** The time boxes of a meeting starting at `startsAt` (ISO): each section follows the one before. */
export const timeBoxes = (template: AgendaTemplate, startsAt: string): TimeBox[] => {
  let at = Date.parse(startsAt);
  return template.map((s) => {
    const startsAtIso = new Date(at).toISOString();
    at += s.minutes * 60_000;
    return { section: s.section, minutes: s.minutes, startsAt: startsAtIso, endsAt: new Date(at).toISOString() };
  });
};

const LOCAL_INPUT = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})$/;

/**
 * A datetime-local input's value (YYYY-MM-DDTHH:MM), read as wall time in `timeZone` (not the browser's),
 * as an ISO instant; empty or malformed → null. A time skipped by the spring-forward change moves past
 * the gap (02:30 → 03:30), as the server's rule does.
 */
export const zonedInputToIso = (value: string, timeZone: string): string | null => {
  const m = LOCAL_INPUT.exec(value);
  if (!m) return null;
  const [, y, mo, d, h, mi] = m.map(Number) as [number, number, number, number, number, number];
  const probe = new Date(Date.UTC(y, mo - 1, d));
  if (probe.getUTCMonth() !== mo - 1 || probe.getUTCDate() !== d || h > 23 || mi > 59) return null;
  return new Date(zonedTimeToEpoch({ year: y, month: mo, day: d }, h, mi, timeZone)).toISOString();
};

/** An instant as a datetime-local input's value (YYYY-MM-DDTHH:MM) in `timeZone`. */
export const isoToZonedInput = (iso: string, timeZone: string): string => {
  const { date, time } = localDateTimeOf(iso, timeZone);
  return `${date}T${time}`;
};

/** A time of day (HH:MM) of an instant in a zone, for time boxes: 09:10. */
export const zonedTime = (iso: string, timeZone: string): string => localDateTimeOf(iso, timeZone).time;
