import type { CreatedImport, DryRunResult, ImportState, UndoResult } from '@nenner/shared';
import ExcelJS from 'exceljs';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runImportJob } from '../src/modules/imports/imports.jobs.js';
import { runBackgroundOnce } from '../src/worker.js';
import { expectInvalid, expectProblem, type Res, type Session, startTestApp, type TestApp } from './harness.js';

/*
 * Imports through HTTP with files made here: a HubSpot and a Pipedrive export, a German Excel CSV in
 * Windows-1252, a UTF-8 file with BOM, an XLSX workbook, Excel's "Unicode text" (UTF-16, tabs), a multipart
 * upload, broken rows, duplicates by email; counts, values read back, error rows, undo back to the exact rows
 * before, and refusals that change nothing.
 */

let t: TestApp;
let member: Session;
let other: Session;
let admin: Session;
let viewer: Session;

beforeAll(async () => {
  t = await startTestApp();
  member = await t.session('sales', 'member', 'Ina Import');
  other = await t.session('marketing', 'member');
  admin = await t.session('management', 'admin');
  viewer = await t.session('sales', 'viewer');
});
afterAll(() => t.close());

const upload = async (
  as: Session,
  entity: string,
  file: Buffer | string,
  fileName = 'datei.csv',
  type = 'text/csv',
): Promise<{ status: number; body: CreatedImport & { code?: string } }> => {
  const res = await fetch(`${t.url}/api/imports?entity=${entity}&fileName=${encodeURIComponent(fileName)}`, {
    method: 'POST',
    headers: { cookie: as.cookie, 'content-type': type },
    body: typeof file === 'string' ? Buffer.from(file, 'utf8') : file,
  });
  return { status: res.status, body: (await res.json()) as CreatedImport & { code?: string } };
};

const dryRun = async (as: Session, id: string) =>
  (await t.request<DryRunResult>('POST', `/api/imports/${id}/dry-run`, { cookie: as.cookie })).body;

const runToEnd = async (as: Session, id: string): Promise<ImportState> => {
  const queued = await t.request<ImportState>('POST', `/api/imports/${id}/run`, { cookie: as.cookie });
  expect(queued.status).toBe(200);
  expect(queued.body.status).toBe('queued');
  await runBackgroundOnce(t.ctx);
  return (await t.get<ImportState>(`/api/imports/${id}`, as)).body;
};

const contactByEmail = (email: string) =>
  t.ctx.db.selectFrom('contacts').selectAll().where('email', '=', email.toLowerCase()).executeTakeFirst();

