/** PostgreSQL's COPY text format: tab-separated columns, one row per line, \N for null, backslash escapes. */

const needsEscape = /[\\\t\n\r]/;

/** One value as COPY text. */
export const copyValue = (v: unknown): string => {
  if (v === null || v === undefined) return '\\N';
  const s = typeof v === 'string' ? v : typeof v === 'boolean' ? (v ? 't' : 'f') : String(v);
  return needsEscape.test(s)
    ? s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r')
    : s;
};

/** Rows of values as COPY text. */
export const copyText = (rows: readonly (readonly unknown[])[]): string => {
  let text = '';
  for (const row of rows) text += `${row.map(copyValue).join('\t')}\n`;
  return text;
};
