/**
 * Deterministic, realistic B2B data from Germany, Austria and Switzerland: the same seed gives the same
 * workspace on every machine, without network. Used by the demo workspace and the benchmark seed.
 */

/** mulberry32: a tiny, fast PRNG with a 32-bit state. */
export const createRandom = (seed: number) => {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)] as T;
  const int = (min: number, max: number) => min + Math.floor(next() * (max - min + 1));
  return { next, pick, int };
};
export type Random = ReturnType<typeof createRandom>;

/** First names by gender: a German job title agrees with the person (Geschäftsführer, Geschäftsführerin). */
export const femaleFirstNames = [
  'Anna',
  'Lena',
  'Laura',
  'Julia',
  'Sarah',
  'Katharina',
  'Sophie',
  'Marie',
  'Lisa',
  'Hannah',
  'Johanna',
  'Claudia',
  'Sabine',
  'Petra',
  'Andrea',
  'Stefanie',
  'Nicole',
  'Melanie',
  'Birgit',
  'Ursula',
  'Aylin',
  'Elif',
  'Zeynep',
  'Ana',
  'Jana',
  'Franziska',
  'Theresa',
  'Verena',
  'Barbara',
  'Monika',
] as const;
export const maleFirstNames = [
  'Lukas',
  'Jonas',
  'Leon',
  'Felix',
  'Maximilian',
  'Paul',
  'Elias',
  'Tim',
  'Jan',
  'Niklas',
  'Thomas',
  'Michael',
  'Andreas',
  'Stefan',
  'Christian',
  'Markus',
  'Martin',
  'Matthias',
  'Alexander',
  'Tobias',
  'Florian',
  'Sebastian',
  'Daniel',
  'Wolfgang',
  'Jürgen',
  'Klaus',
  'Uwe',
  'Bernd',
  'Mehmet',
  'Emre',
  'Luca',
  'Marco',
  'Reto',
  'Urs',
  'Beat',
  'Dominik',
  'Philipp',
  'Simon',
  'Jörg',
  'Björn',
] as const;
// one list, women first, so a single pick keeps the random sequence (and the rest of the demo) as it was
const firstNames: readonly { name: string; female: boolean }[] = [
  ...femaleFirstNames.map((name) => ({ name, female: true })),
  ...maleFirstNames.map((name) => ({ name, female: false })),
];

const lastNames = [
  'Müller',
  'Schmidt',
  'Schneider',
  'Fischer',
  'Weber',
  'Meyer',
  'Wagner',
  'Becker',
  'Schulz',
  'Hoffmann',
  'Schäfer',
  'Koch',
  'Bauer',
  'Richter',
  'Klein',
  'Wolf',
  'Schröder',
  'Neumann',
  'Schwarz',
  'Zimmermann',
  'Braun',
  'Krüger',
  'Hofmann',
  'Hartmann',
  'Lange',
  'Schmitt',
  'Werner',
  'Schmitz',
  'Krause',
  'Meier',
  'Lehmann',
  'Schmid',
  'Schulze',
  'Maier',
  'Köhler',
  'Herrmann',
  'König',
  'Walter',
  'Mayer',
  'Huber',
  'Kaiser',
  'Fuchs',
  'Peters',
  'Lang',
  'Scholz',
  'Möller',
  'Weiß',
  'Jung',
  'Hahn',
  'Schubert',
  'Vogel',
  'Friedrich',
  'Keller',
  'Günther',
  'Frank',
  'Berger',
  'Winkler',
  'Roth',
  'Beck',
  'Lorenz',
  'Baumann',
  'Franke',
  'Albrecht',
  'Schuster',
  'Simon',
  'Ludwig',
  'Böhm',
  'Winter',
  'Kraus',
  'Martin',
  'Schumacher',
  'Krämer',
  'Vogt',
  'Stein',
  'Jäger',
  'Otto',
  'Sommer',
  'Groß',
  'Seidel',
  'Heinrich',
  'Brandt',
  'Haas',
  'Schreiber',
  'Graf',
  'Schulte',
  'Dietrich',
  'Ziegler',
  'Kuhn',
  'Kühn',
  'Pohl',
  'Engel',
  'Horn',
  'Busch',
  'Bergmann',
  'Thomas',
  'Voigt',
  'Sauer',
  'Arnold',
  'Wolff',
  'Pfeiffer',
  'Gruber',
  'Pichler',
  'Steiner',
  'Moser',
  'Brunner',
  'Gerber',
  'Baumgartner',
  'Frei',
  'Widmer',
  'Yılmaz',
  'Kaya',
  'Demir',
  'Nowak',
  'Kowalski',
  'Özdemir',
  'Rossi',
  'Ferrari',
] as const;

