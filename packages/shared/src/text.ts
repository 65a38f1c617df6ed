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
