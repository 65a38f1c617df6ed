/**
 * A key for sorting and prefix search of names, the same on both database engines: lower case,
 * umlauts and accents folded (Ä → a, ß → ss), so "Özdemir" sorts with the O's, not after "Zander".
 */
export const sortKey = (s: string): string =>
  s
    .trim()
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '');

/** Letters that fold to more than one letter, or that Unicode does not decompose to a base letter. */
const specialFolds: Record<string, string> = {
  ß: 'ss',
  ẞ: 'ss',
  Æ: 'ae',
  æ: 'ae',
  Œ: 'oe',
  œ: 'oe',
  Ø: 'o',
  ø: 'o',
  Ł: 'l',
  ł: 'l',
  Đ: 'd',
  đ: 'd',
  ı: 'i',
};

const buildFolds = (): ReadonlyArray<readonly [string, string]> => {
  const folds: Array<readonly [string, string]> = [];
  const add = (from: number, to: number) => {
    for (let cp = from; cp <= to; cp++) {
      const ch = String.fromCodePoint(cp);
      const base =
        specialFolds[ch] ??
        ch
          .normalize('NFD')
          .replace(/[\u0300-\u036f]/g, '')
          .toLowerCase();
      if (base !== ch && /^[a-z]+$/.test(base)) folds.push([ch, base]);
    }
  };
  add(0x41, 0x5a); // A–Z
  add(0xc0, 0xff); // Latin-1: German, French, Spanish, Scandinavian letters
  add(0x100, 0x17f); // Latin Extended-A: Polish, Czech, Turkish, Hungarian letters
  add(0x1e9e, 0x1e9e); // ẞ, the capital sharp s
  return folds;
};

/**
 * Every letter the search folds, with what it folds to. Both database engines fold a search document with
 * exactly this list (SQL `replace`/`translate`, see the server's db/search.ts), so the folding of a query in
 * JavaScript and of a document in SQL agree letter for letter; characters not listed are kept as they are.
 */
export const searchFolds = buildFolds();

/** After the letters: the German spellings without umlauts, so that ü = ue = u. Applied in this order. */
export const searchDigraphs: ReadonlyArray<readonly [string, string]> = [
  ['ae', 'a'],
  ['oe', 'o'],
  ['ue', 'u'],
];

const foldMap = new Map(searchFolds);
/** One character class of every folded letter: the regular expression engine skips the rest natively. */
const foldPattern = new RegExp(
  `[${searchFolds.map(([from]) => `\\u${from.charCodeAt(0).toString(16).padStart(4, '0')}`).join('')}]`,
  'g',
);

/**
 * The key of search: lower case, accents dropped, ß → ss, and ä = ae = a, ö = oe = o, ü = ue = u, so
 * "Müller", "Mueller" and "muller" are one key ("muller"), and "Größner", "Groessner" and "grossner" too ("grossner").
 * Meant for matching only (it folds "Michael" to "michal" as well, on both sides alike), never for display.
 */
export const searchKey = (s: string): string => {
  // a replacement per folded letter only: the seed folds a million documents of ~250 characters, and
  // walking every character with a lookup cost 12 s of its time there, the native scan ~2 s
  let out = s.replace(foldPattern, (ch) => foldMap.get(ch) ?? ch);
  for (const [from, to] of searchDigraphs) out = out.split(from).join(to);
  return out;
};

/** The words of a search query, folded; empty words dropped. */
export const searchWords = (q: string): string[] => searchKey(q).split(/\s+/).filter(Boolean);