/**
 * Job titles as [for a man, for a woman]: German titles are gendered (Leiter/Leiterin, Einkäufer/Einkäuferin);
 * English ones and neutral ones (CIO, Assistenz der Geschäftsführung) are the same for both.
 */
const jobTitles: readonly (readonly [string, string])[] = [
  ['Geschäftsführer', 'Geschäftsführerin'],
  ['Geschäftsführer', 'Geschäftsführerin'],
  ['Leiter Einkauf', 'Leiterin Einkauf'],
  ['Leiter Einkauf', 'Leiterin Einkauf'],
  ['Einkäufer', 'Einkäuferin'],
  ['Strategischer Einkäufer', 'Strategische Einkäuferin'],
  ['Head of Marketing', 'Head of Marketing'],
  ['Marketingleiter', 'Marketingleiterin'],
  ['Leiter Vertrieb', 'Leiterin Vertrieb'],
  ['Vertriebsleiter', 'Vertriebsleiterin'],
  ['Key Account Manager', 'Key Account Managerin'],
  ['IT-Leiter', 'IT-Leiterin'],
  ['CIO', 'CIO'],
  ['CTO', 'CTO'],
  ['Head of Digital', 'Head of Digital'],
  ['Produktionsleiter', 'Produktionsleiterin'],
  ['Werksleiter', 'Werksleiterin'],
  ['Leiter Logistik', 'Leiterin Logistik'],
  ['Supply Chain Manager', 'Supply Chain Managerin'],
  ['Projektleiter', 'Projektleiterin'],
  ['Teamleiter Kundenservice', 'Teamleiterin Kundenservice'],
  ['Qualitätsmanager', 'Qualitätsmanagerin'],
  ['CFO', 'CFO'],
  ['Kaufmännischer Leiter', 'Kaufmännische Leiterin'],
  ['Assistenz der Geschäftsführung', 'Assistenz der Geschäftsführung'],
  ['Leiter Personal', 'Leiterin Personal'],
  ['Prokurist', 'Prokuristin'],
  ['Technischer Leiter', 'Technische Leiterin'],
  ['Produktmanager', 'Produktmanagerin'],
  ['E-Commerce Manager', 'E-Commerce Managerin'],
  ['Sachbearbeiter Einkauf', 'Sachbearbeiterin Einkauf'],
  ['Referent Marketing', 'Referentin Marketing'],
  ['Controller', 'Controllerin'],
  ['Disponent', 'Disponentin'],
  ['IT-Administrator', 'IT-Administratorin'],
  ['Mitarbeiter Vertriebsinnendienst', 'Mitarbeiterin Vertriebsinnendienst'],
  ['Projektingenieur', 'Projektingenieurin'],
  ['Buchhalter', 'Buchhalterin'],
  ['Konstrukteur', 'Konstrukteurin'],
  ['Marketing Manager', 'Marketing Managerin'],
];

const nameStems = [
  'Alpen',
  'Rhein',
  'Donau',
  'Nord',
  'Süd',
  'Isar',
  'Elb',
  'Main',
  'Bodensee',
  'Schwarzwald',
  'Harz',
  'Spree',
  'Weser',
  'Neckar',
  'Inn',
  'Aare',
  'Limmat',
  'Tiroler',
  'Bayern',
  'Sachsen',
  'Hanse',
  'Allgäu',
  'Eifel',
  'Taunus',
  'Mosel',
  'Ruhr',
  'Saale',
  'Brenner',
  'Zugspitz',
  'Wiener',
  'Grazer',
  'Berner',
  'Zürcher',
  'Linzer',
  'Münchner',
  'Hamburger',
  'Kölner',
  'Stuttgarter',
  'Dresdner',
  'Leipziger',
] as const;
const founders = [
  'Brandt',
  'Keller',
  'Hofer',
  'Lindner',
  'Krämer',
  'Vogt',
  'Seidel',
  'Wendt',
  'Auer',
  'Egger',
  'Imhof',
  'Zürcher',
  'Haller',
  'Roth',
  'Baumann',
  'Stadler',
  'Feldmann',
  'Kessler',
  'Reuter',
  'Lehner',
] as const;

