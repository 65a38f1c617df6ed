/**
 * Normalisation for duplicate detection: the same company or person written differently should
 * produce the same key — umlauts and their spellings (ä/ae, ß/ss), legal forms (GmbH & Co. KG, AG,
 * e.K., Ltd), punctuation and case.
 */

/** German transliteration first (ä → ae), then any remaining accents dropped. */
export const foldGerman = (s: string): string =>
  s
    .toLowerCase()
    .replace(/ä/g, 'ae')
    .replace(/ö/g, 'oe')
    .replace(/ü/g, 'ue')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

// Longest forms first, so "gmbh & co. kg" goes before "gmbh" and "kg".
const legalForms = [
  'gmbh & co. kgaa',
  'gmbh & co. kg',
  'gmbh & co kg',
  'gmbh + co. kg',
  'ag & co. kg',
  'ug (haftungsbeschraenkt)',
  'ug haftungsbeschraenkt',
  'ggmbh',
  'gmbh',
  'mbh',
  'kgaa',
  'ag',
  'se',
  'kg',
  'ohg',
  'gbr',
  'e.k.',
  'e. k.',
  'ek',
  'e.u.',
  'e.v.',
  'ev',
  'ug',
  'sa',
  'sarl',
  'sàrl',
  'ltd.',
  'ltd',
  'limited',
  'inc.',
  'inc',
  'llc',
  'plc',
  'bv',
  'b.v.',
  'nv',
  'n.v.',
  'co.',
  'corp.',
  'corp',
];

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const legalFormRe = new RegExp(`(?:^|[\\s,])(?:${legalForms.map(escapeRe).join('|')})(?=$|[\\s,])`, 'g');

/** "Müller Maschinenbau GmbH & Co. KG" → "mueller maschinenbau". */
export const normalizeCompanyName = (name: string): string => {
  let s = foldGerman(name).replace(/\s+/g, ' ').trim();
  // Remove legal forms repeatedly: "Huber AG & Co. KG" has two.
  for (let i = 0; i < 3; i++) s = s.replace(legalFormRe, ' ').replace(/\s+/g, ' ').trim();
  return s
    .replace(/&/g, ' und ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
};

/** "Dr. Jürgen Meyer-Lüdenscheidt" → "juergen meyer luedenscheidt" (titles dropped). */
export const normalizePersonName = (name: string): string =>
  foldGerman(name)
    .replace(/\b(dr|prof|dipl|ing|mag|herr|frau|mr|mrs|ms)\b\.?/g, ' ')
    .replace(/[^a-z0-9]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();

/** Digits of a phone number with the country code made explicit (0049…, +49…, 089… → 4989…). */
export const normalizePhone = (phone: string, defaultCountryCode = '49'): string => {
  const trimmed = phone.trim();
  let digits = trimmed.replace(/\D/g, '');
  if (trimmed.startsWith('+')) return digits;
  if (digits.startsWith('00')) return digits.slice(2);
  if (digits.startsWith('0')) digits = defaultCountryCode + digits.slice(1);
  return digits;
};

/**
 * Kölner Phonetik: a German phonetic code, so "Meier", "Mayer" and "Maier" share one (67).
 * Rules after Postel (1969).
 */
export const koelnerPhonetik = (word: string): string => {
  const s = foldGerman(word)
    .replace(/ae/g, 'a')
    .replace(/oe/g, 'o')
    .replace(/ue/g, 'u')
    .replace(/[^a-z]/g, '');
  // `'abc'.includes('')` is true, so neighbours at the word's edges must be tested explicitly
  const among = (set: string, ch: string) => ch !== '' && set.includes(ch);
  const codes: string[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s[i] ?? '';
    const prev = s[i - 1] ?? '';
    const next = s[i + 1] ?? '';
    let code = '';
    if ('aeijouy'.includes(c)) code = '0';
    else if (c === 'h') code = '';
    else if (c === 'b') code = '1';
    else if (c === 'p') code = next === 'h' ? '3' : '1';
    else if (c === 'd' || c === 't') code = among('csz', next) ? '8' : '2';
    else if ('fvw'.includes(c)) code = '3';
    else if ('gkq'.includes(c)) code = '4';
    else if (c === 'c') {
      if (i === 0) code = among('ahkloqrux', next) ? '4' : '8';
      else code = among('sz', prev) ? '8' : among('ahkoqux', next) ? '4' : '8';
    } else if (c === 'x') code = among('ckq', prev) ? '8' : '48';
    else if (c === 'l') code = '5';
    else if (c === 'm' || c === 'n') code = '6';
    else if (c === 'r') code = '7';
    else if (c === 's' || c === 'z') code = '8';
    codes.push(code);
  }
  // collapse repeats, then drop zeros except at the start
  let out = '';
  let last = '';
  for (const code of codes) {
    for (const d of code) {
      if (d !== last) out += d;
      last = d;
    }
  }
  return out.length > 0 ? out[0] + out.slice(1).replace(/0/g, '') : '';
};
