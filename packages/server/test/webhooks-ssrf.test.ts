import type { Page, WebhookDelivery, WebhookWithSecret } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkUrlShape, type Resolver, type SsrfRule, setResolver } from '../src/lib/ssrf.js';
import { runBackgroundOnce } from '../src/worker.js';
import { expectProblem, type Session, startTestApp, type TestApp } from './harness.js';
import { startReceiver } from './webhook-receiver.js';

/*
 * SSRF defence with the default configuration (no private targets allowed). A test resolver answers the
 * names below, so no real DNS is asked; `rebind.example` answers a public address first and 127.0.0.1
 * on every later query, like an attacker's DNS between the check and the connection.
 */

const PUBLIC = '93.184.216.34';
let rebindQueries = 0;
const answers: Record<string, string[]> = {
  'public.example': [PUBLIC],
  'evil.example': ['127.0.0.1'],
  'meta.example': ['169.254.169.254'],
  'v6.example': ['::1'],
  'private.example': ['10.0.0.5'],
  'mapped.example': ['::ffff:10.0.0.1'],
  'mixed.example': [PUBLIC, '192.168.0.10'],
};
const testResolver: Resolver = async (host) => {
  if (host === 'rebind.example') {
    rebindQueries += 1;
    return [{ address: rebindQueries === 1 ? PUBLIC : '127.0.0.1', family: 4 }];
  }
  const list = answers[host];
  if (!list) throw Object.assign(new Error(`ENOTFOUND ${host}`), { code: 'ENOTFOUND' });
  return list.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }));
};

let t: TestApp;
let admin: Session;

beforeAll(async () => {
  setResolver(testResolver);
  t = await startTestApp();
  admin = await t.session('management', 'admin');
});
afterAll(async () => {
  setResolver(null);
  await t?.close();
});

// biome-ignore format: one URL a line, with the rule it breaks
const refused: [string, SsrfRule][] = [
  // loopback in every spelling
  ['http://127.0.0.1/',                       'loopback'],
  ['http://127.1/',                           'loopback'],
  ['http://2130706433/',                      'loopback'],
  ['http://0177.0.0.1/',                      'loopback'],
  ['http://0x7f.1/',                          'loopback'],
  ['http://0x7f000001/',                      'loopback'],
  ['http://017700000001/',                    'loopback'],
  ['http://127.0.0.1.:8080/hook',             'loopback'],
  ['http://%31%32%37.0.0.1/',                 'loopback'],
  ['http://[::1]/',                           'loopback'],
  ['http://[0:0:0:0:0:0:0:1]/',               'loopback'],
  ['http://[::ffff:127.0.0.1]/',              'loopback'],
  ['http://[::ffff:7f00:1]/',                 'loopback'],
  ['http://[::127.0.0.1]/',                   'loopback'],
  ['http://[64:ff9b::127.0.0.1]/',            'loopback'],
  ['http://[2002:7f00:1::]/',                 'loopback'],
  ['http://localhost/',                       'local_name'],
  ['http://LOCALHOST:3000/',                  'local_name'],
  ['http://api.localhost./',                  'local_name'],
  // RFC 1918
  ['http://10.0.0.1/',                        'private'],
  ['http://10.255.255.255/',                  'private'],
  ['http://0xa.1/',                           'private'],
  ['http://167772161/',                       'private'],
  ['http://172.16.0.1/',                      'private'],
  ['http://172.31.255.254/',                  'private'],
  ['http://192.168.1.1/',                     'private'],
  ['http://[::ffff:10.0.0.1]/',               'private'],
  ['http://[::ffff:192.168.0.1]/',            'private'],
  // link-local and cloud metadata
  ['http://169.254.169.254/latest/meta-data/', 'metadata'],
  ['http://2852039166/',                      'metadata'],
  ['http://0xa9.0xfe.0xa9.0xfe/',             'metadata'],
  ['http://[::ffff:169.254.169.254]/',        'metadata'],
  ['http://169.254.170.2/v2/credentials',     'metadata'],
  ['http://100.100.100.200/',                 'metadata'],
  ['http://[fd00:ec2::254]/',                 'metadata'],
  ['http://metadata.google.internal/',        'metadata'],
  ['http://169.254.1.1/',                     'link_local'],
  ['http://[fe80::1]/',                       'link_local'],
  // CGNAT, this network, multicast, broadcast, unique local, reserved
  ['http://100.64.0.1/',                      'carrier_grade_nat'],
  ['http://100.127.255.254/',                 'carrier_grade_nat'],
  ['http://0.0.0.0/',                         'unspecified'],
  ['http://0/',                               'unspecified'],
  ['http://0.1.2.3/',                         'unspecified'],
  ['http://[::]/',                            'unspecified'],
  ['http://224.0.0.1/',                       'multicast'],
  ['http://239.255.255.250:1900/',            'multicast'],
  ['http://[ff02::1]/',                       'multicast'],
  ['http://255.255.255.255/',                 'broadcast'],
  ['http://[fc00::1]/',                       'unique_local'],
  ['http://[fd12:3456::1]/',                  'unique_local'],
  ['http://240.0.0.1/',                       'reserved'],
  // schemes, credentials, nonsense
  ['ftp://public.example/',                   'scheme'],
  ['file:///etc/passwd',                      'scheme'],
  ['gopher://public.example:70/',             'scheme'],
  ['javascript:alert(1)',                     'scheme'],
  ['ws://public.example/',                    'scheme'],
  ['https://user:pw@public.example/',         'credentials'],
  ['not a url',                               'invalid_url'],
  // names that resolve to refused addresses
  ['https://evil.example/hook',               'loopback'],
  ['https://meta.example/',                   'metadata'],
  ['https://v6.example/',                     'loopback'],
  ['https://private.example/',                'private'],
  ['https://mapped.example/',                 'private'],
  ['https://mixed.example/',                  'private'],
];

