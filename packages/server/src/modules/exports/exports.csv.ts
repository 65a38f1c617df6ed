import { Readable } from 'node:stream';
import { type CsvCell, toCsv } from '@nenner/shared';
import { FileAnswer } from '../../http/endpoints.js';
import {
  csvOptionsFor,
  type ExportColumn,
  type ExportFormat,
  type ExportLocale,
  escapeFormula,
  exportFile,
} from '../../lib/export.js';

/**
 * The list exports' CSV, byte for byte what `toCsv` (csv-stringify) writes, at a fraction of its cost per
 * cell: csv-stringify was ~30 % of an export's CPU (docs/performance.md). A cell that needs quoting — a
 * quote, the delimiter, a `;` or a line break — is still written by `toCsv` itself; only plain text
 * (with the same leading `'` for a formula), numbers and dates are written here. The test
 * `exports.test.ts` holds both writers to the same bytes.
 */

const pad = (n: number) => (n < 10 ? `0${n}` : String(n));

/** The cell of one row of a locale: what `toCsv` would write between two delimiters. */
export const csvCellWriter = (locale: ExportLocale): ((v: CsvCell) => string) => {
  const options = { ...csvOptionsFor(locale), bom: false };
  // what makes csv-stringify quote a cell: a quote, the delimiter, `;` (quoted_match) or CR/LF
  const quoted = locale === 'de' ? /[";\r\n]/ : /[",;\r\n]/;
  const byLibrary = (v: CsvCell) => toCsv([[v]], undefined, options).slice(0, -2);
  const decimalComma = options.decimalComma === true;
  const germanDates = options.dates === 'de';
  return (v) => {
    if (v === null || v === undefined || v === '') return '';
    if (typeof v === 'string') return quoted.test(v) ? byLibrary(v) : escapeFormula(v);
    if (typeof v === 'number') return decimalComma ? String(v).replace('.', ',') : String(v);
    if (Number.isNaN(v.getTime())) return byLibrary(v);
    return germanDates
      ? `${pad(v.getUTCDate())}.${pad(v.getUTCMonth() + 1)}.${v.getUTCFullYear()}`
      : v.toISOString().slice(0, 10);
  };
};

/** Rows as CSV lines (CRLF after each), as `toCsv(rows, undefined, options)` writes them. */
export const csvLines = <T>(
  columns: readonly ExportColumn<T>[],
  cell: (v: CsvCell) => string,
  delimiter: string,
  rows: readonly T[],
): string => {
  const last = columns.length - 1;
  let out = '';
  for (const r of rows) {
    for (let i = 0; i <= last; i += 1) {
      out += cell((columns[i] as ExportColumn<T>).value(r));
      out += i === last ? '\r\n' : delimiter;
    }
  }
  return out;
};

async function* csvChunks<T>(
  columns: readonly ExportColumn<T>[],
  locale: ExportLocale,
  pages: AsyncIterable<readonly T[]>,
): AsyncGenerator<string> {
  const options = csvOptionsFor(locale);
  yield toCsv(
    [],
    columns.map((c) => c.header[locale]),
    options,
  );
  const cell = csvCellWriter(locale);
  const delimiter = options.delimiter ?? ',';
  for await (const page of pages) if (page.length) yield csvLines(columns, cell, delimiter, page);
}

/**
 * A list export as a download: CSV through the writer above, XLSX through the one export writer. Pages
 * are pulled as the response is read (backpressure), so memory stays bounded by one page.
 */
export const exportListFile = <T>(
  base: string,
  format: ExportFormat,
  locale: ExportLocale,
  columns: readonly ExportColumn<T>[],
  pages: AsyncIterable<readonly T[]>,
): FileAnswer =>
  format === 'csv'
    ? new FileAnswer(`${base}.csv`, Readable.from(csvChunks(columns, locale, pages)))
    : exportFile(base, format, locale, columns, pages);
