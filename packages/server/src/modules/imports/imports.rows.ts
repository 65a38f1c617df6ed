import {
  domainOf,
  type ImportDateFormat,
  type ImportDecimal,
  type ImportEntity,
  type ImportMapping,
  type ImportRowError,
  lifecycleStages,
  parseImportDate,
  parseImportNumber,
  parseImportPhone,
  splitEmails,
} from '@nenner/shared';
import { z } from 'zod';

/*
 * One file row → the values of one record, or the reasons it cannot be one. Pure: the batch writer
 * looks up duplicates and writes. Messages are codes; the web app and the errors CSV put them in words.
 */

export interface AccountValues {
  name: string;
  domain: string | null;
  industry: string | null;
  country: string | null;
  city: string | null;
  postcode: string | null;
  tags: string[];
}

export interface ContactValues {
  firstName: string;
  lastName: string;
  emails: string[];
  phone: string | null;
  jobTitle: string | null;
  lifecycleStage: string | null;
  source: string | null;
  tags: string[];
}

export interface DealValues {
  name: string;
  pipelineId: string;
  stageId: string;
  status: 'open' | 'won' | 'lost';
  amount: number;
  currency: string;
  closeDate: string | null;
  nextStep: string | null;
}

export type RowValues =
  | { entity: 'contacts'; contact: ContactValues; account: Pick<AccountValues, 'name' | 'domain'> | null }
  | { entity: 'accounts'; account: AccountValues }
  | { entity: 'deals'; deal: DealValues; account: Pick<AccountValues, 'name' | 'domain'> };

export interface ConvertedRow {
  row: number;
  values: RowValues | null;
  /** `Header: value` lines of the columns mapped to the note. */
  note: string | null;
  errors: ImportRowError[];
}

export interface PipelineLookup {
  defaultPipelineId: string | null;
  /** Pipelines by lower-cased name; each with its stages by lower-cased German and English name. */
  pipelines: Map<string, { id: string; stages: Map<string, { id: string; kind: string }> }>;
  byId: Map<string, { id: string; stages: Map<string, { id: string; kind: string }> }>;
}

export interface RowSettings {
  entity: ImportEntity;
  mapping: ImportMapping;
  dateFormat: ImportDateFormat;
  decimal: ImportDecimal;
}

const Email = z.email();

/** HubSpot's and Salesforce's lifecycle stage labels and values, besides Nenner's own keys. */
const stageAliases: Record<string, string> = {
  'marketing qualified lead': 'mql',
  marketingqualifiedlead: 'mql',
  'sales accepted lead': 'sal',
  'sales qualified lead': 'sql',
  salesqualifiedlead: 'sql',
  kunde: 'customer',
  interessent: 'lead',
  abonnent: 'subscriber',
  sonstige: 'other',
};

const lifecycleOf = (text: string): string | null => {
  const k = text.trim().toLowerCase();
  if ((lifecycleStages as readonly string[]).includes(k)) return k;
  return stageAliases[k] ?? null;
};

const splitTags = (text: string) =>
  text
    .split(/[;,]/)
    .map((t) => t.trim())
    .filter(Boolean);

const clip = (s: string, max: number) => s.slice(0, max);

