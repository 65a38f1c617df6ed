import { describe, expect, it } from 'vitest';
import { de } from '../../i18n/de';
import { en } from '../../i18n/en';
import { ruleMessageKey } from './webhookRules';

describe('the SSRF rule a refused URL names', () => {
  // biome-ignore format: a table
  const cases: [string, string][] = [
    ['loopback: 127.0.0.1 is not a public address', 'webhooks.rules.loopback'],
    ['metadata: meta.example resolves to 169.254.169.254', 'webhooks.rules.metadata'],
    ['https_required: use https://', 'webhooks.rules.https_required'],
    ['scheme: ftp: is not http or https', 'webhooks.rules.scheme'],
  ];
  it.each(cases)('%s → %s', (message, key) => expect(ruleMessageKey(message)).toBe(key));

  it('every rule the server names has a German and an English text', () => {
    const rules = [
      'invalid_url',
      'scheme',
      'https_required',
      'credentials',
      'local_name',
      'metadata',
      'loopback',
      'private',
      'link_local',
      'carrier_grade_nat',
      'unspecified',
      'multicast',
      'broadcast',
      'unique_local',
      'reserved',
      'unresolvable',
    ];
    for (const r of rules) {
      expect(de.webhooks.rules[r as keyof typeof de.webhooks.rules], r).toBeTruthy();
      expect(en.webhooks.rules[r as keyof typeof en.webhooks.rules], r).toBeTruthy();
    }
  });
});
