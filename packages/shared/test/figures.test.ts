import { describe, expect, it } from 'vitest';
import { figureDefinitions, figureTexts } from '../src/reports/figures.js';

describe('figure definitions', () => {
  const entries = Object.entries(figureDefinitions);

  it.each(['de', 'en'] as const)('in %s, no two figures share a name (different things, different names)', (lng) => {
    const names = entries.map(([, f]) => f.name[lng]);
    expect(new Set(names).size).toBe(names.length);
  });

  it('the three MQL-like counts are told apart by name in both languages', () => {
    const { cohortMqls, mqlsReached, handoffsDelivered } = figureDefinitions;
    expect([cohortMqls.name.de, mqlsReached.name.de, handoffsDelivered.name.de]).toEqual([
      'MQLs aus den Leads des Zeitraums',
      'Neue MQLs im Zeitraum',
      'Übergaben an den Vertrieb',
    ]);
    expect([cohortMqls.name.en, mqlsReached.name.en, handoffsDelivered.name.en]).toEqual([
      "MQLs from the period's leads",
      'New MQLs in the period',
      'Handoffs to sales',
    ]);
  });

  it('figureTexts shapes one language for i18n, every definition one sentence or two, never empty', () => {
    const de = figureTexts('de');
    expect(Object.keys(de)).toEqual(entries.map(([k]) => k));
    for (const [key, f] of entries) {
      expect(de[key as keyof typeof de]).toEqual({ name: f.name.de, definition: f.definition.de });
      expect(f.definition.en.length).toBeGreaterThan(20);
      expect(f.definition.en.length).toBeLessThan(200);
    }
  });
});