const industries: { name: string; words: string[] }[] = [
  { name: 'Maschinenbau', words: ['Maschinenbau', 'Antriebstechnik', 'Anlagenbau', 'Präzisionstechnik'] },
  { name: 'Automobilzulieferer', words: ['Automotive', 'Fahrzeugteile', 'Zulieferteile'] },
  { name: 'Chemie', words: ['Chemie', 'Kunststoffe', 'Beschichtungen'] },
  { name: 'Elektrotechnik', words: ['Elektrotechnik', 'Elektronik', 'Sensorik', 'Automation'] },
  { name: 'Software', words: ['Software', 'Systems', 'Digital', 'Cloud'] },
  { name: 'IT-Dienstleistungen', words: ['IT-Service', 'Informatik', 'Datentechnik', 'Consulting IT'] },
  { name: 'Logistik', words: ['Logistik', 'Spedition', 'Transport', 'Lagertechnik'] },
  { name: 'Handel', words: ['Handel', 'Großhandel', 'Handelshaus', 'Versand'] },
  { name: 'Lebensmittel', words: ['Feinkost', 'Molkerei', 'Backwaren', 'Getränke'] },
  { name: 'Medizintechnik', words: ['Medizintechnik', 'Medical', 'Dental'] },
  { name: 'Pharma', words: ['Pharma', 'Biotech', 'Arzneimittel'] },
  { name: 'Bau', words: ['Bau', 'Hochbau', 'Baustoffe', 'Holzbau'] },
  { name: 'Energie', words: ['Energie', 'Solar', 'Stadtwerke', 'Windkraft'] },
  { name: 'Finanzdienstleistungen', words: ['Finanz', 'Leasing', 'Vermögensverwaltung'] },
  { name: 'Versicherungen', words: ['Versicherung', 'Assekuranz'] },
  { name: 'Beratung', words: ['Beratung', 'Consulting', 'Partner'] },
  { name: 'Telekommunikation', words: ['Telekom', 'Netze', 'Kommunikation'] },
  { name: 'Medien', words: ['Medien', 'Verlag', 'Druck'] },
];

const places = {
  DE: {
    forms: ['GmbH', 'GmbH', 'GmbH', 'AG', 'GmbH & Co. KG', 'SE', 'e.K.', 'KG'],
    tld: 'de',
    phone: '+49',
    cities: [
      ['München', '80331', '89'],
      ['Berlin', '10115', '30'],
      ['Hamburg', '20095', '40'],
      ['Köln', '50667', '221'],
      ['Frankfurt am Main', '60311', '69'],
      ['Stuttgart', '70173', '711'],
      ['Düsseldorf', '40213', '211'],
      ['Leipzig', '04109', '341'],
      ['Dresden', '01067', '351'],
      ['Nürnberg', '90402', '911'],
      ['Hannover', '30159', '511'],
      ['Bremen', '28195', '421'],
      ['Augsburg', '86150', '821'],
      ['Karlsruhe', '76133', '721'],
      ['Mannheim', '68159', '621'],
      ['Ulm', '89073', '731'],
      ['Regensburg', '93047', '941'],
      ['Bielefeld', '33602', '521'],
      ['Freiburg im Breisgau', '79098', '761'],
      ['Kiel', '24103', '431'],
    ],
  },
  AT: {
    forms: ['GmbH', 'GmbH', 'AG', 'KG', 'e.U.'],
    tld: 'at',
    phone: '+43',
    cities: [
      ['Wien', '1010', '1'],
      ['Graz', '8010', '316'],
      ['Linz', '4020', '732'],
      ['Salzburg', '5020', '662'],
      ['Innsbruck', '6020', '512'],
      ['Klagenfurt', '9020', '463'],
    ],
  },
  CH: {
    forms: ['AG', 'AG', 'GmbH', 'SA'],
    tld: 'ch',
    phone: '+41',
    cities: [
      ['Zürich', '8001', '44'],
      ['Bern', '3011', '31'],
      ['Basel', '4051', '61'],
      ['Luzern', '6003', '41'],
      ['St. Gallen', '9000', '71'],
      ['Winterthur', '8400', '52'],
    ],
  },
} as const satisfies Record<
  string,
  { forms: readonly string[]; tld: string; phone: string; cities: readonly (readonly [string, string, string])[] }
>;

