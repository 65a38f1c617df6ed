// The browser build: the Node entry reads `Buffer` when it loads, which a browser has not; this one runs in both.
import { stringify } from 'csv-stringify/browser/esm/sync';

/** One CSV cell: text, a number (written as it is), a date, or empty. */
export type CsvCell = string | number | Date | null | undefined;

/** How a locale writes a CSV: German Excel wants `;`, a BOM, decimal commas and dd.mm.yyyy. */
export interface CsvOptions {
  delimiter?: ',' | ';';
  /** A UTF-8 byte order mark before the first row (so Excel reads UTF-8). */
  bom?: boolean;
  decimalComma?: boolean;
  /** `de`: dd.mm.yyyy; `iso` (default): yyyy-mm-dd. Dates are written as their UTC day. */
  dates?: 'de' | 'iso';
}

const pad = (n: number) => String(n).padStart(2, '0');
const dayOf = (d: Date, style: 'de' | 'iso') =>
  style === 'de'
    ? `${pad(d.getUTCDate())}.${pad(d.getUTCMonth() + 1)}.${d.getUTCFullYear()}`
    : d.toISOString().slice(0, 10);

/**
 * A bare CR (one not followed by LF) ends a row for some spreadsheet readers even inside quotes, so the text
 * after it would start a new row, and a formula there would run (`utm_campaign=cr\r=1+1`, issue 15). Such a
 * line gets the same leading `'` as a cell's start.
 */
const BARE_CR_FORMULA = /\r(?=[=+\-@\t\r])/g;
const escapeBareCr = (cell: CsvCell): CsvCell =>
  typeof cell === 'string' && cell.includes('\r') ? cell.replace(BARE_CR_FORMULA, "\r'") : cell;

/**
 * Rows as CSV for spreadsheets, the one writer of every export (server downloads and the web app's
 * widget exports): comma-separated, CRLF after every row, a cell quoted when it holds a quote, a comma,
 * a semicolon (German Excel's separator) or a line break. Text that begins with `=`, `+`, `-`, `@`, a
 * tab or a CR gets a leading `'`, so a spreadsheet shows it instead of running it as a formula; numbers
 * stay as they are (a negative number is no formula). `header`, when given, is the first row; `options`
 * switch to a locale's conventions (German: `;`, BOM, decimal comma, dd.mm.yyyy).
 */
export const toCsv = (
  rows: readonly (readonly CsvCell[])[],
  header?: readonly string[],
  options: CsvOptions = {},
): string =>
  (options.bom ? '\uFEFF' : '') +
  stringify(header ? [[...header], ...rows.map((r) => r.map(escapeBareCr))] : rows.map((r) => r.map(escapeBareCr)), {
    delimiter: options.delimiter ?? ',',
    cast: {
      // the original value decides the formula escaping: a negative number stays a number
      number: (n) => (options.decimalComma ? String(n).replace('.', ',') : String(n)),
      date: (d) => dayOf(d, options.dates ?? 'iso'),
    },
    record_delimiter: 'windows',
    // a lone LF or CR in a cell would end the row for most readers, not only CRLF
    quote_record_delimiter: true,
    escape_formulas: true,
    quoted_match: /;/,
  });
