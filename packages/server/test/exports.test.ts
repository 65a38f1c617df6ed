import {
  type Account,
  type Campaign,
  type Contact,
  type CsvCell,
  contactSorts,
  type Deal,
  limits,
  type Page,
  toCsv,
} from '@nenner/shared';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  csvCellWriter,
  csvLines,
  csvOptionsFor,
  type ExportLocale,
  exportRows,
  positionalColumns,
} from '../src/lib/export.js';
import {
  type ContactExportFilter,
  type ContactExportRow,
  listContactExportRows,
} from '../src/modules/contacts/contacts.repository.js';
import { contactColumns, contactRowColumns } from '../src/modules/exports/exports.columns.js';
import { expectProblem, type Session, startTestApp, type TestApp } from './harness.js';

/*
 * Every list export (contacts, accounts, deals, campaigns, handoffs) and the writer the older reports go
 * through: formula escaping for each dangerous first character, line breaks inside cells, the German and
 * English CSV conventions, typed XLSX cells read back with exceljs, and the list's filters.
 */

let t: TestApp;
let admin: Session;
let member: Session;
let viewer: Session;

const dangerous = ['=', '+', '-', '@', '\t', '\r'] as const;
// a value a spreadsheet would run, with a CR/LF inside that must stay inside the cell
const evil = (ch: string) => `${ch}HYPERLINK("http://x.example","klick")\r\nZeile zwei`;

// XML (inside XLSX) reads every CR/LF back as LF
const lf = (s: string) => s.replace(/\r\n?/g, '\n');
// a handoff shows "<first> <last>" trimmed: a leading tab or CR is gone there, and nothing is left to escape
const shown = (v: string, trimmed: boolean) => {
  const s = trimmed ? v.trimStart() : v;
  return /^[=+\-@\t\r]/.test(s) ? `'${s}` : s;
};

const download = async (path: string, as: Session) => {
  const res = await fetch(t.url + path, { headers: { cookie: as.cookie } });
  return {
    status: res.status,
    type: res.headers.get('content-type') ?? '',
    bytes: Buffer.from(await res.arrayBuffer()),
  };
};

const readCsv = (bytes: Buffer, delimiter: ',' | ';'): string[][] =>
  parse(bytes.toString('utf8'), { bom: true, delimiter, relax_column_count: true }) as string[][];

const readXlsx = async (bytes: Buffer): Promise<unknown[][]> => {
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(bytes as unknown as ArrayBuffer);
  const sheet = book.worksheets[0];
  const rows: unknown[][] = [];
  sheet?.eachRow((row) => {
    rows.push((row.values as unknown[]).slice(1));
  });
  return rows;
};

const ids: { contacts: string[]; accounts: string[]; deals: string[]; campaigns: string[] } = {
  contacts: [],
  accounts: [],
  deals: [],
  campaigns: [],
};
let plainDeal: Deal;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('sales', 'admin');
  member = await t.session('marketing', 'member');
  viewer = await t.session('sales', 'viewer');
  for (const ch of dangerous) {
    const account: Account = await t.createAccount(admin, { name: `Firma ${dangerous.indexOf(ch)}` });
    const contact: Contact = await t.createContact(admin, {
      firstName: 'Platzhalter',
      lastName: `Nr${dangerous.indexOf(ch)}`,
      emails: [`evil${dangerous.indexOf(ch)}@example.org`],
      accountId: account.id,
      lifecycleStage: 'mql',
    });
    const campaign: Campaign = await t.createCampaign(member, { name: `Kampagne ${dangerous.indexOf(ch)}` });
    const deal = await t.request<Deal>('POST', '/api/deals', {
      cookie: admin.cookie,
      body: { name: `Deal ${dangerous.indexOf(ch)}`, accountId: account.id, amount: 100 },
    });
    expect(deal.status, deal.text).toBe(201);
    ids.accounts.push(account.id);
    ids.contacts.push(contact.id);
    ids.campaigns.push(campaign.id);
    ids.deals.push(deal.body.id);
  }
  // the API trims text, so values as an import or an older version may have left them are written directly
  for (const [i, ch] of dangerous.entries()) {
    const v = evil(ch);
    await sql`update contacts set first_name = ${v} where id = ${ids.contacts[i]}`.execute(t.ctx.db);
    await sql`update accounts set name = ${v} where id = ${ids.accounts[i]}`.execute(t.ctx.db);
    await sql`update deals set name = ${v} where id = ${ids.deals[i]}`.execute(t.ctx.db);
    await sql`update campaigns set name = ${v} where id = ${ids.campaigns[i]}`.execute(t.ctx.db);
  }
  const account = await t.createAccount(admin, { name: 'Müller & Söhne' });
  const deal = await t.request<Deal>('POST', '/api/deals', {
    cookie: admin.cookie,
    body: { name: 'Großauftrag', accountId: account.id, amount: 123456, closeDate: '2026-12-31' },
  });
  expect(deal.status, deal.text).toBe(201);
  plainDeal = deal.body;
});
afterAll(() => t.close());