/** Converts one data row by the mapping; every problem is one error with the row, column and value. */
export const convertRow = (
  settings: RowSettings,
  header: readonly string[],
  row: number,
  cells: readonly string[],
  pipelines: PipelineLookup,
): ConvertedRow => {
  const errors: ImportRowError[] = [];
  const fail = (column: string | null, value: string | null, message: string) =>
    errors.push({ row, column, value, message });
  const byField = new Map<string, { column: string; value: string }[]>();
  const notes: string[] = [];
  header.forEach((column, i) => {
    const field = settings.mapping[column];
    const value = (cells[i] ?? '').trim();
    if (!field || value === '') return;
    if (field === 'note') notes.push(`${column}: ${value}`);
    else byField.set(field, [...(byField.get(field) ?? []), { column, value }]);
  });
  const first = (field: string) => byField.get(field)?.[0];
  const text = (field: string, max = 200) => {
    const v = first(field)?.value;
    return v === undefined ? null : clip(v, max);
  };
  const note = notes.length > 0 ? notes.join('\n') : null;

  if (settings.entity === 'accounts') {
    const name = text('name');
    if (!name) fail(null, null, 'missing_name');
    const domainCell = first('domain');
    const domain = domainCell ? domainOf(domainCell.value) : null;
    if (domainCell && !domain) fail(domainCell.column, domainCell.value, 'invalid_domain');
    const values: RowValues | null = name
      ? {
          entity: 'accounts',
          account: {
            name,
            domain,
            industry: text('industry'),
            country: text('country'),
            city: text('city'),
            postcode: text('postcode', 20),
            tags: splitTags(text('tags', 1000) ?? ''),
          },
        }
      : null;
    return { row, values: errors.length > 0 ? null : values, note, errors };
  }

  if (settings.entity === 'contacts') {
    let firstName = text('firstName') ?? '';
    let lastName = text('lastName') ?? '';
    const full = text('fullName');
    if (full && !firstName && !lastName) {
      const at = full.lastIndexOf(' ');
      [firstName, lastName] = at > 0 ? [full.slice(0, at), full.slice(at + 1)] : ['', full];
    }
    const emails: string[] = [];
    for (const cell of byField.get('emails') ?? []) {
      for (const e of splitEmails(cell.value)) {
        if (Email.safeParse(e).success) emails.push(e);
        else fail(cell.column, cell.value, 'invalid_email');
      }
    }
    if (!firstName && !lastName && emails.length === 0 && errors.length === 0) fail(null, null, 'missing_name');
    const stageCell = first('lifecycleStage');
    const lifecycleStage = stageCell ? lifecycleOf(stageCell.value) : null;
    if (stageCell && !lifecycleStage) fail(stageCell.column, stageCell.value, 'unknown_lifecycle_stage');
    const phone = text('phone');
    const company = text('company');
    const website = first('website');
    const domain = website ? domainOf(website.value) : null;
    const values: RowValues = {
      entity: 'contacts',
      contact: {
        firstName,
        lastName,
        emails: [...new Set(emails.map((e) => e.toLowerCase()))].map(
          (l) => emails.find((e) => e.toLowerCase() === l) ?? l,
        ),
        phone: phone ? parseImportPhone(phone) : null,
        jobTitle: text('jobTitle'),
        lifecycleStage,
        source: text('source', 100),
        tags: splitTags(text('tags', 1000) ?? ''),
      },
      account: company || domain ? { name: company ?? domain ?? '', domain } : null,
    };
    return { row, values: errors.length > 0 ? null : values, note, errors };
  }

  const name = text('name');
  if (!name) fail(null, null, 'missing_name');
  const company = text('company');
  if (!company) fail(null, null, 'missing_company');
  const pipelineCell = first('pipeline');
  const pipeline = pipelineCell
    ? pipelines.pipelines.get(pipelineCell.value.toLowerCase())
    : pipelines.byId.get(pipelines.defaultPipelineId ?? '');
  if (!pipeline) fail(pipelineCell?.column ?? null, pipelineCell?.value ?? null, 'unknown_pipeline');
  const stageCell = first('stage');
  const stages = pipeline ? [...pipeline.stages.values()] : [];
  const stage = stageCell ? pipeline?.stages.get(stageCell.value.toLowerCase()) : stages.find((s) => s.kind === 'open');
  if (pipeline && !stage) fail(stageCell?.column ?? null, stageCell?.value ?? null, 'unknown_stage');
  const amountCell = first('amount');
  const amount = amountCell ? parseImportNumber(amountCell.value, settings.decimal) : 0;
  if (amountCell && (amount === null || amount < 0)) fail(amountCell.column, amountCell.value, 'invalid_number');
  const dateCell = first('closeDate');
  const closeDate = dateCell ? parseImportDate(dateCell.value, settings.dateFormat) : null;
  if (dateCell && !closeDate) fail(dateCell.column, dateCell.value, 'invalid_date');
  const currency = (text('currency') ?? 'EUR').toUpperCase();
  if (!/^[A-Z]{3}$/.test(currency)) fail(first('currency')?.column ?? null, currency, 'invalid_currency');
  if (errors.length > 0 || !name || !company || !pipeline || !stage) return { row, values: null, note, errors };
  return {
    row,
    values: {
      entity: 'deals',
      deal: {
        name,
        pipelineId: pipeline.id,
        stageId: stage.id,
        status: stage.kind === 'won' ? 'won' : stage.kind === 'lost' ? 'lost' : 'open',
        amount: Math.round((amount ?? 0) * 100),
        currency,
        closeDate,
        nextStep: text('nextStep', 500),
      },
      account: { name: company, domain: null },
    },
    note,
    errors,
  };
};
