/**
 * Reads a member list: CSV with a header line that has an `email` column (any case), separated by `;`
 * (German spreadsheets) or `,`, fields optionally in double quotes. Returns each data row's email with
 * the line it starts on (the header is line 1), or `undefined` when there is no email column.
 */
export const readMemberCsv = (text: string): { line: number; email: string }[] | undefined => {
  const source = text.replace(/^\uFEFF/, '');
  const firstLine = source.split(/\r?\n/, 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const records: { line: number; fields: string[] }[] = [];
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let line = 1;
  let recordLine = 1;
  const endRecord = () => {
    fields.push(field);
    if (fields.some((f) => f.trim() !== '')) records.push({ line: recordLine, fields });
    fields = [];
    field = '';
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (quoted) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') {
        quoted = false;
      } else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field.trim() === '') {
      quoted = true;
      field = '';
    } else if (ch === delimiter) {
      fields.push(field);
      field = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endRecord();
      line++;
      recordLine = line;
    } else {
      field += ch;
    }
  }
  endRecord();
  const [header, ...rows] = records;
  const column = header?.fields.findIndex((f) => f.trim().toLowerCase() === 'email') ?? -1;
  if (!header || column < 0) return undefined;
  return rows.map((r) => ({ line: r.line, email: (r.fields[column] ?? '').trim() }));
};
