import i18next from 'i18next';
import { describe, expect, it } from 'vitest';
import { resources } from '../../i18n/resources';
import { scoreLineText } from './scoreLines';
import type { ScoreLine } from './useLeads';

const tIn = async (lng: 'de' | 'en') => {
  const i = i18next.createInstance();
  await i.init({ resources, lng, interpolation: { escapeValue: false } });
  return i.t;
};

describe('score breakdown lines', () => {
  it('names the matched value of a list rule and marks decayed engagement (de)', async () => {
    const t = await tIn('de');
    const fit = {
      kind: 'fit',
      ruleId: 'a',
      field: 'jobTitle',
      operator: 'contains',
      value: ['leiter', 'head'],
      points: 20,
    } satisfies ScoreLine;
    expect(scoreLineText(t, fit, 'de', 'Leiterin Einkauf')).toBe('+20 Position enthält „leiter“');
    const webinar = {
      kind: 'engagement',
      ruleId: 'w',
      touchpointType: 'webinar',
      ageDays: 14,
      basePoints: 15,
      points: 7.5,
    } as const;
    expect(scoreLineText(t, webinar, 'de')).toBe('+7,5 Webinar vor 14 Tagen (abgeschwächt)');
    const today = { ...webinar, touchpointType: 'form_submission', ageDays: 0, basePoints: 20, points: 20 } as const;
    expect(scoreLineText(t, today, 'de')).toBe('+20 Formular heute');
  });

  it('reads the same in English', async () => {
    const t = await tIn('en');
    const country = {
      kind: 'fit',
      ruleId: 'c',
      field: 'country',
      operator: 'in',
      value: ['DE', 'AT'],
      points: 5,
    } satisfies ScoreLine;
    expect(scoreLineText(t, country, 'en', 'AT')).toBe('+5 Country is “AT”'.replace('“AT”', '„AT“'));
    const click = {
      kind: 'engagement',
      ruleId: 'e',
      touchpointType: 'email_click',
      ageDays: 1,
      basePoints: 5,
      points: 4.8,
    } as const;
    expect(scoreLineText(t, click, 'en')).toBe('+4.8 Email click 1 day ago (decayed)');
  });
});
