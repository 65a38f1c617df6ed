import { Readable } from 'node:stream';
import { isReportFooter } from '@nenner/shared';
import chardet from 'chardet';
import { parse as parseSync } from 'csv-parse/sync';
import type ExcelJS from 'exceljs';
import iconv from 'iconv-lite';

/*
 * Reading an uploaded file: the encoding, the delimiter and the rows, streamed. CSV goes through iconv-lite
 * (decoding) and csv-parse; XLSX through exceljs's streaming reader. Nothing here holds more than a piece.
 */

export type FileFormat = 'csv' | 'xlsx';
export type Encoding = 'utf-8' | 'utf-8-bom' | 'windows-1252' | 'utf-16le' | 'utf-16be';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** A ZIP file (what an XLSX is) starts with `PK\x03\x04`. */
export const formatOf = (head: Uint8Array): FileFormat =>
  head[0] === 0x50 && head[1] === 0x4b && head[2] === 0x03 && head[3] === 0x04 ? 'xlsx' : 'csv';

const isUtf8 = (sample: Uint8Array): boolean => {
  // a multi-byte character cut at the end of the sample is no evidence against UTF-8
  let end = sample.length;
  while (end > 0 && end > sample.length - 4 && ((sample[end - 1] ?? 0) & 0xc0) === 0x80) end -= 1;
  if (end > 0 && end < sample.length && (sample[end - 1] ?? 0) >= 0xc0) end -= 1;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(sample.subarray(0, end));
    return true;
  } catch {
    return false;
  }
};

/**
 * The encoding of a text file from its first bytes: a BOM decides; else valid UTF-8 is UTF-8; else chardet's
 * guess, where Latin-1 is read as Windows-1252 (its superset: what Excel on Windows writes, € included).
 */
export const detectEncoding = (sample: Uint8Array): Encoding => {
  if (sample[0] === 0xef && sample[1] === 0xbb && sample[2] === 0xbf) return 'utf-8-bom';
  if (sample[0] === 0xff && sample[1] === 0xfe) return 'utf-16le';
  if (sample[0] === 0xfe && sample[1] === 0xff) return 'utf-16be';
  if (isUtf8(sample)) return 'utf-8';
  const guess = (chardet.detect(sample) ?? '').toLowerCase();
  if (guess === 'utf-16le') return 'utf-16le';
  if (guess === 'utf-16be') return 'utf-16be';
  return 'windows-1252';
};

const iconvName = (e: Encoding) => (e === 'utf-8-bom' ? 'utf-8' : e);

/** Decodes a sample (the start of the file) for sniffing; the BOM is dropped. */
export const decodeSample = (sample: Uint8Array, encoding: Encoding): string =>
  iconv.decode(Buffer.from(sample), iconvName(encoding));

const candidates = [';', ',', '\t'] as const;

/** Delimiters outside quotes on one line. */
const countOutsideQuotes = (line: string, d: string): number => {
  let inQuotes = false;
  let n = 0;
  for (const ch of line) {
    if (ch === '"') inQuotes = !inQuotes;
    else if (!inQuotes && ch === d) n += 1;
  }
  return n;
};

/**
 * The delimiter of a CSV text: the candidate (`;` `,` tab) found most often outside quotes in the header
 * line and as often in the lines after it; ties go to `;`, what German Excel writes.
 */
export const detectDelimiter = (text: string): string => {
  const lines = text
    .split(/\r?\n/)
    .filter((l) => l.trim() !== '')
    .slice(0, 20);
  // the last line of a sample may be cut
  const body = lines.length > 2 ? lines.slice(0, -1) : lines;
  let best: { d: string; score: number } = { d: ';', score: -1 };
  for (const d of candidates) {
    const counts = body.map((l) => countOutsideQuotes(l, d));
    const head = counts[0] ?? 0;
    if (head === 0) continue;
    const consistent = counts.filter((c) => c === head).length / counts.length;
    const score = head * consistent;
    if (score > best.score) best = { d, score };
  }
  return best.d;
};

/** One data row: its number as a spreadsheet shows it (the header is row 1), and its cells or why it could not be read. */
export type FileRow = { row: number; cells: string[] } | { row: number; error: string };

export interface ReadOptions {
  format: FileFormat;
  encoding: Encoding;
  delimiter: string | null;
  /** How an XLSX number is written back as text: the import reads it with its decimal mark. */
  decimal: 'comma' | 'point';
}

type Line = { line: number; cells: string[] } | { line: number; error: string };

const RECORDS_PER_PARSE = 1000;

const countQuotes = (s: string): number => {
  let n = 0;
  for (let i = s.indexOf('"'); i !== -1; i = s.indexOf('"', i + 1)) n += 1;
  return n;
};

