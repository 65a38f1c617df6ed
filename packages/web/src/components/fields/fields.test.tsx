import { MantineProvider } from '@mantine/core';
import i18next from 'i18next';
import { act, type ReactNode } from 'react';
import { createRoot } from 'react-dom/client';
import { initReactI18next } from 'react-i18next';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { de } from '../../i18n/de';
import { MoneyField } from './MoneyField';
import { TimeField } from './TimeField';

(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

beforeAll(async () => {
  await i18next.use(initReactI18next).init({ resources: { de: { translation: de } }, lng: 'de', fallbackLng: 'de' });
});

let cleanup: (() => void) | undefined;
afterEach(() => cleanup?.());

const mount = (node: ReactNode): HTMLInputElement => {
  const host = document.createElement('div');
  document.body.append(host);
  const root = createRoot(host);
  act(() => root.render(<MantineProvider>{node}</MantineProvider>));
  cleanup = () => {
    act(() => root.unmount());
    host.remove();
  };
  const input = host.querySelector('input');
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
    const input = mount(<TimeField label="Beginn" value="08:00" onChange={(v) => seen.push(v)} />);
    type(input, text);
    expect(seen.at(-1)).toBe(expected);
  });

  it('hands on nothing for a time that is none', () => {
    const seen: string[] = [];
    const input = mount(<TimeField label="Beginn" value="08:00" onChange={(v) => seen.push(v)} />);
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
    const input = mount(<MoneyField label="Betrag" currency="EUR" onChange={(v) => seen.push(v)} />);
    type(input, text);
    expect(seen.at(-1)).toBe(expected);
    await act(() => i18next.changeLanguage('de'));
  });
});
