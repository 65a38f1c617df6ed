import type { ImportEntity, ImportMapping } from '../schemas/imports.js';

/** The field keys a column can be mapped to, per entity (the API's own names), plus `note`. */
export const importFields = {
  contacts: [
    'firstName',
    'lastName',
    'fullName',
    'emails',
    'phone',
    'jobTitle',
    'company',
    'website',
    'lifecycleStage',
    'source',
    'tags',
    'note',
  ],
  accounts: ['name', 'domain', 'industry', 'country', 'city', 'postcode', 'phone', 'tags', 'note'],
  deals: ['name', 'company', 'pipeline', 'stage', 'amount', 'currency', 'closeDate', 'nextStep', 'note'],
} as const satisfies Record<ImportEntity, readonly string[]>;

export type ImportField = (typeof importFields)[ImportEntity][number];

/** A preset: the headers another tool writes in its export, per entity, and the field each means. */
interface Preset {
  name: string;
  headers: Partial<Record<ImportEntity, Record<string, ImportField>>>;
}

/*
 * Header names as the tools write them in their exports (HubSpot's "Export" of a view, a Salesforce report
 * "Details Only" export, Pipedrive's "Export filter results" which prefixes the object name). Matched
 * case-insensitively; the preset with the most matching headers wins.
 */
export const importPresets: readonly Preset[] = [
  {
    name: 'hubspot',
    headers: {
      contacts: {
        'first name': 'firstName',
        'last name': 'lastName',
        email: 'emails',
        'phone number': 'phone',
        'mobile phone number': 'phone',
        'job title': 'jobTitle',
        'company name': 'company',
        'website url': 'website',
        'lifecycle stage': 'lifecycleStage',
        'original source': 'source',
      },
      accounts: {
        'company name': 'name',
        'company domain name': 'domain',
        industry: 'industry',
        'country/region': 'country',
        city: 'city',
        'postal code': 'postcode',
        'phone number': 'phone',
      },
      deals: {
        'deal name': 'name',
        'associated company': 'company',
        pipeline: 'pipeline',
        'deal stage': 'stage',
        amount: 'amount',
        'close date': 'closeDate',
        currency: 'currency',
      },
    },
  },
  {
    name: 'salesforce',
    headers: {
      contacts: {
        'first name': 'firstName',
        'last name': 'lastName',
        email: 'emails',
        phone: 'phone',
        title: 'jobTitle',
        'account name': 'company',
        'lead source': 'source',
      },
      accounts: {
        'account name': 'name',
        website: 'domain',
        industry: 'industry',
        'billing country': 'country',
        'billing city': 'city',
        'billing zip/postal code': 'postcode',
        phone: 'phone',
      },
      deals: {
        'opportunity name': 'name',
        'account name': 'company',
        stage: 'stage',
        amount: 'amount',
        'amount currency': 'currency',
        'opportunity currency': 'currency',
        'close date': 'closeDate',
        'next step': 'nextStep',
      },
    },
  },
  {
    name: 'pipedrive',
    headers: {
      contacts: {
        'person - name': 'fullName',
        'person - first name': 'firstName',
        'person - last name': 'lastName',
        'person - email': 'emails',
        'person - email - work': 'emails',
        'person - phone': 'phone',
        'person - phone - work': 'phone',
        'person - job title': 'jobTitle',
        'person - organization': 'company',
        'person - labels': 'tags',
      },
      accounts: {
        'organization - name': 'name',
        'organization - website': 'domain',
        'organization - address - city/town/village/locality': 'city',
        'organization - address - country': 'country',
        'organization - address - zip/postal code': 'postcode',
        'organization - labels': 'tags',
      },
      deals: {
        'deal - title': 'name',
        'deal - organization': 'company',
        'deal - pipeline': 'pipeline',
        'deal - stage': 'stage',
        'deal - value': 'amount',
        'deal - currency': 'currency',
        'deal - expected close date': 'closeDate',
      },
    },
  },
  {
    // Nenner's own export writes the API's field keys as headers
    name: 'nenner',
    headers: {
      contacts: Object.fromEntries(
        ['firstName', 'lastName', 'emails', 'phone', 'jobTitle', 'lifecycleStage', 'source', 'tags'].map((f) => [
          f.toLowerCase(),
          f as ImportField,
        ]),
      ),
      accounts: Object.fromEntries(
        ['name', 'domain', 'industry', 'country', 'city', 'postcode', 'tags'].map((f) => [f, f as ImportField]),
      ),
      deals: Object.fromEntries(
        ['name', 'pipeline', 'stage', 'amount', 'currency', 'closeDate', 'nextStep'].map((f) => [
          f.toLowerCase(),
          f as ImportField,
        ]),
      ),
    },
  },
];

/** German and plain English headers of a hand-made spreadsheet. */
const generic: Record<ImportEntity, Record<string, ImportField>> = {
  contacts: {
    vorname: 'firstName',
    nachname: 'lastName',
    name: 'fullName',
    'e-mail': 'emails',
    email: 'emails',
    'e-mail-adresse': 'emails',
    telefon: 'phone',
    telefonnummer: 'phone',
    mobil: 'phone',
    position: 'jobTitle',
    funktion: 'jobTitle',
    firma: 'company',
    unternehmen: 'company',
    company: 'company',
    website: 'website',
    quelle: 'source',
    'first name': 'firstName',
    'last name': 'lastName',
    phone: 'phone',
    'job title': 'jobTitle',
  },
  accounts: {
    firma: 'name',
    unternehmen: 'name',
    name: 'name',
    domain: 'domain',
    website: 'domain',
    branche: 'industry',
    land: 'country',
    ort: 'city',
    stadt: 'city',
    plz: 'postcode',
    telefon: 'phone',
  },
  deals: {
    name: 'name',
    titel: 'name',
    firma: 'company',
    unternehmen: 'company',
    pipeline: 'pipeline',
    phase: 'stage',
    stage: 'stage',
    betrag: 'amount',
    wert: 'amount',
    währung: 'currency',
    abschlussdatum: 'closeDate',
  },
};

const key = (header: string) => header.trim().toLowerCase();

/** The preset whose headers the file's columns match best, and the mapping it suggests (unknown columns: null). */
export const suggestMapping = (
  entity: ImportEntity,
  columns: readonly string[],
): { preset: string; mapping: ImportMapping } => {
  let best: { preset: string; hits: number; table: Record<string, ImportField> } = {
    preset: 'generic',
    hits: 1,
    table: generic[entity],
  };
  for (const p of importPresets) {
    const table = p.headers[entity] ?? {};
    const hits = columns.filter((c) => key(c) in table).length;
    if (hits > best.hits) best = { preset: p.name, hits, table: { ...generic[entity], ...table } };
  }
  const used = new Set<string>();
  const mapping: ImportMapping = {};
  for (const c of columns) {
    const field = best.table[key(c)];
    // a field taken twice (two email columns) keeps both only for emails; phone takes the first
    mapping[c] = field && (!used.has(field) || field === 'emails') ? field : null;
    if (field) used.add(field);
  }
  return { preset: best.preset, mapping };
};
