import { describe, expect, it } from 'vitest';
import { formatDayInput, instantToWall, numberSeparators, parseDay, parseTime, wallToInstant } from './fieldFormat';

describe('a typed day in the German and the English UI', () => {
  it.each([
    // German
    ['31.12.2026', '2026-12-31'],
    ['1.2.2027', '2027-02-01'],
    ['01.02.2027', '2027-02-01'],
    ['31.12.26', '2026-12-31'],
    ['31. Dezember 2026', '2026-12-31'],
    ['3. März 2027', '2027-03-03'],
    ['24. Dez. 2026', '2026-12-24'],
    // English (British order, as the English UI writes dates)
    ['31/12/2026', '2026-12-31'],
    ['31 Dec 2026', '2026-12-31'],
    ['7 Sept 2026', '2026-09-07'],
    ['7 September 2026', '2026-09-07'],
    ['1 May 2027', '2027-05-01'],
    // ISO, as the API and a paste from elsewhere write it
    ['2026-12-31', '2026-12-31'],
    ['  31.12.2026 ', '2026-12-31'],
    // not days
    ['29.02.2027', null],
    ['29.02.2028', '2028-02-29'],
    ['31.04.2026', null],
    ['12/31/2026', null],
    ['0.1.2026', null],
    ['31 Foo 2026', null],
    ['31.12.', null],
    ['', null],
    ['morgen', null],
  ])('%j → %j', (text, expected) => {
    expect(parseDay(text)).toBe(expected);
  });
});

describe('a day as the field shows it', () => {
  it.each([
    ['2026-12-31', 'de', '31.12.2026'],
    ['2026-01-05', 'de', '05.01.2026'],
    ['2026-12-31', 'en', '31 Dec 2026'],
    ['2026-01-05', 'en', '5 Jan 2026'],
    ['2026-09-07', 'en', '7 Sept 2026'],
    ['', 'de', ''],
  ])('%s in %s → %j', (value, lng, expected) => {
    expect(formatDayInput(value, lng)).toBe(expected);
  });

  it.each(['de', 'en'])('reads back what it shows (%s), every day of 2026 and 2028', (lng) => {
    for (const year of [2026, 2028]) {
      for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
        const day = new Date(t).toISOString().slice(0, 10);
        expect(parseDay(formatDayInput(day, lng))).toBe(day);
      }
    }
  });
});

describe('a typed time of day', () => {
  it.each([
    ['17:00', '17:00'],
    ['9:05', '09:05'],
    ['0:00', '00:00'],
    ['23:59', '23:59'],
    ['17.30', '17:30'],
    ['17 Uhr', '17:00'],
    ['17', '17:00'],
    ['1700', '17:00'],
    ['0930', '09:30'],
    ['5 pm', '17:00'],
    ['5:30 PM', '17:30'],
    ['9 a.m.', '09:00'],
    ['12 am', '00:00'],
    ['12 pm', '12:00'],
    ['24:00', null],
    ['17:60', null],
    ['13 pm', null],
    ['0 am', null],
    ['17:0', null],
    ['', null],
    ['abends', null],
  ])('%j → %j', (text, expected) => {
    expect(parseTime(text)).toBe(expected);
  });
});

describe('wall time of a Europe/Berlin user ↔ the UTC instant stored', () => {
  const berlin = 'Europe/Berlin';
  it.each([
    // winter (CET, UTC+1) and summer (CEST, UTC+2)
    ['2026-12-31', '17:00', '2026-12-31T16:00:00.000Z'],
    ['2026-07-01', '17:00', '2026-07-01T15:00:00.000Z'],
    ['2027-01-01', '00:30', '2026-12-31T23:30:00.000Z'],
    // spring forward, Sunday 29 March 2026: 02:00 CET becomes 03:00 CEST
    ['2026-03-29', '01:59', '2026-03-29T00:59:00.000Z'],
    ['2026-03-29', '02:30', '2026-03-29T01:30:00.000Z'], // skipped: the same instant as 03:30 CEST
    ['2026-03-29', '03:00', '2026-03-29T01:00:00.000Z'],
    // fall back, Sunday 25 October 2026: 03:00 CEST becomes 02:00 CET; 02:30 happens twice, the first counts
    ['2026-10-25', '01:30', '2026-10-24T23:30:00.000Z'],
    ['2026-10-25', '02:30', '2026-10-25T00:30:00.000Z'],
    ['2026-10-25', '03:00', '2026-10-25T02:00:00.000Z'],
  ])('%s %s → %s', (day, time, iso) => {
    expect(wallToInstant(day, time, berlin)).toBe(iso);
  });

  it.each([
    ['2026-12-31T16:00:00.000Z', '2026-12-31', '17:00'],
    ['2026-12-31T23:30:00.000Z', '2027-01-01', '00:30'],
    ['2026-03-29T01:00:00.000Z', '2026-03-29', '03:00'],
    ['2026-10-25T00:30:00.000Z', '2026-10-25', '02:30'],
    ['2026-10-25T01:30:00.000Z', '2026-10-25', '02:30'],
  ])('%s → %s %s', (iso, day, time) => {
    expect(instantToWall(iso, berlin)).toEqual({ day, time });
  });

  it('reads the wall clock of the zone it is given, not the browser’s', () => {
    expect(wallToInstant('2026-12-31', '17:00', 'America/New_York')).toBe('2026-12-31T22:00:00.000Z');
    expect(wallToInstant('2026-12-31', '17:00', 'UTC')).toBe('2026-12-31T17:00:00.000Z');
  });

  it.each([
    ['2026-02-30', '17:00'],
    ['2026-12-31', '25:00'],
    ['', '17:00'],
    ['2026-12-31', ''],
  ])('%j %j is no instant', (day, time) => {
    expect(wallToInstant(day, time, berlin)).toBeNull();
  });
});

describe('separators of a money field', () => {
  it.each([
    ['de', '.', ','],
    ['en', ',', '.'],
  ])('%s: thousands %j, decimals %j', (lng, thousandSeparator, decimalSeparator) => {
    expect(numberSeparators(lng)).toEqual({ thousandSeparator, decimalSeparator });
  });
});
