import { describe, expect, it } from 'vitest';
import { suggestMapping } from '../src/imports/fields.js';
import {
  domainOf,
  isReportFooter,
  parseImportDate,
  parseImportNumber,
  parseImportPhone,
  splitEmails,
} from '../src/imports/values.js';

describe('parseImportNumber', () => {
  it.each([
    ['1.234,56', 'comma', 1234.56],
    ['1234,5', 'comma', 1234.5],
    ['12.000', 'comma', 12000],
    ['-3,25', 'comma', -3.25],
    ['1.234,56 €', 'comma', 1234.56],
    ['EUR 99,00', 'comma', 99],
    ['1234.5', 'comma', 1234.5],
    ['1,234.56', 'point', 1234.56],
    ['1234.56', 'point', 1234.56],
    ['12,000', 'point', 12000],
    ['', 'comma', null],
    ['abc', 'comma', null],
    ['1,2,3', 'comma', null],
  ] as const)('%s (%s) → %s', (text, decimal, expected) => {
    expect(parseImportNumber(text, decimal)).toBe(expected);
  });
});

describe('parseImportDate', () => {
  it.each([
    ['31.12.2026', 'dmy', '2026-12-31'],
    ['31.12.26', 'dmy', '2026-12-31'],
    ['1.2.27', 'dmy', '2027-02-01'],
    ['01.02.99', 'dmy', '1999-02-01'],
    ['2026-12-31', 'dmy', '2026-12-31'],
    ['2026-12-31T10:00:00Z', 'dmy', '2026-12-31'],
    ['12/31/2026', 'mdy', '2026-12-31'],
    ['31/12/2026', 'dmy', '2026-12-31'],
    ['31.02.2026', 'dmy', null],
    ['morgen', 'dmy', null],
  ] as const)('%s (%s) → %s', (text, format, expected) => {
    expect(parseImportDate(text, format)).toBe(expected);
  });
});

describe('parseImportPhone', () => {
  it.each([
    ['089 / 123 45-67', '+49 89 1234567'],
    ['(0 89) 1234567', '+49 89 1234567'],
    ['+49 (0)89 1234567', '+49 89 1234567'],
    ['0049 30 987654', '+49 30 987654'],
    ['0221 555 123', '+49 221 555123'],
    ['+41 44 668 18 00', '+41 44 6681800'],
    ['112', '112'],
  ])('%s → %s', (text, expected) => {
    expect(parseImportPhone(text)).toBe(expected);
  });
});

describe('the rest of a row', () => {
  it.each([
    [['Grand Totals (12 records)'], true],
    ['Confidential Information - Do Not Distribute'.split(';'), true],
    [['Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved.'], true],
    [['Grand', 'Totals', 'x', 'y'], false],
    [['Anna', 'Müller'], false],
  ])('footer %j → %s', (cells, expected) => {
    expect(isReportFooter(cells)).toBe(expected);
  });

  it.each([
    ['https://www.Example.de/kontakt', 'example.de'],
    ['anna@Firma.example', 'firma.example'],
    ['bäckerei-süß.de', 'bäckerei-süß.de'],
    ['keine domain', null],
  ])('domain of %s → %s', (text, expected) => {
    expect(domainOf(text)).toBe(expected);
  });

  it('splits emails on ; , and spaces', () => {
    expect(splitEmails('a@x.de; b@y.de,c@z.de  d@w.de')).toEqual(['a@x.de', 'b@y.de', 'c@z.de', 'd@w.de']);
  });
});

describe('suggestMapping', () => {
  it.each([
    ['contacts', ['First Name', 'Last Name', 'Email', 'Phone Number', 'Record ID'], 'hubspot'],
    ['contacts', ['First Name', 'Last Name', 'Title', 'Account Name', 'Email'], 'salesforce'],
    ['contacts', ['Person - Name', 'Person - Email', 'Person - Organization'], 'pipedrive'],
    ['accounts', ['Organization - Name', 'Organization - Website'], 'pipedrive'],
    ['deals', ['Opportunity Name', 'Account Name', 'Stage', 'Amount', 'Close Date'], 'salesforce'],
    ['deals', ['Deal Name', 'Deal Stage', 'Amount', 'Pipeline'], 'hubspot'],
    ['contacts', ['firstName', 'lastName', 'emails', 'jobTitle'], 'nenner'],
    ['contacts', ['Vorname', 'Nachname', 'E-Mail'], 'generic'],
  ] as const)('%s %j → %s', (entity, columns, preset) => {
    expect(suggestMapping(entity, columns).preset).toBe(preset);
  });

  it('keeps every email column and drops what it does not know', () => {
    expect(suggestMapping('contacts', ['Person - Email - Work', 'Person - Email', 'Lieblingsfarbe']).mapping).toEqual({
      'Person - Email - Work': 'emails',
      'Person - Email': 'emails',
      Lieblingsfarbe: null,
    });
  });
});
