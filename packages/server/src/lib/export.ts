import { PassThrough, Readable } from 'node:stream';
import { type CsvCell, type CsvOptions, toCsv } from '@nenner/shared';
import { FileAnswer } from '../http/endpoints.js';

/**
 * The one export writer: every CSV and XLSX Nenner hands out (list exports, the SLA report, attribution,
 * campaign members) is written here, with formula escaping and the locale's conventions.
 */

export type ExportFormat = 'csv' | 'xlsx';
export type ExportLocale = 'de' | 'en';

export const xlsxType = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** One column of an export: its header in both languages and how a row gives its cell. */
export interface ExportColumn<T> {
  header: { de: string; en: string };
  value: (row: T) => CsvCell;
}

/** German Excel opens a file on a double click only with `;`, a BOM, decimal commas and dd.mm.yyyy. */
export const csvOptionsFor = (locale: ExportLocale): CsvOptions =>
  locale === 'de' ? { delimiter: ';', bom: true, decimalComma: true, dates: 'de' } : { delimiter: ',', dates: 'iso' };

// the same characters csv-stringify escapes, the full-width forms included
const dangerous = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A text cell that a spreadsheet could take for a formula gets a leading `'`, as in the CSV. */
export const escapeFormula = (s: string): string => (dangerous.test(s) ? `'${s}` : s);

const xlsxCell = (v: CsvCell): string | number | Date | null => {
  if (v === undefined || v === null) return null;
  return typeof v === 'string' ? escapeFormula(v) : v;
};

/** An ISO timestamp or date as a Date cell (a day when it has no time), or empty. */
export const dateCell = (iso: string | null | undefined): Date | null => {
  if (!iso) return null;
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? null : d;
};

/** Minor units (cents) as a decimal amount. */
export const amountCell = (minor: number | null | undefined): number | null =>
  minor === null || minor === undefined ? null : minor / 100;

const headersOf = <T>(columns: readonly ExportColumn<T>[], locale: ExportLocale) =>
  columns.map((c) => c.header[locale]);

/**
 * The exports' CSV, byte for byte what `toCsv` (csv-stringify) writes, at a fraction of its cost per
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
  yield toCsv([], headersOf(columns, locale), options);
  const cell = csvCellWriter(locale);
  const delimiter = options.delimiter ?? ',';
  for await (const page of pages) if (page.length) yield csvLines(columns, cell, delimiter, page);
}

const xlsxStream = <T>(
  columns: readonly ExportColumn<T>[],
  locale: ExportLocale,
  pages: AsyncIterable<readonly T[]>,
): Readable => {
  const out = new PassThrough();
  const dateFormat = locale === 'de' ? 'dd.mm.yyyy' : 'yyyy-mm-dd';
  const write = async () => {
    // loaded on the first export: importing ExcelJS costs ~0.4 s of CPU, which every start paid before
    const { default: ExcelJS } = await import('exceljs');
    const book = new ExcelJS.stream.xlsx.WorkbookWriter({ stream: out, useSharedStrings: false, useStyles: true });
    const sheet = book.addWorksheet('Export');
    sheet.addRow(headersOf(columns, locale).map(escapeFormula)).commit();
    for await (const page of pages) {
      for (const r of page) {
        const row = sheet.addRow(columns.map((c) => xlsxCell(c.value(r))));
        row.eachCell((cell) => {
          if (cell.value instanceof Date) cell.numFmt = dateFormat;
        });
        row.commit();
      }
    }
    sheet.commit();
    await book.commit();
  };
  write().catch((err: unknown) => out.destroy(err instanceof Error ? err : new Error(String(err))));
  return out;
};

const fileName = (base: string, format: ExportFormat) => `${base}.${format}`;

/** Streams pages of rows as a CSV or XLSX download; memory stays bounded by one page. */
export const exportFile = <T>(
  base: string,
  format: ExportFormat,
  locale: ExportLocale,
  columns: readonly ExportColumn<T>[],
  pages: AsyncIterable<readonly T[]>,
): FileAnswer =>
  format === 'xlsx'
    ? new FileAnswer(fileName(base, format), xlsxStream(columns, locale, pages), xlsxType)
    : new FileAnswer(fileName(base, format), Readable.from(csvChunks(columns, locale, pages)));

async function* once<T>(rows: readonly T[]): AsyncGenerator<readonly T[]> {
  yield rows;
}

/** A small table already in memory (a report) as a download. */
export const exportRows = <T>(
  base: string,
  format: ExportFormat,
  locale: ExportLocale,
  columns: readonly ExportColumn<T>[],
  rows: readonly T[],
): FileAnswer => exportFile(base, format, locale, columns, once(rows));

/** A report already laid out as header and cells: the columns are its positions. */
export const positionalColumns = (header: readonly string[]): ExportColumn<readonly CsvCell[]>[] =>
  header.map((h, i) => ({ header: { de: h, en: h }, value: (r) => r[i] }));

type FetchPage<T> = (cursor: string | undefined) => Promise<{ items: T[]; nextCursor: string | null }>;

async function* restOf<T>(first: { items: T[]; nextCursor: string | null }, fetchPage: FetchPage<T>) {
  yield first.items;
  let cursor = first.nextCursor ?? undefined;
  while (cursor) {
    const page = await fetchPage(cursor);
    yield page.items;
    cursor = page.nextCursor ?? undefined;
  }
}

/**
 * Walks a keyset-paged list to its end, one page at a time. The first page is read before the download
 * starts, so a refusal or a bad filter is still an error answer, not a broken file.
 */
export const pagesOf = async <T>(fetchPage: FetchPage<T>): Promise<AsyncIterable<readonly T[]>> =>
  restOf(await fetchPage(undefined), fetchPage);