// where the dangerous value shows in each export: the path, and the column holding it (English headers)
const lists = [
  { path: '/api/contacts/export', column: 'First name' },
  { path: '/api/accounts/export', column: 'Name' },
  { path: '/api/deals/export', column: 'Name' },
  { path: '/api/campaigns/export', column: 'Name' },
  // a handoff shows its contact's name: "<first> <last>"
  { path: '/api/handoffs/export', column: 'Contact' },
] as const;

describe('formula injection: every list export, CSV and XLSX', () => {
  it.each(lists)('$path (CSV, en)', async ({ path, column }) => {
    const res = await download(`${path}?format=csv&locale=en`, viewer);
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/^text\/csv/);
    const [header, ...rows] = readCsv(res.bytes, ',');
    const at = header?.indexOf(column) ?? -1;
    expect(at).toBeGreaterThanOrEqual(0);
    const cells = rows.map((r) => r[at] ?? '');
    const trimmed = path.includes('handoffs');
    for (const ch of dangerous) {
      // escaped with a leading ' and read back whole: the CR/LF stayed inside the cell
      expect(
        cells.some((c) => c.startsWith(shown(evil(ch), trimmed))),
        JSON.stringify(ch),
      ).toBe(true);
    }
    expect(cells.every((c) => !/^[=+\-@\t\r]/.test(c))).toBe(true);
  });

  it.each(lists)('$path (XLSX)', async ({ path, column }) => {
    const res = await download(`${path}?format=xlsx&locale=en`, viewer);
    expect(res.status).toBe(200);
    expect(res.type).toContain('spreadsheetml');
    const [header, ...rows] = await readXlsx(res.bytes);
    const at = header?.indexOf(column) ?? -1;
    expect(at).toBeGreaterThanOrEqual(0);
    const cells = rows.map((r) => r[at]).filter((c): c is string => typeof c === 'string');
    const trimmed = path.includes('handoffs');
    for (const ch of dangerous) {
      expect(
        cells.some((c) => c.startsWith(lf(shown(evil(ch), trimmed)))),
        JSON.stringify(ch),
      ).toBe(true);
    }
    expect(cells.every((c) => !/^[=+\-@\t\r]/.test(c))).toBe(true);
  });

  it('the writer of the SLA report and attribution CSVs escapes each dangerous character too', async () => {
    const header = ['=group', 'name', 'value'];
    const rows = dangerous.map((ch) => [evil(ch), 'x', -2.5]);
    const answer = exportRows('report', 'csv', 'en', positionalColumns(header), rows);
    const chunks: Buffer[] = [];
    for await (const c of answer.body as AsyncIterable<string | Buffer>) chunks.push(Buffer.from(c));
    const [head, ...body] = readCsv(Buffer.concat(chunks), ',');
    expect(head).toEqual(["'=group", 'name', 'value']);
    expect(body.map((r) => r[0])).toEqual(dangerous.map((ch) => `'${evil(ch)}`));
    // a negative number stays a number
    expect(body.map((r) => r[2])).toEqual(dangerous.map(() => '-2.5'));
  });
});

