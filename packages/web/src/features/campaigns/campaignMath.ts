import { currencyDigits, formatMoney, toIntlLocale } from '../../i18n/format';

/**
 * Every amount of a campaign (budget, costs, pipeline, revenue), on every screen that shows one: to the
 * cent, as the costs were booked, so the header and the tiles agree (1.234,56 €, never 1.235 € beside it).
 */
export const formatCampaignMoney = (minor: number, currency: string, lng: string): string =>
  formatMoney(minor, currency, lng);

/**
 * A major-unit amount as typed ("1234.56", 1234.56) in exact minor units (123456), rounding half up on
 * the decimal digits rather than on a binary float (so 1.005 EUR is 101 cents, not 100). Empty → 0;
 * anything that is not a plain non-negative decimal → null.
 */
export const majorToMinor = (value: number | string, currency: string): number | null => {
  const digits = currencyDigits(currency);
  let text = typeof value === 'number' ? String(value) : value.trim();
  if (text === '') return 0;
  if (typeof value === 'number') {
    if (!Number.isFinite(value) || value < 0) return null;
    // String() of very small or very large numbers uses exponent notation; toFixed(20) spells them out.
    if (/e/i.test(text)) text = value.toFixed(20);
  }
  const m = /^(\d*)(?:\.(\d*))?$/.exec(text);
  if (!m || (m[1] === '' && !m[2])) return null;
  const whole = m[1] || '0';
  const fraction = (m[2] ?? '').padEnd(digits + 1, '0');
  const kept = fraction.slice(0, digits);
  const roundUp = Number(fraction[digits]) >= 5;
  const minor = Number(whole + kept) + (roundUp ? 1 : 0);
  return Number.isSafeInteger(minor) ? minor : null;
};

/** Minor units as the exact decimal string an amount input shows (123456 EUR → "1234.56"; 5 → "0.05"). */
export const minorToMajor = (minor: number, currency: string): string => {
  const digits = currencyDigits(currency);
  if (digits === 0) return String(minor);
  const s = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${minor < 0 ? '-' : ''}${s.slice(0, -digits)}.${s.slice(-digits)}`;
};

/** ROI ((revenue − cost) / cost) as a signed percentage, e.g. de: +150 %, −40 %; null (no costs) → "—". */
export const formatRoi = (roi: number | null, lng: string): string =>
  roi === null || !Number.isFinite(roi)
    ? '—'
    : new Intl.NumberFormat(toIntlLocale(lng), {
        style: 'percent',
        maximumFractionDigits: Math.abs(roi) < 10 ? 1 : 0,
        signDisplay: 'exceptZero',
      }).format(roi);

/** The colour that tells a return from a loss at a glance. */
export const roiColor = (roi: number | null): 'teal' | 'red' | 'gray' =>
  roi === null || roi === 0 ? 'gray' : roi > 0 ? 'teal' : 'red';

/** Spent share of the budget (0..∞) for a progress bar; null without a budget. */
export const budgetShare = (actual: number, budget: number): number | null => (budget > 0 ? actual / budget : null);

// ——— CSV member lists ————————————————————————————————————————————————————————————————————————

const emailHeader = /^(e-?mail|e-?mail[- ]?adresse|email address|mail)$/i;
const looksLikeEmail = (s: string) => /^[^\s@,;"]+@[^\s@,;"]+\.[^\s@,;"]+$/.test(s);

/** Splits one CSV line on the delimiter, honouring double quotes ("a;b" stays one field, "" is a quote). */
export const splitCsvLine = (line: string, delimiter: string): string[] => {
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quoted) {
      if (ch === '"' && line[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === delimiter) {
      out.push(field);
      field = '';
    } else field += ch;
  }
  out.push(field);
  return out.map((f) => f.trim());
};

export interface MemberCsvPreview {
  /** What is sent as `csv`: an `email` header and one valid address per line. */
  csv: string;
  /** For each line of `csv` (1-based, index 0 unused), the line the user pasted or uploaded. */
  sourceLine: number[];
  /** Data rows with an address that looks valid. */
  emails: number;
  /** Rows (the user's line numbers) whose email cell is empty or not an address; they are not sent. */
  invalid: { line: number; value: string }[];
  problem: 'empty' | 'no_email_column' | null;
}

/**
 * Reads a pasted or uploaded member list before it is sent: a CSV (comma, semicolon or tab) with an
 * email column, or simply one address per line. It sends the server a plain one-column list, so the
 * server's report of unmatched lines maps back to the user's own line numbers through `sourceLine`.
 */
export const previewMemberCsv = (text: string): MemberCsvPreview => {
  const lines = text
    .replace(/^\uFEFF/, '')
    .replace(/\r\n?/g, '\n')
    .split('\n');
  const firstIndex = lines.findIndex((l) => l.trim() !== '');
  const none: MemberCsvPreview = { csv: '', sourceLine: [], emails: 0, invalid: [], problem: 'empty' };
  if (firstIndex < 0) return none;
  const first = lines[firstIndex] ?? '';
  const delimiter = [';', '\t', ','].find((d) => first.includes(d)) ?? ',';
  const header = splitCsvLine(first, delimiter);
  let column = header.findIndex((h) => emailHeader.test(h));
  let dataFrom = firstIndex + 1;
  if (column < 0) {
    // Without a header only a bare list of addresses is understood.
    if (header.length !== 1 || !looksLikeEmail(header[0] ?? '')) return { ...none, problem: 'no_email_column' };
    column = 0;
    dataFrom = firstIndex;
  }
  const sent = ['email'];
  const sourceLine = [0, 0];
  const invalid: MemberCsvPreview['invalid'] = [];
  for (let i = dataFrom; i < lines.length; i++) {
    const line = lines[i] ?? '';
    if (line.trim() === '') continue;
    const value = splitCsvLine(line, delimiter)[column] ?? '';
    if (looksLikeEmail(value)) {
      sent.push(value);
      sourceLine.push(i + 1);
    } else invalid.push({ line: i + 1, value });
  }
  const emails = sent.length - 1;
  return {
    csv: emails > 0 ? `${sent.join('\n')}\n` : '',
    sourceLine,
    emails,
    invalid,
    problem: emails === 0 && invalid.length === 0 ? 'empty' : null,
  };
};
