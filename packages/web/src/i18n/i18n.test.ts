import { describe, expect, it } from 'vitest';
import { de } from './de';
import { en } from './en';

const flatten = (obj: object, prefix = ''): Record<string, unknown> => {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v !== null && typeof v === 'object') Object.assign(out, flatten(v, key));
    else out[key] = v;
  }
  return out;
};

const placeholders = (s: string): string[] => [...s.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1] ?? '').sort();

describe('translations', () => {
  const flatDe = flatten(de);
  const flatEn = flatten(en);

  it('German and English have exactly the same keys', () => {
    expect(Object.keys(flatEn).sort()).toEqual(Object.keys(flatDe).sort());
  });

  it.each([
    ['de', flatDe],
    ['en', flatEn],
  ])('%s has no empty values', (_lng, flat) => {
    for (const [key, value] of Object.entries(flat)) {
      expect(typeof value, key).toBe('string');
      expect((value as string).trim(), key).not.toBe('');
    }
  });

  it('uses the same placeholders in both languages', () => {
    for (const [key, value] of Object.entries(flatDe)) {
      expect(placeholders(String(flatEn[key])), key).toEqual(placeholders(String(value)));
    }
  });

  it('German uses proper umlauts and the agreed terms', () => {
    expect(de.nav.accounts).toBe('Firmen');
    expect(de.nav.deals).toBe('Verkaufschancen');
    expect(de.contact.lifecycleStage).toBe('Lebenszyklusphase');
    expect(de.stage.evangelist).toBe('Fürsprecher');
  });
});
