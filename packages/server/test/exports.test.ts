import type { Account, Campaign, Contact, Deal } from '@nenner/shared';
import { parse } from 'csv-parse/sync';
import ExcelJS from 'exceljs';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { exportRows, positionalColumns } from '../src/lib/export.js';
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
