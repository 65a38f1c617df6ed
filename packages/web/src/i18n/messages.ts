import type { de } from './de';

type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };

/** The shape every language must have: the German keys, with any string values. */
export type Messages = DeepStrings<typeof de>;
