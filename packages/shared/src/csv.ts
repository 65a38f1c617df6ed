// The browser build: the Node entry reads `Buffer` when it loads, which a browser has not; this one runs in both.
import { stringify } from 'csv-stringify/browser/esm/sync';

/** One CSV cell: text, a number (written as it is), or empty. */
export type CsvCell = string | number | null | undefined;

/**
 * Rows as CSV for spreadsheets, the one writer of every export (server downloads and the web app's
 * widget exports): comma-separated, CRLF after every row, a cell quoted when it holds a quote, a comma,
 * a semicolon (German Excel's separator) or a line break. Text that begins with `=`, `+`, `-`, `@`, a
 * tab or a CR gets a leading `'`, so a spreadsheet shows it instead of running it as a formula; numbers
 * stay as they are (a negative number is no formula). `header`, when given, is the first row.
 */
export const toCsv = (rows: readonly (readonly CsvCell[])[], header?: readonly string[]): string =>
  stringify(header ? [[...header], ...rows.map((r) => [...r])] : rows.map((r) => [...r]), {
    record_delimiter: 'windows',
    // a lone LF or CR in a cell would end the row for most readers, not only CRLF
    quote_record_delimiter: true,
    escape_formulas: true,
    quoted_match: /;/,
  });