describe('HubSpot and Pipedrive exports', () => {
  it('recognises a HubSpot export, maps an unknown column to the note, creates contacts with one account', async () => {
    const csv = [
      'Record ID,First Name,Last Name,Email,Phone Number,Company Name,Lifecycle Stage,Favourite Colour',
      '101,Jörg,Meier,joerg.meier@hubspot-kunde.de,089 / 123 45-67,Meier Technik GmbH,Marketing Qualified Lead,grün',
      '102,Sabine,Groß,sabine.gross@hubspot-kunde.de,+49 (0)30 987654,Meier Technik GmbH,Lead,',
      '103,Tom,Lee,tom@lee.example,,,Customer,blau',
    ].join('\r\n');
    const up = await upload(member, 'contacts', csv, 'hubspot-contacts.csv');
    expect(up.status).toBe(201);
    expect(up.body.detected).toEqual({ encoding: 'utf-8', delimiter: ',', preset: 'hubspot' });
    expect(up.body.mapping).toEqual({
      'Record ID': null,
      'First Name': 'firstName',
      'Last Name': 'lastName',
      Email: 'emails',
      'Phone Number': 'phone',
      'Company Name': 'company',
      'Lifecycle Stage': 'lifecycleStage',
      'Favourite Colour': null,
    });
    const patched = await t.request<ImportState>('PATCH', `/api/imports/${up.body.id}`, {
      cookie: member.cookie,
      body: { mapping: { 'Favourite Colour': 'note' }, dedupe: 'skip' },
    });
    expect(patched.status).toBe(200);
    expect(await dryRun(member, up.body.id)).toEqual({ create: 3, update: 0, skip: 0, fail: 0, errors: [] });
    const done = await runToEnd(member, up.body.id);
    expect(done).toMatchObject({
      status: 'done',
      processed: 3,
      total: 3,
      created: 3,
      updated: 0,
      skipped: 0,
      failed: 0,
    });

    const joerg = await contactByEmail('joerg.meier@hubspot-kunde.de');
    expect(joerg).toMatchObject({
      first_name: 'Jörg',
      last_name: 'Meier',
      phone: '+49 89 1234567',
      lifecycle_stage: 'mql',
      owner_id: member.user.id,
    });
    const sabine = await contactByEmail('sabine.gross@hubspot-kunde.de');
    expect(sabine?.phone).toBe('+49 30 987654');
    expect(sabine?.account_id).toBe(joerg?.account_id);
    const accounts = await t.ctx.db
      .selectFrom('accounts')
      .select(['id', 'name'])
      .where('name', '=', 'Meier Technik GmbH')
      .execute();
    expect(accounts).toHaveLength(1);
    expect((await contactByEmail('tom@lee.example'))?.account_id).toBeNull();

    const entries = await t.ctx.db
      .selectFrom('timeline_entries')
      .select(['entity_id', 'body', 'data', 'action'])
      .where('kind', '=', 'import')
      .where('entity_id', '=', joerg?.id ?? '')
      .execute();
    expect(entries).toEqual([
      {
        entity_id: joerg?.id,
        action: 'created',
        body: 'Favourite Colour: grün',
        data: JSON.stringify({ importId: up.body.id, file: 'hubspot-contacts.csv' }),
      },
    ]);
    const audits = await t.ctx.db
      .selectFrom('timeline_entries')
      .select('action')
      .where('kind', '=', 'audit')
      .where('entity_id', '=', up.body.id)
      .execute();
    expect(audits).toEqual([{ action: 'imported' }]);
    // no audit entry per record
    expect(
      await t.ctx.db
        .selectFrom('timeline_entries')
        .select('id')
        .where('kind', '=', 'audit')
        .where('entity_id', '=', joerg?.id ?? '')
        .execute(),
    ).toEqual([]);
  });

  it('recognises a Pipedrive export and splits the full name', async () => {
    const csv = [
      'Person - Name,Person - Email - Work,Person - Phone - Work,Person - Organization,Person - Labels',
      '"Anna Lena Schmidt",anna.schmidt@pipedrive-kunde.de,0221 555 123,Schmidt & Söhne KG,"VIP, Messe"',
    ].join('\n');
    const up = await upload(member, 'contacts', csv, 'people-export.csv');
    expect(up.body.detected.preset).toBe('pipedrive');
    expect(up.body.mapping['Person - Name']).toBe('fullName');
    const done = await runToEnd(member, up.body.id);
    expect(done).toMatchObject({ status: 'done', created: 1, failed: 0 });
    const anna = await contactByEmail('anna.schmidt@pipedrive-kunde.de');
    expect(anna).toMatchObject({
      first_name: 'Anna Lena',
      last_name: 'Schmidt',
      phone: '+49 221 555123',
      tags: '["VIP","Messe"]',
    });
  });
});

