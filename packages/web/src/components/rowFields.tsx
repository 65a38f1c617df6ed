import { NumberInput, Select, Switch, TagsInput, TextInput } from '@mantine/core';
import type { RowField } from './EditableRows';

/** The keys of `T` whose values are `V` (optional ones included). */
type KeysOf<T, V> = { [K in keyof T]-?: NonNullable<T[K]> extends V ? K : never }[keyof T] & string;

const get = <V,>(row: object, key: string): V => (row as Record<string, V>)[key] as V;
const patch = <T,>(key: string, value: unknown): Partial<T> => ({ [key]: value }) as Partial<T>;

/** A number; an empty or invalid entry counts as `fallback`. */
export const numberField = <T extends object>(
  key: KeysOf<T, number>,
  label: string,
  opts: { min?: number; max?: number; w?: number; fallback?: number } = {},
): RowField<T> => ({
  key,
  label,
  render: (row, update, labelProps) => (
    <NumberInput
      {...labelProps}
      value={get<number>(row, key)}
      min={opts.min}
      max={opts.max}
      w={opts.w}
      onChange={(v) => update(patch<T>(key, Number(v) || (opts.fallback ?? 0)))}
    />
  ),
});

/** One of `data`; it cannot be cleared. */
export const selectField = <T extends object>(
  key: KeysOf<T, string>,
  label: string,
  data: { value: string; label: string }[],
  opts: { w?: number } = {},
): RowField<T> => ({
  key,
  label,
  render: (row, update, labelProps) => (
    <Select
      {...labelProps}
      data={data}
      value={get<string>(row, key)}
      allowDeselect={false}
      w={opts.w}
      onChange={(v) => v && update(patch<T>(key, v))}
    />
  ),
});

/** A line of text, optionally normalised as it is typed (e.g. lower case). */
export const textField = <T extends object>(
  key: KeysOf<T, string>,
  label: string,
  opts: { w?: number; normalize?: (v: string) => string } = {},
): RowField<T> => ({
  key,
  label,
  render: (row, update, labelProps) => (
    <TextInput
      {...labelProps}
      value={get<string>(row, key)}
      w={opts.w}
      onChange={(e) => update(patch<T>(key, (opts.normalize ?? String)(e.currentTarget.value)))}
    />
  ),
});

/** A list of short strings, optionally filtered as they are entered. */
export const tagsField = <T extends object>(
  key: KeysOf<T, string[]>,
  label: string,
  opts: { w?: number; normalize?: (v: string[]) => string[] } = {},
): RowField<T> => ({
  key,
  label,
  render: (row, update, labelProps) => (
    <TagsInput
      {...labelProps}
      value={get<string[] | undefined>(row, key) ?? []}
      w={opts.w}
      onChange={(v) => update(patch<T>(key, opts.normalize ? opts.normalize(v) : v))}
    />
  ),
});

/** On or off. */
export const switchField = <T extends object>(key: KeysOf<T, boolean>, label: string): RowField<T> => ({
  key,
  label,
  render: (row, update, labelProps) => (
    <Switch
      {...labelProps}
      checked={get<boolean>(row, key)}
      onChange={(e) => update(patch<T>(key, e.currentTarget.checked))}
    />
  ),
});