describe('at save time', () => {
  it('the table holds at least 40 URLs', () => expect(refused.length).toBeGreaterThanOrEqual(40));

  it.each(refused)('%s is refused (%s) and nothing changes', async (url, rule) => {
    const res = await t.unchanged(() =>
      t.request('POST', '/api/webhooks', { cookie: admin.cookie, body: { url, events: ['contact.created'] } }),
    );
    expectProblem(res, 400, 'url_not_allowed');
    expect((res.body as { detail: string }).detail).toMatch(new RegExp(`^Refused by rule ${rule}:`));
  });

  it('a public name and a public address are accepted', async () => {
    for (const url of ['https://public.example/hooks', `http://${PUBLIC}:8080/x`, 'https://[2606:4700::1111]/']) {
      const res = await t.request('POST', '/api/webhooks', {
        cookie: admin.cookie,
        body: { url, events: ['contact.created'], enabled: false },
      });
      expect(res.status, `${url}: ${res.text}`).toBe(201);
    }
  });

  // biome-ignore format: a table
  const shapes: [string, { allowHttp: boolean }, SsrfRule | null][] = [
    ['http://public.example/',  { allowHttp: false }, 'https_required'],
    ['https://public.example/', { allowHttp: false }, null],
    ['http://public.example/',  { allowHttp: true },  null],
  ];
  it.each(shapes)('%s with %o → %s (production is https only unless allowed)', (url, policy, rule) => {
    const check = () => checkUrlShape(url, { ...policy, allowPrivate: [] });
    if (rule) expect(check).toThrow(new RegExp(`^${rule}:`));
    else expect(check().href).toBe(url);
  });
});

describe('at connect time', () => {
  it('a DNS answer that turns to 127.0.0.1 after the check is refused; the receiver hears nothing', async () => {
    const rx = await startReceiver();
    try {
      const created = await t.request<WebhookWithSecret>('POST', '/api/webhooks', {
        cookie: admin.cookie,
        body: { url: `http://rebind.example:${rx.port}/hook`, events: ['contact.created'] },
      });
      expect(created.status, created.text).toBe(201);
      expect(rebindQueries).toBe(1);
      await t.request('POST', `/api/webhooks/${created.body.id}/test`, { cookie: admin.cookie });
      await runBackgroundOnce(t.ctx);
      expect(rebindQueries).toBe(2);
      expect(rx.received).toHaveLength(0);
      const log = await t.get<Page<WebhookDelivery>>(`/api/webhooks/${created.body.id}/deliveries`, admin);
      expect(log.body.items[0]?.attempts).toEqual([
        expect.objectContaining({ status: 'refused', responseCode: null, error: expect.stringMatching(/^loopback:/) }),
      ]);
    } finally {
      await rx.close();
    }
  });
});