/** Parses records with csv-parse; a batch with a broken record is parsed again one by one, so only that one fails. */
const parseRecords = function* (batch: { line: number; text: string }[], delimiter: string): Generator<Line> {
  const options = { delimiter, relax_column_count: true };
  try {
    const records = parseSync(batch.map((b) => b.text).join('\n'), options) as string[][];
    if (records.length === batch.length) {
      for (const [i, cells] of records.entries()) yield { line: (batch[i] as { line: number }).line, cells };
      return;
    }
  } catch {
    // one of them is broken: find it below
  }
  for (const b of batch) {
    try {
      const [cells] = parseSync(b.text, options) as string[][];
      yield { line: b.line, cells: cells ?? [] };
    } catch (err) {
      yield { line: b.line, error: err instanceof Error ? err.message : String(err) };
    }
  }
};

/**
 * CSV records with their line numbers. The text is cut into records where the quotes balance (a quoted cell
 * may hold line breaks), and csv-parse reads the cells; cutting first keeps a broken quote to its own row
 * instead of letting it swallow the rest of the file.
 */
const csvRows = async function* (source: AsyncIterable<Uint8Array>, o: ReadOptions): AsyncGenerator<Line> {
  const text = Readable.from(source).pipe(iconv.decodeStream(iconvName(o.encoding)));
  const delimiter = o.delimiter ?? ';';
  let rest = '';
  let line = 0;
  let pending: string[] = [];
  let start = 0;
  let quotes = 0;
  let batch: { line: number; text: string }[] = [];
  const take = (raw: string) => {
    line += 1;
    const part = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (pending.length === 0) {
      if (part.trim() === '') return;
      start = line;
    }
    pending.push(part);
    quotes += countQuotes(part);
    if (quotes % 2 === 0) {
      batch.push({ line: start, text: pending.join('\n') });
      pending = [];
      quotes = 0;
    }
  };
  for await (const chunk of text as AsyncIterable<string>) {
    const parts = (rest + chunk).split('\n');
    rest = parts.pop() ?? '';
    for (const part of parts) take(part);
    if (batch.length >= RECORDS_PER_PARSE) {
      yield* parseRecords(batch, delimiter);
      batch = [];
    }
  }
  if (rest !== '') take(rest);
  if (pending.length > 0) batch.push({ line: start, text: pending.join('\n') });
  yield* parseRecords(batch, delimiter);
};

const pad = (n: number) => String(n).padStart(2, '0');

/** An Excel cell's value as the text a CSV of it would hold. */
const cellText = (v: ExcelJS.CellValue, decimal: ReadOptions['decimal']): string => {
  if (v === null || v === undefined) return '';
  if (v instanceof Date) return `${v.getUTCFullYear()}-${pad(v.getUTCMonth() + 1)}-${pad(v.getUTCDate())}`;
  if (typeof v === 'number') return decimal === 'comma' ? String(v).replace('.', ',') : String(v);
  if (typeof v === 'string' || typeof v === 'boolean') return String(v);
  if ('richText' in v) return v.richText.map((r) => r.text).join('');
  if ('text' in v) return String(v.text);
  if ('result' in v) return cellText((v.result ?? null) as ExcelJS.CellValue, decimal);
  return '';
};

const xlsxRows = async function* (source: AsyncIterable<Uint8Array>, o: ReadOptions): AsyncGenerator<Line> {
  // ExcelJS and its zip stack are a large part of a start's module loading: loaded on the first XLSX
  const { default: Excel } = await import('exceljs');
  const reader = new Excel.stream.xlsx.WorkbookReader(Readable.from(source), {
    worksheets: 'emit',
    sharedStrings: 'cache',
    hyperlinks: 'ignore',
    styles: 'cache',
    entries: 'ignore',
  });
  for await (const sheet of reader) {
    for await (const row of sheet) {
      const values = Array.isArray(row.values) ? row.values.slice(1) : [];
      yield { line: row.number, cells: Array.from(values, (v) => cellText(v as ExcelJS.CellValue, o.decimal)) };
    }
    return; // the first worksheet only
  }
};

/**
 * The header and then every data row of the file, in order. Blank rows and the footer of a Salesforce report
 * export are left out; a row the CSV reader cannot read (a broken quote) comes as an error with its number.
 */
export const readFileRows = async function* (
  source: AsyncIterable<Uint8Array>,
  o: ReadOptions,
): AsyncGenerator<{ header: string[] } | FileRow> {
  let header: string[] | null = null;
  const records = o.format === 'xlsx' ? xlsxRows(source, o) : csvRows(source, o);
  for await (const r of records) {
    if ('error' in r) {
      yield { row: r.line, error: r.error };
      continue;
    }
    if (r.cells.every((c) => c.trim() === '')) continue;
    if (!header) {
      header = r.cells.map((h) => h.trim());
      yield { header };
      continue;
    }
    if (isReportFooter(r.cells)) continue;
    yield { row: r.line, cells: r.cells };
  }
};
