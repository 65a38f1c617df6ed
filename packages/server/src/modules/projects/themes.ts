import type { PilotTheme } from '@nenner/shared';

/*
 * Themes of pilot feedback: the words and two-word phrases that come up in more than one feedback entry,
 * German and English stopwords left out. Counting entries rather than occurrences keeps one long,
 * repetitive entry from making a theme on its own.
 */

// biome-ignore format: a word list reads best packed
const stopwords = new Set([
  // German
  'aber', 'alle', 'allem', 'allen', 'aller', 'alles', 'als', 'also', 'am', 'an', 'ander', 'andere', 'anderen', 'auch',
  'auf', 'aus', 'bei', 'beim', 'bin', 'bis', 'bisher', 'bist', 'da', 'dabei', 'dadurch', 'dafür', 'damit', 'dann',
  'darauf', 'darum', 'das', 'dass', 'daß', 'dein', 'deine', 'dem', 'den', 'denn', 'der', 'des', 'deshalb', 'dessen',
  'die', 'dies', 'diese', 'diesem', 'diesen', 'dieser', 'dieses', 'doch', 'dort', 'du', 'durch', 'ein', 'eine',
  'einem', 'einen', 'einer', 'eines', 'einfach', 'er', 'es', 'etwas', 'euch', 'euer', 'für', 'gab', 'gar', 'gibt',
  'hab', 'habe', 'haben', 'hat', 'hatte', 'hatten', 'hier', 'ich', 'ihm', 'ihn', 'ihnen', 'ihr', 'ihre', 'ihrem',
  'ihren', 'ihrer', 'im', 'immer', 'in', 'ins', 'ist', 'ja', 'jede', 'jedem', 'jeden', 'jeder', 'jetzt', 'kann',
  'kein', 'keine', 'keinen', 'können', 'könnte', 'man', 'mehr', 'mein', 'meine', 'mir', 'mit', 'muss', 'müssen',
  'nach', 'nein', 'nicht', 'nichts', 'noch', 'nun', 'nur', 'ob', 'oder', 'ohne', 'schon', 'sehr', 'sein', 'seine',
  'seinem', 'seinen', 'seiner', 'sich', 'sie', 'sind', 'so', 'sollte', 'sowie', 'über', 'um', 'und', 'uns',
  'unser', 'unsere', 'unter', 'viel', 'vom', 'von', 'vor', 'wann', 'war', 'waren', 'warum', 'was', 'weil', 'weiter',
  'wenn', 'wer', 'werden', 'wie', 'wieder', 'wir', 'wird', 'wo', 'wurde', 'wurden', 'zu', 'zum', 'zur', 'zwar',
  'zwischen', 'gut', 'gute', 'guten',
  // English
  'about', 'after', 'again', 'all', 'also', 'and', 'any', 'are', 'because', 'been', 'before', 'being', 'but', 'can',
  'could', 'did', 'does', 'doing', 'done', 'for', 'from', 'get', 'got', 'had', 'has', 'have', 'her', 'here', 'him',
  'his', 'how', 'into', 'its', 'just', 'like', 'more', 'most', 'much', 'need', 'needs', 'not', 'now', 'off', 'once',
  'one', 'only', 'other', 'our', 'out', 'over', 'really', 'said', 'same', 'says', 'she', 'should', 'some', 'still',
  'such', 'than', 'that', 'the', 'their', 'them', 'then', 'there', 'these', 'they', 'this', 'those', 'through', 'too',
  'under', 'very', 'was', 'way', 'were', 'what', 'when', 'where', 'which', 'while', 'who', 'why', 'will', 'with',
  'would', 'you', 'your', 'good', 'well',
]);

const WORD = /[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*/gu;

const meaningful = (w: string) => w.length >= 3 && !stopwords.has(w) && !/^\d+$/.test(w);

/** Where a phrase ends: punctuation between two words keeps them apart. */
const CLAUSE = /[.,;:!?()[\]{}"“”„…\n\r\t/|]+/;

/** The distinct words and adjacent two-word phrases (within a clause) of one text that may carry a theme. */
export const termsOf = (text: string): Set<string> => {
  const terms = new Set<string>();
  for (const clause of text.toLowerCase().normalize('NFC').split(CLAUSE)) {
    const tokens = clause.match(WORD) ?? [];
    tokens.forEach((w, i) => {
      if (!meaningful(w)) return;
      terms.add(w);
      const next = tokens[i + 1];
      if (next !== undefined && meaningful(next)) terms.add(`${w} ${next}`);
    });
  }
  return terms;
};

/**
 * The themes of a set of feedback texts: terms found in at least two entries, most entries first, a
 * phrase before its words; a word is left out when a phrase with it is found in as many entries.
 */
export const feedbackThemes = (texts: string[], max = 10): PilotTheme[] => {
  const counts = new Map<string, number>();
  for (const text of texts) for (const term of termsOf(text)) counts.set(term, (counts.get(term) ?? 0) + 1);
  const repeated = [...counts].filter(([, n]) => n >= 2);
  const phrases = repeated.filter(([term]) => term.includes(' '));
  const themes = repeated.filter(
    ([term, n]) => term.includes(' ') || !phrases.some(([p, pn]) => pn === n && p.split(' ').includes(term)),
  );
  const words = (term: string) => term.split(' ').length;
  return themes
    .sort(([a, an], [b, bn]) => bn - an || words(b) - words(a) || a.localeCompare(b))
    .slice(0, max)
    .map(([term, count]) => ({ term, count }));
};
