import i18next from 'i18next';
import { act, type ReactNode } from 'react';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { de } from '../../i18n/de';
import { mount, unmount } from '../testing';
import { MoneyField } from './MoneyField';
import { TimeField } from './TimeField';

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ resources: { de: { translation: de } }, lng: 'de', fallbackLng: 'de' });
});

afterEach(unmount);

/** The field's input, mounted. */
const mountInput = (node: ReactNode): HTMLInputElement => {
  const input = mount(node).querySelector('input');
  if (!input) throw new Error('no input');
  return input;
};

/** Types a whole text as the browser would deliver it to React. */
const type = (input: HTMLInputElement, text: string) =>
  act(() => {
    const setter = Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')?.set;
    setter?.call(input, text);
    input.dispatchEvent(new Event('input', { bubbles: true }));
  });

describe('TimeField (German UI)', () => {
  it.each([
    ['17:00', '17:00'],
    ['17 Uhr', '17:00'],
    ['9.30', '09:30'],
    ['5 pm', '17:00'],
    ['', ''],
  ])('typing %j hands on %j', async (text, expected) => {
    const seen: string[] = [];
    const input = mountInput(<TimeField label="Beginn" value="08:00" onChange={(v) => seen.push(v)} />);
    type(input, text);
    expect(seen.at(-1)).toBe(expected);
  });

  it('hands on nothing for a time that is none', () => {
    const seen: string[] = [];
    const input = mountInput(<TimeField label="Beginn" value="08:00" onChange={(v) => seen.push(v)} />);
    type(input, '25:00');
    expect(seen).toEqual([]);
  });
});

describe('MoneyField', () => {
  it.each([
    ['de', '1.234,56', 1234.56],
    ['de', '1234,5', 1234.5],
    ['en', '1,234.56', 1234.56],
  ])('%s: typing %j is the amount %d', async (lng, text, expected) => {
    await act(() => i18next.changeLanguage(lng));
    const seen: (number | string)[] = [];
    const input = mountInput(<MoneyField label="Betrag" currency="EUR" onChange={(v) => seen.push(v)} />);
    type(input, text);
    expect(seen.at(-1)).toBe(expected);
    await act(() => i18next.changeLanguage('de'));
  });
});