const bands = ['1-10', '11-50', '51-200', '201-500', '501-1000', '1001-5000', '5001+'] as const;
const bandWeights = [6, 20, 30, 20, 12, 8, 4];
const stages = [
  'subscriber',
  'lead',
  'lead',
  'mql',
  'sal',
  'sql',
  'opportunity',
  'customer',
  'customer',
  'evangelist',
  'other',
] as const;
const sources = [
  'website',
  'event',
  'trade_fair',
  'webinar',
  'referral',
  'partner',
  'cold_outreach',
  'import',
] as const;
const accountTags = [
  'Bestandskunde',
  'Pilotkunde',
  'Top-100',
  'Partner',
  'Neukunde',
  'DACH-Rollout',
  'Messe 2026',
] as const;
const contactTags = ['Newsletter', 'Entscheider', 'Webinar-Teilnehmer', 'Messekontakt', 'Champion', 'VIP'] as const;

/** ä → ae, ß → ss, everything else non-alphanumeric dropped: for email local parts and domains. */
export const asciiSlug = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');

/** `asciiSlug` of a first or last name from the lists above: each is slugged once (a seed makes millions). */
const nameSlugs = new Map<string, string>();
const nameSlug = (name: string): string => {
  let slug = nameSlugs.get(name);
  if (slug === undefined) {
    slug = asciiSlug(name);
    nameSlugs.set(name, slug);
  }
  return slug;
};

const weighted = <T>(rnd: Random, items: readonly T[], weights: number[]): T => {
  const total = weights.reduce((a, b) => a + b, 0);
  let x = rnd.next() * total;
  for (let i = 0; i < items.length; i++) {
    x -= weights[i] ?? 0;
    if (x < 0) return items[i] as T;
  }
  return items[items.length - 1] as T;
};

export interface GeneratedAccount {
  name: string;
  domain: string;
  industry: string;
  employeeBand: (typeof bands)[number];
  country: 'DE' | 'AT' | 'CH';
  city: string;
  postcode: string;
  areaCode: string;
  tags: string[];
}

export interface GeneratedContact {
  firstName: string;
  lastName: string;
  email: string;
  phone: string;
  jobTitle: string;
  lifecycleStage: string;
  source: string;
  tags: string[];
}

/** The n-th account; a serial number keeps names and domains unique in large workspaces. */
export const generateAccount = (rnd: Random, n: number): GeneratedAccount => {
  const country = weighted(rnd, ['DE', 'AT', 'CH'] as const, [70, 15, 15]);
  const place = places[country];
  const [city, postcode, areaCode] = rnd.pick<readonly [string, string, string]>(place.cities);
  const industry = rnd.pick(industries);
  const word = rnd.pick(industry.words);
  const style = rnd.int(0, 2);
  const base =
    style === 0
      ? `${rnd.pick(nameStems)} ${word}`
      : style === 1
        ? `${rnd.pick(founders)} ${word}`
        : `${rnd.pick(founders)} & ${rnd.pick(founders)} ${word}`;
  const suffix = n < 200 ? '' : ` ${Math.floor(n / 200)}`;
  const name = `${base}${suffix} ${rnd.pick(place.forms)}`;
  const tags = rnd.next() < 0.35 ? [rnd.pick(accountTags)] : [];
  return {
    name,
    domain: `${asciiSlug(`${base}${suffix}`)}${n < 200 ? '' : `-${n}`}.${place.tld}`.replace(/^-/, ''),
    industry: industry.name,
    employeeBand: weighted(rnd, bands, bandWeights),
    country,
    city,
    postcode,
    areaCode,
    tags,
  };
};

export const generateContact = (rnd: Random, account: GeneratedAccount, n: number): GeneratedContact => {
  const person = rnd.pick(firstNames);
  const firstName = person.name;
  const lastName = rnd.pick(lastNames);
  const local = `${nameSlug(firstName)}.${nameSlug(lastName)}${n >= 1000 ? n : ''}`;
  return {
    firstName,
    lastName,
    email: `${local}@${account.domain}`,
    phone: `${places[account.country].phone} ${account.areaCode} ${rnd.int(100000, 9999999)}`,
    jobTitle: rnd.pick(jobTitles)[person.female ? 1 : 0],
    lifecycleStage: rnd.pick(stages),
    source: rnd.pick(sources),
    tags: rnd.next() < 0.25 ? [rnd.pick(contactTags)] : [],
  };
};
