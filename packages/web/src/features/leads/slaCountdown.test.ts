import type { BusinessCalendar } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import { formatBusinessSpan } from '../../i18n/format';
import { slaState } from './SlaCountdown';

// Mon–Fri 09:00–17:00 in Berlin (UTC+1 in December), no holidays: Fri 4 Dec and Mon 7 Dec 2026.
const nineToFive = ['09:00', '17:00'] as const;
const cal: BusinessCalendar = {
  timeZone: 'Europe/Berlin',
  hours: { mon: nineToFive, tue: nineToFive, wed: nineToFive, thu: nineToFive, fri: nineToFive, sat: null, sun: null },
  holidays: new Set(),
};
const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;

describe('slaState counts business time, the SLA’s own unit', () => {
  it.each([
    // due Mon 10:00, now Fri 16:00: Fri 16–17 and Mon 9–10 are open, the weekend is not
    ['left over a weekend', '2026-12-07T09:00:00Z', null, false, '2026-12-04T15:00:00Z', 'left', 120 * MIN],
    ['under an hour left', '2026-12-07T09:00:00Z', null, false, '2026-12-07T08:30:00Z', 'soon', 30 * MIN],
    // 66 clock hours after a Friday 16:00 due time, but only 2 business hours
    ['overdue since Friday', '2026-12-04T15:00:00Z', null, true, '2026-12-07T09:00:00Z', 'overdue', 120 * MIN],
    ['answered in time', '2026-12-04T15:00:00Z', '2026-12-04T14:00:00Z', false, '2026-12-07T09:00:00Z', 'answered', 0],
    [
      'answered late on Monday',
      '2026-12-04T15:00:00Z',
      '2026-12-07T08:15:00Z',
      true,
      '2026-12-07T12:00:00Z',
      'answeredLate',
      75 * MIN,
    ],
    // the server found it breached before the browser's clock did: overdue, by nothing yet
    ['breached by the server', '2026-12-07T09:00:00Z', null, true, '2026-12-07T08:59:00Z', 'overdue', 0],
  ] as const)('%s', (_label, slaDueAt, respondedAt, breached, now, kind, ms) => {
    expect(slaState({ slaDueAt, respondedAt, breached }, at(now), cal)).toEqual({ kind, ms });
  });
});

describe('formatBusinessSpan', () => {
  it.each([
    [120 * MIN, 'de', '2 Std.'],
    [75 * MIN, 'de', '1 Std., 15 Min.'],
    [30 * MIN, 'de', '30 Min.'],
    // more than a business day stays in hours: a day of business time is not 24 hours
    [30 * 60 * MIN, 'de', '30 Std.'],
    [75 * MIN, 'en', '1 hr, 15 mins'],
  ])('%i ms in %s → %s', (ms, lng, text) => {
    expect(formatBusinessSpan(ms, lng)).toBe(text);
  });
});