describe('locale conventions', () => {
  it('German CSV: BOM, semicolons, decimal comma, dd.mm.yyyy', async () => {
    const res = await download('/api/deals/export?format=csv&locale=de&q=Gro', viewer);
    expect(res.status).toBe(200);
    expect([...res.bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = res.bytes.toString('utf8');
    const lines = text.slice(1).split('\r\n');
    expect(lines[0]?.startsWith('Name;Firma;Phase;Status;Betrag;Währung;Abschlussdatum;')).toBe(true);
    const [header, row] = readCsv(res.bytes, ';');
    expect(row?.[header?.indexOf('Name') ?? -1]).toBe('Großauftrag');
    expect(row?.[header?.indexOf('Firma') ?? -1]).toBe('Müller & Söhne');
    // 123456 minor units → 1234,56; the close date as dd.mm.yyyy
    expect(row?.[header?.indexOf('Betrag') ?? -1]).toBe('1234,56');
    expect(row?.[header?.indexOf('Abschlussdatum') ?? -1]).toBe('31.12.2026');
    expect(lines[1]).toContain(';1234,56;EUR;31.12.2026;');
  });

  it('English CSV: commas, no BOM, a decimal point and ISO dates', async () => {
    const res = await download('/api/deals/export?format=csv&locale=en&q=Gro', viewer);
    expect(res.bytes[0]).not.toBe(0xef);
    const [header, row] = readCsv(res.bytes, ',');
    expect(header?.slice(0, 7)).toEqual(['Name', 'Account', 'Stage', 'Status', 'Amount', 'Currency', 'Close date']);
    expect(row?.[4]).toBe('1234.56');
    expect(row?.[6]).toBe('2026-12-31');
  });

  it("without a locale the user's language decides (German by default)", async () => {
    const res = await download('/api/deals/export?q=Gro', viewer);
    expect(res.bytes.toString('utf8').slice(1).startsWith('Name;Firma;')).toBe(true);
  });

  it('XLSX has typed cells: the amount a number, the close date a date', async () => {
    const res = await download('/api/deals/export?format=xlsx&locale=de&q=Gro', viewer);
    const [header, row] = await readXlsx(res.bytes);
    expect(row?.[header?.indexOf('Betrag') ?? -1]).toBe(1234.56);
    const date = row?.[header?.indexOf('Abschlussdatum') ?? -1];
    expect(date).toBeInstanceOf(Date);
    expect((date as Date).toISOString()).toBe('2026-12-31T00:00:00.000Z');
    expect(row?.[header?.indexOf('ID') ?? -1]).toBe(plainDeal.id);
  });
});

describe('filters and access', () => {
  it('exports what the filters show, across pages', async () => {
    const mql = readCsv((await download('/api/contacts/export?locale=en&lifecycleStage=mql', viewer)).bytes, ',');
    expect(mql.length - 1).toBe(dangerous.length);
    const lead = readCsv((await download('/api/contacts/export?locale=en&lifecycleStage=lead', viewer)).bytes, ',');
    expect(lead.length - 1).toBe(0);
    const one = readCsv(
      (await download(`/api/deals/export?locale=en&accountId=${plainDeal.accountId}`, viewer)).bytes,
      ',',
    );
    expect(one.slice(1).map((r) => r.at(-1))).toEqual([plainDeal.id]);
  });

  it('the trash is for admins: a member is refused and nothing changes', async () => {
    await t.unchanged(async () => {
      const res = await t.get('/api/contacts/export?trash=true', member);
      expectProblem(res, 403, 'forbidden');
    });
    expect((await download('/api/contacts/export?trash=true', admin)).status).toBe(200);
  });

  it('an unknown format or filter is a 400, and without a session a 401', async () => {
    await t.unchanged(async () => {
      expectProblem(await t.get('/api/contacts/export?format=pdf', viewer), 400, 'validation_failed');
      expectProblem(await t.get('/api/accounts/export?colour=red', viewer), 400, 'validation_failed');
      expect((await t.request('GET', '/api/handoffs/export')).status).toBe(401);
    });
  });
});

/*
 * The lean row path (issue 16, third round): the contacts' export reads the repository's rows and writes its
 * own CSV cells. Both must give the bytes the list's presentation and csv-stringify (`toCsv`) gave.
 */
describe('the CSV writer of the list exports writes what toCsv writes', () => {
  const texts = [
    'Müller',
    'Zoë Łukasz Groß',
    'a, b',
    'a; b',
    'Sag "Hallo"',
    'eins\r\nzwei',
    'eins\nzwei',
    'eins\rzwei',
    'utm=cr\r=1+1',
    '=1+1',
    '+49 30 123',
    '-5',
    '@handle',
    '\tTab',
    '\rCR',
    '\uFF1D1+1',
    '\uFF0B1',
    '\uFF0D1',
    '\uFF20x',
    "'schon",
    ' führendes Leerzeichen',
    '=HYPERLINK("x";"y")',
  ];
  const others: CsvCell[] = [
    '',
    null,
    undefined,
    0,
    -0,
    7,
    -2.5,
    1234.56,
    1e21,
    1e-7,
    new Date('2026-12-31T00:00:00Z'),
    new Date('2026-01-05T23:59:59.999Z'),
    new Date('1999-07-04T12:00:00Z'),
  ];
  it.each(['de', 'en'] as const)('every cell alone and all in one row (%s)', (locale) => {
    const options = { ...csvOptionsFor(locale), bom: false };
    const cell = csvCellWriter(locale);
    for (const v of [...texts, ...others])
      expect(cell(v), JSON.stringify(v)).toBe(toCsv([[v]], undefined, options).slice(0, -2));
    const row = [...texts, ...others];
    const columns = positionalColumns(row.map((_, i) => String(i)));
    const rows = [row, [...row].reverse()];
    expect(csvLines(columns, cell, options.delimiter ?? ',', rows)).toBe(toCsv(rows, undefined, options));
  });
});

describe('contacts export: the lean row path gives what the presented records gave', () => {
  let account: Account;
  beforeAll(async () => {
    account = await t.createAccount(admin, { name: 'Äpfel; "Bio" GmbH' });
    const a = await t.createContact(admin, {
      firstName: 'Jörg',
      lastName: 'Weiß-Öztürk',
      emails: ['joerg@example.org', 'j.w@example.org', 'jw@example.com'],
      phone: '+49 30 1234567',
      jobTitle: 'Leiter Einkauf, Süd',
      accountId: account.id,
      ownerId: admin.user.id,
      lifecycleStage: 'sql',
      source: 'Messe; Köln',
      tags: ['VIP', 'Grün; alt', 'a,b'],
    });
    const b = await t.createContact(admin, { firstName: 'Zoë', lastName: 'Ohne', lifecycleStage: 'customer' });
    const c = await t.createContact(admin, {
      lastName: 'Kühn',
      emails: ['solo@example.org'],
      lifecycleStage: 'customer',
      ownerId: member.user.id,
    });
    const gone = await t.createContact(admin, { firstName: 'Gelöscht', lastName: 'Weg', lifecycleStage: 'sql' });
    // what the API would trim or refuse, as an import or an older version may have left it
    await sql`update contacts set job_title = ${'-5'}, source = ${'Zeile\neins'}, score = ${-3}, consent_status = ${'confirmed'} where id = ${b.id}`.execute(
      t.ctx.db,
    );
    await sql`update contacts set job_title = ${'=SUMME(A1:A9)'}, phone = ${''}, score = ${87} where id = ${c.id}`.execute(
      t.ctx.db,
    );
    await sql`update contacts set deleted_at = ${new Date().toISOString()} where id = ${gone.id}`.execute(t.ctx.db);
    expect(a.id).toBeTruthy();
  });

  // the list's own API records, page by page: what the export presented before
  const listed = async (params: string): Promise<Contact[]> => {
    const out: Contact[] = [];
    let cursor: string | null = null;
    do {
      const after: string = cursor ? `&cursor=${encodeURIComponent(cursor)}` : '';
      const res = await t.get<Page<Contact>>(`/api/contacts?limit=${limits.pageSizeMax}&${params}${after}`, admin);
      expect(res.status, res.text).toBe(200);
      out.push(...res.body.items);
      cursor = res.body.nextCursor;
    } while (cursor);
    return out;
  };

  const filters = () => [
    '',
    'lifecycleStage=sql',
    'lifecycleStage=customer&sort=-createdAt',
    `ownerId=${admin.user.id}`,
    'ownerId=none&sort=firstName',
    `accountId=${account.id}`,
    `accountOwnerId=${admin.user.id}`,
    `tag=${encodeURIComponent('Grün; alt')}`,
    `source=${encodeURIComponent('Messe; Köln')}`,
    'sort=-updatedAt',
    'trash=true',
  ];

  it('the same bytes, in German and English, for every filter', async () => {
    for (const params of filters()) {
      const contacts = await listed(params);
      for (const locale of ['de', 'en'] as const satisfies readonly ExportLocale[]) {
        const expected = toCsv(
          contacts.map((c) => contactColumns.map((col) => col.value(c))),
          contactColumns.map((col) => col.header[locale]),
          csvOptionsFor(locale),
        );
        const res = await download(`/api/contacts/export?format=csv&locale=${locale}&${params}`, admin);
        expect(res.status).toBe(200);
        expect(res.bytes.toString('utf8'), `${locale} ${params}`).toBe(expected);
      }
    }
  });

  it('the same cells as the presented records (XLSX tells an empty text from no value)', async () => {
    const contacts = await listed('');
    const rows = await listContactExportRows(t.ctx.db, { sort: 'lastName', limit: 10_000 });
    expect(contactRowColumns.map((c) => c.header)).toEqual(contactColumns.map((c) => c.header));
    expect(rows.map((r) => contactRowColumns.map((c) => c.value(r)))).toStrictEqual(
      contacts.map((c) => contactColumns.map((col) => col.value(c))),
    );
  });

  it.each(contactSorts)('pages of 2 walk the same rows as one page (sort %s)', async (sort) => {
    const all = await listContactExportRows(t.ctx.db, { sort, limit: 10_000 });
    const walked: ContactExportRow[] = [];
    let after: ContactExportFilter['after'];
    for (;;) {
      const page = await listContactExportRows(t.ctx.db, { sort, limit: 2, after });
      walked.push(...page);
      after = page.at(-1);
      if (page.length < 2) break;
    }
    expect(walked.map((r) => r.id)).toEqual(all.map((r) => r.id));
    expect(all.length).toBeGreaterThan(4);
  });
});
