import type { BusinessCalendar, Weekday } from './businessTime.js';
import { type HolidayRegion, holidaysIn } from './holidays.js';

/** What an SLA says about its working time (a part of the SLA settings). */
export interface SlaWorkingTime {
  timeZone: string;
  businessHours: Record<Weekday, readonly [string, string] | null>;
  holidayRegion: HolidayRegion;
  extraHolidays: readonly string[];
}

/**
 * The business calendar of an SLA: its hours per weekday and its region's public holidays from 2020 to
 * three years after `now`, plus the extra days off. The server's due times and the web app's countdowns
 * both come from this one calendar.
 */
export const slaCalendar = (sla: SlaWorkingTime, now = Date.now()): BusinessCalendar => {
  const holidays = new Set(sla.extraHolidays);
  const last = new Date(now).getUTCFullYear() + 3;
  for (let year = 2020; year <= last; year++) for (const d of holidaysIn(sla.holidayRegion, year)) holidays.add(d);
  return { timeZone: sla.timeZone, hours: sla.businessHours, holidays };
};
