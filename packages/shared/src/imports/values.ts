import { normalizePhone } from '../quality/normalize.js';
import type { ImportDateFormat, ImportDecimal } from '../schemas/imports.js';

/**
 * A number as a spreadsheet writes it: `1.234,56` (German, decimal comma) or `1,234.56` (decimal point),
 * with an optional currency sign or code around it. Null when the text is no number.
 */
export const parseImportNumber = (text: string, decimal: ImportDecimal): number | null => {
  const s = text
    .trim()
    .replace(/^(EUR|USD|CHF|GBP|€|\$|£)\s*/i, '')
    .replace(/\s*(EUR|USD|CHF|GBP|€|\$|£)$/i, '')
    .replace(/[\s\u00a0']/g, '');
  if (s === '') return null;
  const [group, point] = decimal === 'comma' ? ['.', ','] : [',', '.'];
  const pattern = decimal === 'comma' ? /^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/ : /^-?(\d{1,3}(,\d{3})+|\d+)(\.\d+)?$/;
  if (!pattern.test(s)) {
    // a plain machine number (`1234.5`) reads the same in both conventions when it has no group marks
    return /^-?\d+\.\d+$/.test(s) && decimal === 'comma' && !/^\d{1,3}\.\d{3}$/.test(s) ? Number(s) : null;
  }
  return Number(s.split(group).join('').replace(point, '.'));
};

const pad = (n: number) => String(n).padStart(2, '0');

const validDate = (y: number, m: number, d: number): string | null => {
  const date = new Date(Date.UTC(y, m - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== m - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
};

/** Two-digit years: 00–69 are 2000–2069, 70–99 are 1970–1999 (what Excel does). */
const fullYear = (y: string) => (y.length === 2 ? (Number(y) < 70 ? 2000 + Number(y) : 1900 + Number(y)) : Number(y));

/**
 * A calendar date as `YYYY-MM-DD`: ISO (`2026-12-31`, also with a time), German `31.12.2026` / `31.12.26`,
 * or `12/31/2026` / `31/12/2026` by the import's date format. Null when it is no valid date.
 */
export const parseImportDate = (text: string, format: ImportDateFormat): string | null => {
  const s = text.trim();
  const iso = /^(\d{4})-(\d{1,2})-(\d{1,2})([T ].*)?$/.exec(s);
  if (iso) return validDate(Number(iso[1]), Number(iso[2]), Number(iso[3]));
  const dotted = /^(\d{1,2})\.(\d{1,2})\.(\d{2}|\d{4})$/.exec(s);
  if (dotted) return validDate(fullYear(dotted[3] as string), Number(dotted[2]), Number(dotted[1]));
  const slashed = /^(\d{1,2})[/-](\d{1,2})[/-](\d{2}|\d{4})$/.exec(s);
  if (slashed) {
    const [a, b] = [Number(slashed[1]), Number(slashed[2])];
    const y = fullYear(slashed[3] as string);
    return format === 'mdy' ? validDate(y, a, b) : validDate(y, b, a);
  }
  return null;
};

/**
 * A phone number in international notation (`+49 89 1234567`) from German ways of writing it:
 * `089 / 123 45-67`, `(0 89) 1234567`, `+49 (0)89 1234567`, `0049 89 …`. Text with too few digits stays as it is.
 */
export const parseImportPhone = (text: string): string => {
  const s = text.trim();
  const withoutTrunk = s.replace(/\(0\)/g, '');
  const digits = normalizePhone(withoutTrunk);
  if (digits.length < 6) return s;
  const groups = withoutTrunk.split(/\D+/).filter(Boolean);
  const first = groups[0] ?? '';
  if (/^\s*\+/.test(withoutTrunk) || first.startsWith('00')) {
    const country = first.replace(/^00/, '');
    return groups.length >= 3 ? `+${country} ${groups[1]} ${groups.slice(2).join('')}` : `+${digits}`;
  }
  // "(0 89) 1234567": the trunk zero written apart from the area code
  if (first === '0' && groups.length > 2) return `+49 ${groups[1]} ${groups.slice(2).join('')}`;
  if (first.startsWith('0') && groups.length > 1) return `+49 ${first.slice(1)} ${groups.slice(1).join('')}`;
  return `+${digits}`;
};

const footer =
  /^(grand totals?\b|gesamtsummen?\b|total\b.*records|confidential information|vertrauliche informationen|copyright\b|©)/i;

/** A row a Salesforce report export appends below the data ("Grand Totals (12 records)", "Confidential Information …", "Copyright …"). */
export const isReportFooter = (cells: readonly string[]): boolean => {
  const filled = cells.map((c) => c.trim()).filter(Boolean);
  return filled.length > 0 && filled.length <= 2 && footer.test(filled[0] as string);
};

/** The email addresses in a cell: `a@x.de; b@y.de` or `a@x.de, b@y.de`. */
export const splitEmails = (text: string): string[] =>
  text
    .split(/[;,\s]+/)
    .map((e) => e.trim())
    .filter(Boolean);

/** The domain of a website or email: `https://www.Example.de/kontakt` → `example.de`. */
export const domainOf = (text: string): string | null => {
  const s = text.trim().toLowerCase();
  if (s === '') return null;
  const host = s.includes('@') ? s.split('@').pop() : s.replace(/^[a-z]+:\/\//, '').split(/[/?#:]/)[0];
  const d = host?.replace(/^www\./, '') ?? '';
  return /^[a-z0-9äöüß-]+(\.[a-z0-9äöüß-]+)+$/.test(d) ? d : null;
};
