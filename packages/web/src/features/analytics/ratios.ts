/** part / whole, or null when the whole is 0 (no rate can be given, which is not the same as 0 %). */
export const ratio = (part: number, whole: number): number | null => (whole === 0 ? null : part / whole);

/** Progress against a commitment (e.g. MQLs delivered vs promised), null without a commitment. */
export const attainment = (actual: number, commitment: number | null | undefined): number | null =>
  commitment == null || commitment === 0 ? null : actual / commitment;

/** A list of amounts summed, e.g. the total of a table column. */
export const total = (values: readonly number[]): number => values.reduce((s, v) => s + v, 0);
