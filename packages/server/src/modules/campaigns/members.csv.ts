import { CsvError, parse } from 'csv-parse/sync';
import { fieldError } from '../../http/errors.js';

/**
 * The line a record starts on: csv-parse counts the line it ends on, and only a quoted field (kept as is,
 * not trimmed) can hold a line break inside a record.
 */
const startLine = (endLine: number, record: string[]): number =>
  endLine - record.reduce((n, field) => n + (field.match(/\n/g)?.length ?? 0), 0);

/**
 * Reads a member list: CSV with a header line that has an `email` column (any case), separated by `;`
 * (German spreadsheets) or `,`, fields optionally in double quotes. Returns each data row's email with
 * the line it starts on (the header is line 1), or `undefined` when there is no email column. A quote
 * left open, or text after a closing quote, is a 400 on `csv` naming the line.
 */
export const readMemberCsv = (text: string): { line: number; email: string }[] | undefined => {
  // one line break, so that a list saved with \r, \n or \r\n — or a mix — counts its lines alike
  const source = text.replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
  const firstLine = source.split('\n', 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  // `trim` leaves quoted text alone, so the header and the email are trimmed below as well.
  // csv-parse knows where a record ends; remember where each one started, in step with the records
  const starts: number[] = [];
  let records: string[][];
  try {
    records = parse(source, {
      delimiter,
      record_delimiter: '\n',
      relax_column_count: true,
      relax_quotes: true,
      trim: true,
      skip_records_with_empty_values: true,
      on_record: (record, context) => {
        starts.push(startLine(context.lines, record));
        return record;
      },
    });
  } catch (error) {
    if (error instanceof CsvError) throw fieldError('csv', error.message);
    throw error;
  }
  const [header, ...rows] = records;
  const column = header?.findIndex((f) => f.trim().toLowerCase() === 'email') ?? -1;
  if (!header || column < 0) return undefined;
  return rows.map((r, i) => ({ line: starts[i + 1] ?? 0, email: (r[column] ?? '').trim() }));
};
