import { describe, expect, it } from 'vitest';
import { closeOverdueDays } from './closeOverdue';

type Status = 'open' | 'won' | 'lost';

// [case, status, closeDate, now (UTC), time zone, expected days overdue or null]
const cases: [string, Status, string | null, string, string, number | null][] = [
  ['three days late', 'open', '2026-12-03', '2026-12-06T09:00:00Z', 'Europe/Berlin', 3],
  ['one day late', 'open', '2026-12-05', '2026-12-06T09:00:00Z', 'Europe/Berlin', 1],
  ['due today is not late', 'open', '2026-12-06', '2026-12-06T22:59:00Z', 'Europe/Berlin', null],
  ['due in the future', 'open', '2026-12-10', '2026-12-06T09:00:00Z', 'Europe/Berlin', null],
  ['no close date', 'open', null, '2026-12-06T09:00:00Z', 'Europe/Berlin', null],
  ['won is never flagged', 'won', '2026-11-01', '2026-12-06T09:00:00Z', 'Europe/Berlin', null],
  ['lost is never flagged', 'lost', '2026-11-01', '2026-12-06T09:00:00Z', 'Europe/Berlin', null],
  // 23:30 UTC on the 5th is 00:30 on the 6th in Berlin (CET, +1): the 5th has passed there, not in UTC
  ['Berlin past midnight, UTC not yet', 'open', '2026-12-05', '2026-12-05T23:30:00Z', 'Europe/Berlin', 1],
  ['UTC before midnight', 'open', '2026-12-05', '2026-12-05T23:30:00Z', 'UTC', null],
  // New York (EST, -5) is at 18:30 on the 5th
  ['New York still on the close day', 'open', '2026-12-05', '2026-12-05T23:30:00Z', 'America/New_York', null],
  // 00:30 UTC on the 6th is still 19:30 on the 5th in New York, though UTC has the 6th
  ['UTC past midnight, New York not yet', 'open', '2026-12-05', '2026-12-06T00:30:00Z', 'America/New_York', null],
  // Auckland (NZDT, +13) is at 01:00 on the 6th while Honolulu (-10) is at 02:00 on the 5th
  ['Auckland a day ahead', 'open', '2026-12-05', '2026-12-05T12:00:00Z', 'Pacific/Auckland', 1],
  ['Honolulu on the close day', 'open', '2026-12-05', '2026-12-05T12:00:00Z', 'Pacific/Honolulu', null],
  // 22:30 UTC on 29 March 2026 is 00:30 CEST (+2, since the spring change that morning) on the 30th
  ['after the spring clock change', 'open', '2026-03-29', '2026-03-29T22:30:00Z', 'Europe/Berlin', 1],
  // 22:30 UTC on 28 March is 23:30 CET (+1): still the 28th
  ['before the spring clock change', 'open', '2026-03-28', '2026-03-28T22:30:00Z', 'Europe/Berlin', null],
  ['over the new year', 'open', '2025-12-31', '2026-01-01T00:00:00Z', 'Europe/Berlin', 1],
  // 2028 is a leap year: 28 Feb → 29 Feb → 1 Mar
  ['over a leap day', 'open', '2028-02-28', '2028-03-01T12:00:00Z', 'UTC', 2],
  // 6 Dec is day 340 of 2026 (334 days in Jan–Nov, + 6), 1 Jan is day 1
  ['most of a year late', 'open', '2026-01-01', '2026-12-06T12:00:00Z', 'Europe/Berlin', 339],
];

describe('closeOverdueDays', () => {
  it.each(cases)('%s', (_name, status, closeDate, now, timeZone, expected) => {
    expect(closeOverdueDays({ status, closeDate }, new Date(now), timeZone)).toBe(expected);
  });
});
