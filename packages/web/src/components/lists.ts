/** The list with item `i` changed by `patch` (immutable, for form state). */
export const replaceAt = <T>(list: readonly T[], i: number, patch: Partial<T>): T[] =>
  list.map((x, j) => (j === i ? { ...x, ...patch } : x));

/** The list without item `i`. */
export const removeAt = <T>(list: readonly T[], i: number): T[] => list.filter((_, j) => j !== i);

/** The list with item `i` moved `by` places (clamped to the ends). */
export const moveBy = <T>(list: readonly T[], i: number, by: number): T[] => {
  const next = [...list];
  const [item] = next.splice(i, 1);
  if (item !== undefined) next.splice(Math.max(0, Math.min(next.length, i + by)), 0, item);
  return next;
};

/** A short random id for a row that is new in a form (the server keeps what it is given). */
export const newRowId = (): string => Math.random().toString(36).slice(2, 10);
