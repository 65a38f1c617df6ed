/**
 * How complete a record is: each important field has a weight; the score is the share of the weight
 * that is filled, 0–100, with the missing fields named so an owner knows what to add.
 */

export interface CompletenessField<T> {
  field: string;
  weight: number;
  filled: (record: T) => boolean;
}

export interface Completeness {
  score: number;
  missing: string[];
}

const present = (v: unknown) =>
  v !== null && v !== undefined && !(typeof v === 'string' && v.trim() === '') && !(Array.isArray(v) && v.length === 0);

export const contactCompletenessFields: CompletenessField<Record<string, unknown>>[] = [
  { field: 'email', weight: 3, filled: (c) => present(c.emails) },
  { field: 'lastName', weight: 2, filled: (c) => present(c.lastName) },
  { field: 'firstName', weight: 1, filled: (c) => present(c.firstName) },
  { field: 'accountId', weight: 2, filled: (c) => present(c.accountId) },
  { field: 'jobTitle', weight: 1, filled: (c) => present(c.jobTitle) },
  { field: 'phone', weight: 1, filled: (c) => present(c.phone) },
  { field: 'ownerId', weight: 1, filled: (c) => present(c.ownerId) },
];

export const accountCompletenessFields: CompletenessField<Record<string, unknown>>[] = [
  { field: 'domain', weight: 2, filled: (a) => present(a.domain) },
  { field: 'industry', weight: 1, filled: (a) => present(a.industry) },
  { field: 'employeeBand', weight: 1, filled: (a) => present(a.employeeBand) },
  { field: 'country', weight: 1, filled: (a) => present(a.country) },
  { field: 'city', weight: 1, filled: (a) => present(a.city) },
  { field: 'ownerId', weight: 2, filled: (a) => present(a.ownerId) },
];

/** Score rounded to a whole percent; missing fields heaviest first. */
export const completenessOf = <T>(record: T, fields: CompletenessField<T>[]): Completeness => {
  const total = fields.reduce((s, f) => s + f.weight, 0);
  const missing = fields.filter((f) => !f.filled(record));
  const lost = missing.reduce((s, f) => s + f.weight, 0);
  return {
    score: total === 0 ? 100 : Math.round(((total - lost) / total) * 100),
    missing: [...missing].sort((a, b) => b.weight - a.weight).map((f) => f.field),
  };
};
