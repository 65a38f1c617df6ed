import { describe, expect, it } from 'vitest';
import {
  budgetShare,
  formatCampaignMoney,
  formatRoi,
  majorToMinor,
  minorToMajor,
  previewMemberCsv,
  roiColor,
  splitCsvLine,
} from './campaignMath';

// Intl puts (narrow) no-break spaces before "%" in German and uses a real minus sign; compare plainly.
const plain = (s: string) => s.replace(/[\u00a0\u202f]/g, ' ').replace(/\u2212/g, '-');

describe('majorToMinor', () => {
  it.each([
    ['1234.56', 'EUR', 123456],
    [1234.56, 'EUR', 123456],
    ['0.1', 'EUR', 10],
    [0.1 + 0.2, 'EUR', 30], // 0.30000000000000004 → 30 cents
    ['1.005', 'EUR', 101], // half up on the decimal digit; Math.round(1.005 * 100) would give 100
    ['1.004', 'EUR', 100],
    [4.35, 'EUR', 435], // 4.35 * 100 = 434.99999999999994 in binary floating point
    ['500', 'JPY', 500],
    ['499.5', 'JPY', 500],
    ['', 'EUR', 0],
    ['.5', 'EUR', 50],
    ['7.', 'EUR', 700],
    [100_000_000_000, 'EUR', 10_000_000_000_000],
    [1e-7, 'EUR', 0],
  ] as const)('%s %s → %d', (major, currency, minor) => {
    expect(majorToMinor(major, currency)).toBe(minor);
  });

  it.each([['-5'], ['12,50'], ['abc'], ['.'], [-1], [Number.NaN]])('rejects %s', (v) => {
    expect(majorToMinor(v, 'EUR')).toBeNull();
  });
});

describe('minorToMajor', () => {
  it.each([
    [123456, 'EUR', '1234.56'],
    [5, 'EUR', '0.05'],
    [0, 'EUR', '0.00'],
    [500, 'JPY', '500'],
    [10_000_000_000_000, 'EUR', '100000000000.00'],
  ] as const)('%d %s → %s', (minor, currency, major) => {
    expect(minorToMajor(minor, currency)).toBe(major);
    expect(majorToMinor(major, currency)).toBe(minor);
  });
});

describe('ROI', () => {
  it.each([
    // revenue 25.000 €, cost 10.000 € → (25000 − 10000) / 10000 = 1.5
    [1.5, 'de', '+150 %', 'teal'],
    [1.5, 'en', '+150%', 'teal'],
    // revenue 6.000 €, cost 10.000 € → −0.4
    [-0.4, 'de', '-40 %', 'red'],
    // revenue 0 → −100 %
    [-1, 'en', '-100%', 'red'],
    // 1.2345 → one decimal below 1000 %
    [1.2345, 'de', '+123,5 %', 'teal'],
    // 12.3456 → whole percent from 1000 % on
    [12.3456, 'en', '+1,235%', 'teal'],
    [0, 'de', '0 %', 'gray'],
    [null, 'de', '—', 'gray'],
  ] as const)('%s in %s → %s (%s)', (roi, lng, text, color) => {
    expect(plain(formatRoi(roi, lng))).toBe(text);
    expect(roiColor(roi)).toBe(color);
  });

  it('shares the budget spent, none without a budget', () => {
    expect(budgetShare(7500, 10000)).toBe(0.75);
    expect(budgetShare(12000, 10000)).toBe(1.2);
    expect(budgetShare(500, 0)).toBeNull();
  });
});

describe('CSV member lists', () => {
  it('splits quoted fields', () => {
    expect(splitCsvLine('"Vogt, Lena";lena@x.de;"sagt ""hallo"""', ';')).toEqual([
      'Vogt, Lena',
      'lena@x.de',
      'sagt "hallo"',
    ]);
  });

  it('finds the E-Mail column of a German Excel export and sends only the addresses', () => {
    const text =
      'Name;E-Mail;Firma\r\nLena Vogt;lena@nenner.demo;Nenner\r\nOhne Adresse;;X\r\n\r\nMax;max@kunde.de;Y\r\n';
    const p = previewMemberCsv(text);
    expect(p.problem).toBeNull();
    expect(p.emails).toBe(2);
    expect(p.invalid).toEqual([{ line: 3, value: '' }]);
    expect(p.csv).toBe('email\nlena@nenner.demo\nmax@kunde.de\n');
    // sent line 2 is the user's line 2, sent line 3 the user's line 5 (line 3 invalid, line 4 blank)
    expect(p.sourceLine[2]).toBe(2);
    expect(p.sourceLine[3]).toBe(5);
  });

  it('takes a bare list of addresses without a header', () => {
    const p = previewMemberCsv('a@b.de\nkein-mail\nc@d.com');
    expect(p.emails).toBe(2);
    expect(p.invalid).toEqual([{ line: 2, value: 'kein-mail' }]);
    expect(p.csv).toBe('email\na@b.de\nc@d.com\n');
    expect(p.sourceLine.slice(2)).toEqual([1, 3]);
  });

  it('reads a comma CSV with an "email" header and a byte order mark', () => {
    const p = previewMemberCsv('\uFEFFfirst,email\nLena,lena@nenner.demo');
    expect(p.emails).toBe(1);
    expect(p.sourceLine[2]).toBe(2);
  });

  it('names what is missing', () => {
    expect(previewMemberCsv('  \n').problem).toBe('empty');
    expect(previewMemberCsv('Name;Firma\nLena;Nenner').problem).toBe('no_email_column');
    expect(previewMemberCsv('email\n').problem).toBe('empty');
  });
});

describe('one format for every campaign amount (header and tiles agree)', () => {
  it.each([
    [123456, 'EUR', 'de', '1.234,56 €'],
    [123456, 'EUR', 'en', '€1,234.56'],
    [3560000, 'EUR', 'de', '35.600,00 €'],
    [123456, 'CHF', 'de', '1.234,56 CHF'],
    [0, 'EUR', 'de', '0,00 €'],
  ])('%d minor units of %s in %s → %s', (minor, currency, lng, expected) => {
    expect(plain(formatCampaignMoney(minor, currency, lng))).toBe(expected);
  });
});