describe('German Excel files', () => {
  it('reads a Windows-1252 CSV with ;, decimal commas, dd.mm.yyyy and umlauts (deals)', async () => {
    const text = [
      'Name;Firma;Phase;Betrag;Abschlussdatum',
      'Großauftrag Süd;Bäckerei Weiß;Angebot;1.234,56;31.12.2026',
      'Wartung Öfen;Bäckerei Weiß;Verhandlung;99,5;01.02.27',
      'Schulung;Müller & Söhne;Qualifizierung;12.000;2027-03-15',
    ].join('\r\n');
    const file = iconv.encode(text, 'win1252');
    expect(file.includes(Buffer.from('ß', 'utf8'))).toBe(false);
    const up = await upload(member, 'deals', file, 'Aufträge.csv');
    expect(up.status).toBe(201);
    expect(up.body.detected).toEqual({ encoding: 'windows-1252', delimiter: ';', preset: 'generic' });
    expect(up.body.mapping).toEqual({
      Name: 'name',
      Firma: 'company',
      Phase: 'stage',
      Betrag: 'amount',
      Abschlussdatum: 'closeDate',
    });
    expect(await dryRun(member, up.body.id)).toEqual({ create: 3, update: 0, skip: 0, fail: 0, errors: [] });
    expect(await runToEnd(member, up.body.id)).toMatchObject({ status: 'done', created: 3 });
    const deals = await t.ctx.db
      .selectFrom('deals as d')
      .innerJoin('accounts as a', 'a.id', 'd.account_id')
      .innerJoin('pipeline_stages as s', 's.id', 'd.stage_id')
      .select(['d.name', 'a.name as account', 's.name_de as stage', 'd.amount', 'd.close_date', 'd.status'])
      .where('d.name', 'in', ['Großauftrag Süd', 'Wartung Öfen', 'Schulung'])
      .orderBy('d.amount')
      .execute();
    expect(deals).toEqual([
      {
        name: 'Wartung Öfen',
        account: 'Bäckerei Weiß',
        stage: 'Verhandlung',
        amount: 9950,
        close_date: '2027-02-01',
        status: 'open',
      },
      {
        name: 'Großauftrag Süd',
        account: 'Bäckerei Weiß',
        stage: 'Angebot',
        amount: 123456,
        close_date: '2026-12-31',
        status: 'open',
      },
      {
        name: 'Schulung',
        account: 'Müller & Söhne',
        stage: 'Qualifizierung',
        amount: 1200000,
        close_date: '2027-03-15',
        status: 'open',
      },
    ]);
  });

  it('reads a UTF-8 file with BOM: the first header is clean', async () => {
    const file = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from('Vorname;Nachname;E-Mail;Telefon\nÜte;Straße;uete@bom.example;030 1234567\n'),
    ]);
    const up = await upload(member, 'contacts', file, 'bom.csv');
    expect(up.body.detected).toEqual({ encoding: 'utf-8-bom', delimiter: ';', preset: 'generic' });
    expect(up.body.columns).toEqual(['Vorname', 'Nachname', 'E-Mail', 'Telefon']);
    expect(up.body.mapping).toEqual({
      Vorname: 'firstName',
      Nachname: 'lastName',
      'E-Mail': 'emails',
      Telefon: 'phone',
    });
    await runToEnd(member, up.body.id);
    expect(await contactByEmail('uete@bom.example')).toMatchObject({
      first_name: 'Üte',
      last_name: 'Straße',
      phone: '+49 30 1234567',
    });
  });

  it('strips a Salesforce report footer', async () => {
    const csv = [
      '"First Name","Last Name","Title","Account Name","Email"',
      '"Petra","Kühn","CFO","Kühn AG","petra@kuehn.example"',
      '',
      '"Grand Totals (1 records)"',
      '',
      '"Confidential Information - Do Not Distribute"',
      '"Copyright (c) 2000-2026 salesforce.com, inc. All rights reserved."',
    ].join('\n');
    const up = await upload(member, 'contacts', csv, 'report.csv');
    expect(up.body.detected.preset).toBe('salesforce');
    expect(await dryRun(member, up.body.id)).toEqual({ create: 1, update: 0, skip: 0, fail: 0, errors: [] });
  });
});

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** What an import may change, row by row (the import's own rows and its audit entries aside). */
const recordState = async () => {
  const s = await t.snapshot();
  return {
    // the periodic rescore (run by runBackgroundOnce) stamps when a score was computed: not the import's
    contacts: (s.contacts ?? []).map((c) => ({ ...(c as Record<string, unknown>), scored_at: undefined })),
    accounts: s.accounts,
    deals: s.deals,
    deal_contacts: s.deal_contacts,
    contact_search_docs: s.contact_search_docs,
    account_search_docs: s.account_search_docs,
    timeline_entries: ((s.timeline_entries ?? []) as { entity_type: string }[]).filter(
      (e) => e.entity_type !== 'import',
    ),
  };
};

const uploadForm = async (as: Session, entity: string, form: FormData, query = ''): Promise<Res<CreatedImport>> => {
  const res = await fetch(`${t.url}/api/imports?entity=${entity}${query}`, {
    method: 'POST',
    headers: { cookie: as.cookie },
    body: form,
  });
  const text = await res.text();
  return { status: res.status, headers: res.headers, text, body: JSON.parse(text) as CreatedImport };
};

describe('XLSX, UTF-16 and multipart uploads', () => {
  it('reads an XLSX workbook made with exceljs: number and date cells, umlauts, an unknown stage; undo restores the rows', async () => {
    const workbook = new ExcelJS.Workbook();
    const sheet = workbook.addWorksheet('Verkaufschancen');
    sheet.addRow(['Name', 'Firma', 'Phase', 'Betrag', 'Abschlussdatum']);
    sheet.addRow(['Rahmenvertrag Größe', 'Kälte Groß AG', 'Angebot', 1234.56, new Date(Date.UTC(2026, 11, 31))]);
    sheet.addRow(['Service Süd', 'Kälte Groß AG', 'Verhandlung', 99.5, new Date(Date.UTC(2027, 1, 1))]);
    sheet.addRow(['Traum', 'Öl & Söhne', 'Traumphase', 10, new Date(Date.UTC(2027, 2, 15))]);
    const file = Buffer.from(await workbook.xlsx.writeBuffer());
    const before = await recordState();

    const up = await upload(member, 'deals', file, 'Chancen.xlsx', XLSX);
    expect(up.status).toBe(201);
    expect(up.body.detected).toEqual({ encoding: 'utf-8', delimiter: null, preset: 'generic' });
    expect(up.body.columns).toEqual(['Name', 'Firma', 'Phase', 'Betrag', 'Abschlussdatum']);
    expect(up.body.mapping).toEqual({
      Name: 'name',
      Firma: 'company',
      Phase: 'stage',
      Betrag: 'amount',
      Abschlussdatum: 'closeDate',
    });
    expect(await dryRun(member, up.body.id)).toEqual({
      create: 2,
      update: 0,
      skip: 0,
      fail: 1,
      errors: [{ row: 4, column: 'Phase', value: 'Traumphase', message: 'unknown_stage' }],
    });
    expect(await runToEnd(member, up.body.id)).toMatchObject({
      status: 'done',
      processed: 3,
      total: 3,
      created: 2,
      updated: 0,
      skipped: 0,
      failed: 1,
    });
    const deals = await t.ctx.db
      .selectFrom('deals as d')
      .innerJoin('accounts as a', 'a.id', 'd.account_id')
      .innerJoin('pipeline_stages as s', 's.id', 'd.stage_id')
      .select(['d.name', 'a.name as account', 's.name_de as stage', 'd.amount', 'd.close_date'])
      .where('d.name', 'in', ['Rahmenvertrag Größe', 'Service Süd', 'Traum'])
      .orderBy('d.amount')
      .execute();
    expect(deals).toEqual([
      { name: 'Service Süd', account: 'Kälte Groß AG', stage: 'Verhandlung', amount: 9950, close_date: '2027-02-01' },
      {
        name: 'Rahmenvertrag Größe',
        account: 'Kälte Groß AG',
        stage: 'Angebot',
        amount: 123456,
        close_date: '2026-12-31',
      },
    ]);
    const csv = await t.request('GET', `/api/imports/${up.body.id}/errors.csv`, { cookie: member.cookie });
    expect(csv.text.split('\r\n')).toEqual([
      'Zeile,Spalte,Wert,Fehler,Code',
      '4,Phase,Traumphase,Unbekannte Phase,unknown_stage',
      '',
    ]);

    const undone = await t.request<UndoResult>('POST', `/api/imports/${up.body.id}/undo`, { cookie: member.cookie });
    // two deals and the one account they share
    expect(undone.body).toEqual({ deleted: 3, restored: 0, kept: [] });
    expect(await recordState()).toEqual(before);
  });

  it('reads Excel\'s "Unicode text": UTF-16 with BOM, tab-delimited, umlauts and ß; a duplicate in another case is skipped', async () => {
    const text = [
      'Vorname\tNachname\tE-Mail\tTelefon\tFirma',
      'Jürgen\tStraßburger\tjuergen@utf16.example\t030 1234567\tGroß & Söhne GmbH',
      'Änne\tÖzdemir-Weiß\taenne@utf16.example\t\tGroß & Söhne GmbH',
      'Jürgen\tDoppelt\tJUERGEN@UTF16.example\t\t',
      '',
    ].join('\r\n');
    const file = Buffer.concat([Buffer.from([0xff, 0xfe]), iconv.encode(text, 'utf-16le')]);
    const before = await recordState();

    const up = await upload(member, 'contacts', file, 'Unicode-Text.txt');
    expect(up.status).toBe(201);
    expect(up.body.detected).toEqual({ encoding: 'utf-16le', delimiter: '\t', preset: 'generic' });
    expect(up.body.columns).toEqual(['Vorname', 'Nachname', 'E-Mail', 'Telefon', 'Firma']);
    expect(up.body.mapping).toEqual({
      Vorname: 'firstName',
      Nachname: 'lastName',
      'E-Mail': 'emails',
      Telefon: 'phone',
      Firma: 'company',
    });
    expect(await dryRun(member, up.body.id)).toEqual({ create: 2, update: 0, skip: 1, fail: 0, errors: [] });
    expect(await runToEnd(member, up.body.id)).toMatchObject({
      status: 'done',
      processed: 3,
      total: 3,
      created: 2,
      updated: 0,
      skipped: 1,
      failed: 0,
    });
    const juergen = await contactByEmail('juergen@utf16.example');
    const aenne = await contactByEmail('aenne@utf16.example');
    expect(juergen).toMatchObject({
      first_name: 'Jürgen',
      last_name: 'Straßburger',
      emails: '["juergen@utf16.example"]',
      phone: '+49 30 1234567',
      lead_at: juergen?.created_at,
    });
    expect(aenne).toMatchObject({ first_name: 'Änne', last_name: 'Özdemir-Weiß', phone: null });
    expect(aenne?.account_id).toBe(juergen?.account_id);
    expect(await t.row('accounts', juergen?.account_id ?? '')).toMatchObject({ name: 'Groß & Söhne GmbH' });
    // the search finds the imported people by their folded names
    const found = await t.get<{ items: { id: string }[] }>('/api/contacts?q=strassburger', member);
    expect(found.body.items.map((c) => c.id)).toEqual([juergen?.id]);

    const undone = await t.request<UndoResult>('POST', `/api/imports/${up.body.id}/undo`, { cookie: member.cookie });
    expect(undone.body).toEqual({ deleted: 3, restored: 0, kept: [] });
    expect(await recordState()).toEqual(before);
  });

  it('takes the file as multipart/form-data (field "file") and refuses a form without it, changing nothing', async () => {
    const csv = 'Vorname;Nachname;E-Mail\nMärta;Fußmann;maerta@multipart.example\n';
    const form = new FormData();
    form.append('note', 'ignored');
    form.append('file', new Blob([Buffer.from(csv, 'utf8')], { type: 'text/csv' }), 'Kontakte März.csv');
    const up = await uploadForm(member, 'contacts', form);
    expect(up.status).toBe(201);
    expect(up.body.detected).toEqual({ encoding: 'utf-8', delimiter: ';', preset: 'generic' });
    expect(up.body.columns).toEqual(['Vorname', 'Nachname', 'E-Mail']);
    const state = await t.get<ImportState>(`/api/imports/${up.body.id}`, member);
    expect(state.body.fileName).toBe('Kontakte März.csv');
    expect(await runToEnd(member, up.body.id)).toMatchObject({ status: 'done', created: 1, failed: 0 });
    expect(await contactByEmail('maerta@multipart.example')).toMatchObject({
      first_name: 'Märta',
      last_name: 'Fußmann',
    });

    const wrongField = new FormData();
    wrongField.append('datei', new Blob([csv], { type: 'text/csv' }), 'k.csv');
    expectInvalid(await t.unchanged(() => uploadForm(member, 'contacts', wrongField)), 'file');
    const noFile = new FormData();
    noFile.append('file', 'just text, no file');
    expectInvalid(await t.unchanged(() => uploadForm(member, 'contacts', noFile)), 'file');
    const twoFiles = new FormData();
    twoFiles.append('file', new Blob([csv], { type: 'text/csv' }), 'a.csv');
    twoFiles.append('file', new Blob([csv], { type: 'text/csv' }), 'b.csv');
    expectInvalid(await t.unchanged(() => uploadForm(member, 'contacts', twoFiles)), 'file');
    const empty = new FormData();
    empty.append('file', new Blob([], { type: 'text/csv' }), 'leer.csv');
    expectInvalid(await t.unchanged(() => uploadForm(member, 'contacts', empty)), 'file');
    // a viewer's upload is refused whichever way it comes
    const refused = new FormData();
    refused.append('file', new Blob([csv], { type: 'text/csv' }), 'k.csv');
    expectProblem(await t.unchanged(() => uploadForm(viewer, 'contacts', refused)), 403, 'forbidden');
  });
});

describe('broken rows and errors', () => {
  it('fails exactly the broken rows: a wrong quote, a bad email, an unknown stage; errors.csv lists them all', async () => {
    const contacts = [
      'Vorname;Nachname;E-Mail',
      'Gut;Eins;gut1@broken.example',
      'Kaputt;"Zi"tat;kaputt@broken.example',
      'Falsch;Mail;keine-mail@',
      'Gut;Zwei;gut2@broken.example',
    ].join('\n');
    const up = await upload(member, 'contacts', contacts, 'kaputt.csv');
    const dry = await dryRun(member, up.body.id);
    expect({ ...dry, errors: dry.errors.map((e) => ({ ...e })) }).toMatchObject({
      create: 2,
      update: 0,
      skip: 0,
      fail: 2,
    });
    expect(dry.errors.map((e) => [e.row, e.column, e.value, e.message])).toEqual([
      [3, null, null, 'malformed_row'],
      [4, 'E-Mail', 'keine-mail@', 'invalid_email'],
    ]);
    const csv = await t.request('GET', `/api/imports/${up.body.id}/errors.csv`, { cookie: member.cookie });
    expect(csv.status).toBe(200);
    expect(csv.text.split('\r\n')).toEqual([
      'Zeile,Spalte,Wert,Fehler,Code',
      '3,,,Zeile nicht lesbar (Anführungszeichen?),malformed_row',
      '4,E-Mail,keine-mail@,Keine gültige E-Mail-Adresse,invalid_email',
      '',
    ]);
    expect(await runToEnd(member, up.body.id)).toMatchObject({ status: 'done', processed: 4, created: 2, failed: 2 });
    expect(await contactByEmail('gut2@broken.example')).toBeDefined();

    const deals = 'Name,Firma,Phase,Betrag\nA,Kunde A,Angebot,100\nB,Kunde B,Traumphase,100\n';
    const d = await upload(member, 'deals', deals, 'deals.csv');
    const dd = await dryRun(member, d.body.id);
    expect([dd.create, dd.fail]).toEqual([1, 1]);
    expect(dd.errors).toEqual([{ row: 3, column: 'Phase', value: 'Traumphase', message: 'unknown_stage' }]);
  });
});

describe('dedupe and undo', () => {
  it('finds duplicates by any email in another case; skip, fill, overwrite and create; undo restores the rows', async () => {
    const existing = await t.createContact(member, {
      firstName: 'Eva',
      lastName: 'Alt',
      emails: ['eva@firma.example', 'Eva.Privat@Mail.example'],
    });
    const second = await t.createContact(member, { firstName: '', lastName: 'Ohne', emails: ['ohne@firma.example'] });
    const before = await t.row('contacts', existing.id);
    const beforeSecond = await t.row('contacts', second.id);
    const csv = [
      'Vorname,Nachname,E-Mail,Position',
      'Evi,Neu,EVA.PRIVAT@mail.example,Leiterin',
      'Otto,Ohne,OHNE@Firma.example,Chef',
      'Neu,Person,neu@firma.example,',
      'Neu,Doppelt,NEU@firma.example,',
    ].join('\n');
    const counts = async (dedupe: string) => {
      const up = await upload(member, 'contacts', csv, 'dubletten.csv');
      await t.request('PATCH', `/api/imports/${up.body.id}`, { cookie: member.cookie, body: { dedupe } });
      const { errors: _e, ...c } = await dryRun(member, up.body.id);
      return { id: up.body.id, c };
    };
    expect((await counts('skip')).c).toEqual({ create: 1, update: 0, skip: 3, fail: 0 });
    expect((await counts('fill')).c).toEqual({ create: 1, update: 2, skip: 1, fail: 0 });
    expect((await counts('create')).c).toEqual({ create: 4, update: 0, skip: 0, fail: 0 });
    const { id, c } = await counts('overwrite');
    expect(c).toEqual({ create: 1, update: 2, skip: 1, fail: 0 });

    const done = await runToEnd(member, id);
    expect(done).toMatchObject({ created: 1, updated: 2, skipped: 1 });
    expect(await t.row('contacts', existing.id)).toMatchObject({
      first_name: 'Evi',
      last_name: 'Neu',
      job_title: 'Leiterin',
      version: 2,
    });
    expect(await t.row('contacts', second.id)).toMatchObject({ first_name: 'Otto', job_title: 'Chef' });
    const created = await contactByEmail('neu@firma.example');
    expect(created?.last_name).toBe('Person');

    // someone edits the second contact after the import: undo keeps it and says so
    const edited = await t.request('PATCH', `/api/contacts/${second.id}`, {
      cookie: other.cookie,
      ifMatch: 2,
      body: { jobTitle: 'Inhaber' },
    });
    expect(edited.status).toBe(200);
    const undone = await t.request<UndoResult>('POST', `/api/imports/${id}/undo`, { cookie: member.cookie });
    expect(undone.status).toBe(200);
    expect(undone.body).toEqual({
      deleted: 1,
      restored: 1,
      kept: [{ entityType: 'contact', id: second.id, name: 'Otto Ohne' }],
    });
    expect(await t.row('contacts', existing.id)).toEqual(before);
    expect(await t.row('contacts', second.id)).not.toEqual(beforeSecond);
    expect(await contactByEmail('neu@firma.example')).toBeUndefined();
    expect((await t.get<ImportState>(`/api/imports/${id}`, member)).body.status).toBe('undone');
    expect(
      await t.ctx.db
        .selectFrom('timeline_entries')
        .select('id')
        .where('kind', '=', 'import')
        .where('entity_id', '=', existing.id)
        .execute(),
    ).toEqual([]);
  });

  it('undo of a contacts import removes the accounts it created, row by row back to before', async () => {
    const snapshotBefore = await t.snapshot();
    const up = await upload(
      member,
      'contacts',
      'Vorname,Nachname,E-Mail,Firma\nRolf,Rück,rolf@rueck.example,Rück GmbH\n',
      'r.csv',
    );
    await runToEnd(member, up.body.id);
    expect((await contactByEmail('rolf@rueck.example'))?.account_id).toBeTruthy();
    await t.request('POST', `/api/imports/${up.body.id}/undo`, { cookie: member.cookie });
    const after = await t.snapshot();
    for (const table of ['contacts', 'accounts', 'deals'] as const) expect(after[table]).toEqual(snapshotBefore[table]);
  });

  it('a file of 120 rows (written by COPY on PostgreSQL): tabs, line breaks and backslashes read back exactly; undo restores the rows', async () => {
    const snapshotBefore = await t.snapshot();
    const note = (i: number) =>
      ['Tab\there', 'Zeile 1\nZeile 2', 'C:\\Pfad\\N', '\\N', 'Grüße "zitiert"; ok'][i % 5] as string;
    const quoted = (v: string) => `"${v.replaceAll('"', '""')}"`;
    const lines = ['Vorname,Nachname,E-Mail,Firma,Hinweis'];
    for (let i = 0; i < 120; i++)
      lines.push(
        [`Jörg${i}`, `Weiß\\${i}`, `copy${i}@massen.example`, `Massen ${i % 7} GmbH`, note(i)].map(quoted).join(','),
      );
    const up = await upload(member, 'contacts', `${lines.join('\r\n')}\r\n`, 'massen.csv');
    expect(up.status).toBe(201);
    const patched = await t.request('PATCH', `/api/imports/${up.body.id}`, {
      cookie: member.cookie,
      body: { mapping: { Hinweis: 'note' }, dedupe: 'skip' },
    });
    expect(patched.status, patched.text).toBe(200);
    expect(await runToEnd(member, up.body.id)).toMatchObject({
      status: 'done',
      processed: 120,
      created: 120,
      failed: 0,
    });
    for (const i of [0, 1, 2, 3, 4, 119]) {
      const row = await contactByEmail(`copy${i}@massen.example`);
      expect(row).toMatchObject({ first_name: `Jörg${i}`, last_name: `Weiß\\${i}` });
      const entry = await t.ctx.db
        .selectFrom('timeline_entries')
        .select('body')
        .where('kind', '=', 'import')
        .where('entity_id', '=', row?.id ?? '')
        .executeTakeFirst();
      expect(entry?.body).toBe(`Hinweis: ${note(i)}`);
    }
    const accounts = await t.ctx.db.selectFrom('accounts').select('name').where('name', 'like', 'Massen %').execute();
    expect(accounts).toHaveLength(7);
    const undone = await t.request('POST', `/api/imports/${up.body.id}/undo`, { cookie: member.cookie });
    expect(undone.status, undone.text).toBe(200);
    const after = await t.snapshot();
    for (const table of ['contacts', 'accounts', 'deals'] as const) expect(after[table]).toEqual(snapshotBefore[table]);
  });

  it('resumes after a restart from the rows committed', async () => {
    const up = await upload(
      member,
      'contacts',
      'E-Mail\nr1@resume.example\nr2@resume.example\nr3@resume.example\n',
      'resume.csv',
    );
    await t.request('POST', `/api/imports/${up.body.id}/run`, { cookie: member.cookie });
    // as if a worker had committed the first row and died
    await t.ctx.db
      .updateTable('imports')
      .set({ status: 'running', processed: 1, created: 1, total: 3 })
      .where('id', '=', up.body.id)
      .execute();
    await runImportJob(t.ctx, { importId: up.body.id });
    expect((await t.get<ImportState>(`/api/imports/${up.body.id}`, member)).body).toMatchObject({
      status: 'done',
      processed: 3,
      created: 3,
    });
    expect(await contactByEmail('r1@resume.example')).toBeUndefined();
    expect(await contactByEmail('r3@resume.example')).toBeDefined();
    await runBackgroundOnce(t.ctx); // the queued job finds the import done and does nothing
  });
});

describe('refusals change nothing', () => {
  it('refuses viewers, strangers, bad mappings and a second run', async () => {
    const csv = 'E-Mail\nx@refused.example\n';
    expectProblem(
      await t.unchanged(() =>
        upload(viewer, 'contacts', csv).then((r) => ({
          ...r,
          headers: new Headers({ 'content-type': 'application/problem+json' }),
          text: '',
        })),
      ),
      403,
      'forbidden',
    );
    const up = await upload(member, 'contacts', csv, 'x.csv');
    const res = await t.unchanged(() =>
      t.request('PATCH', `/api/imports/${up.body.id}`, {
        cookie: member.cookie,
        body: { mapping: { 'E-Mail': 'shoeSize' } },
      }),
    );
    expectInvalid(res, 'mapping.E-Mail');
    expectProblem(
      await t.unchanged(() => t.request('POST', `/api/imports/${up.body.id}/run`, { cookie: other.cookie })),
      403,
      'forbidden',
    );
    expectProblem(
      await t.unchanged(() => t.request('POST', `/api/imports/${up.body.id}/undo`, { cookie: member.cookie })),
      409,
      'import_state',
    );
    expectProblem(
      await t.unchanged(() =>
        t.request('POST', '/api/imports?entity=contacts', {
          cookie: member.cookie,
          raw: 'a',
          contentType: 'text/plain',
        }),
      ),
      415,
      'unsupported_media_type',
    ).valueOf;
    await runToEnd(member, up.body.id);
    expectProblem(
      await t.unchanged(() => t.request('POST', `/api/imports/${up.body.id}/run`, { cookie: member.cookie })),
      409,
      'import_state',
    );
    expectProblem(
      await t.unchanged(() => t.request('POST', `/api/imports/${up.body.id}/undo`, { cookie: other.cookie })),
      403,
      'forbidden',
    );
    // an admin may undo someone else's import
    const undone = await t.request<UndoResult>('POST', `/api/imports/${up.body.id}/undo`, { cookie: admin.cookie });
    expect(undone.body).toEqual({ deleted: 1, restored: 0, kept: [] });
  });
});

describe('webhooks', () => {
  it('an import tells subscribers once, with import.completed, not once per record', async () => {
    const now = new Date().toISOString();
    await t.ctx.db
      .insertInto('webhooks')
      .values({
        id: '00000000-0000-7000-8000-0000000000a1',
        url: 'https://hooks.example.com/nenner',
        events: JSON.stringify(['import.completed', 'contact.created', 'account.created']),
        description: null,
        enabled: 1,
        disabled_reason: null,
        consecutive_failures: 0,
        secret: 'whsec_dGVzdHRlc3R0ZXN0dGVzdHRlc3R0ZXN0dGVzdA==',
        previous_secret: null,
        previous_secret_until: null,
        created_by: admin.user.id,
        version: 1,
        created_at: now,
        updated_at: now,
      })
      .execute();
    const up = await upload(
      member,
      'contacts',
      'Vorname;Nachname;E-Mail;Firma\nHook;Eins;hook1@webhook.example;Haken AG\nHook;Zwei;hook2@webhook.example;Haken AG\n',
      'haken.csv',
    );
    const queued = await t.request<ImportState>('POST', `/api/imports/${up.body.id}/run`, { cookie: member.cookie });
    expect(queued.status).toBe(200);
    await runImportJob(t.ctx, { importId: up.body.id });
    const deliveries = await t.ctx.db
      .selectFrom('webhook_deliveries')
      .select(['event_type', 'payload'])
      .where('webhook_id', '=', '00000000-0000-7000-8000-0000000000a1')
      .execute();
    expect(deliveries.map((d) => d.event_type)).toEqual(['import.completed']);
    const payload = JSON.parse(deliveries[0]?.payload ?? '{}') as { type: string; data: ImportState };
    expect(payload.type).toBe('import.completed');
    expect(payload.data).toMatchObject({
      id: up.body.id,
      fileName: 'haken.csv',
      status: 'done',
      processed: 2,
      total: 2,
      created: 2,
      updated: 0,
      skipped: 0,
      failed: 0,
    });
    await t.ctx.db.deleteFrom('webhook_deliveries').execute();
    await t.ctx.db.deleteFrom('jobs').where('name', '=', 'webhook_deliver').execute();
    await t.ctx.db.deleteFrom('webhooks').where('id', '=', '00000000-0000-7000-8000-0000000000a1').execute();
  });
});
