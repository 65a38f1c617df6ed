import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MISSING_ID, type TestApp } from '../harness.js';
import { objectSchema, pathWithIds, requiredQuery, type Sweep, sample, sqlTextIn, startSweep } from './surface.js';

/*
 * Fuzz: every parameter of every operation — path, query, and the body's top-level fields — from the OpenAPI
 * document, with hostile values from fast-check (a fixed seed and a fixed number of runs per parameter, so a
 * failure replays and the run time is bounded): SQL metacharacters, NUL and other control characters, very
 * long strings, unicode, wrong types and forged cursors. The other parameters keep valid sampled values, so
 * the hostile one reaches as far into the server as it can. No answer may be a 5xx or carry SQL text.
 */

const SEED = Number(process.env.NENNER_FUZZ_SEED ?? 20261206);
const RUNS = Number(process.env.NENNER_FUZZ_RUNS ?? 2);

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');

const corpus = [
  "' OR '1'='1",
  "'; DROP TABLE contacts; --",
  '" OR 1=1 --',
  "%' AND 1=1 --",
  "\\' UNION SELECT password_hash FROM users --",
  '1) OR (1=1',
  '\\',
  "'",
  '%',
  '_',
  'a\u0000b',
  '\u0000',
  '\u0001\u001b[31m',
  '😀🇩🇪',
  'Straße\u200bÄÖÜ',
  '\uFEFF',
  '\u202Eevil',
  '../../etc/passwd',
  '${7*7}{{7*7}}',
  '<script>alert(1)</script>',
  'NaN',
  '-1',
  '1e309',
  '99999999999999999999999',
  '2026-02-30',
  '0000-00-00T00:00:00Z',
  'null',
  '[]',
  '{}',
  'x'.repeat(10_000),
  'ü'.repeat(70_000),
  b64(['not-a-date', MISSING_ID]),
  b64([1e308, "' OR 1=1 --"]),
  b64(['2026-13-45T99:99:99Z', 'x']),
  b64([{ a: 1 }, null]),
  b64(['x\u0000', 'y']),
  b64([123, MISSING_ID, 'name']),
  b64(['a', 'b', '__proto__']),
  b64({ id: "1' OR '1'='1" }),
  '!!!not-base64!!!',
];

const text = fc.oneof(
  fc.constantFrom(...corpus),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.base64String({ maxLength: 60 }),
);
/** A value for the body: text, or the wrong type. */
const anyValue: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 4, arbitrary: text },
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.array(text, { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), text, { maxKeys: 2 }),
);

const stringsIn = (v: unknown): string[] =>
  typeof v === 'string'
    ? [v]
    : v && typeof v === 'object'
      ? Object.entries(v).flatMap(([k, x]) => [k, ...stringsIn(x)])
      : [JSON.stringify(v) ?? ''];
const asText = (v: unknown): string => (typeof v === 'string' ? v : JSON.stringify(v));
const isPaired = (s: string, i: number): boolean => {
  const c = s.charCodeAt(i);
  return c < 0xdc00 ? (s.charCodeAt(i + 1) & 0xfc00) === 0xdc00 : (s.charCodeAt(i - 1) & 0xfc00) === 0xd800;
};
/** encodeURIComponent refuses a lone surrogate; such a string goes as its UTF-8 replacement. */
const enc = (s: string): string =>
  encodeURIComponent(s.replace(/[\uD800-\uDFFF]/g, (c, i: number) => (isPaired(s, i) ? c : '\uFFFD')));

let sweep: Sweep;

beforeAll(async () => {
  sweep = await startSweep({ NENNER_FORM_POSTS_PER_MINUTE: '100000', NENNER_LOGIN_MAX_FAILURES_IP: '100000' }, 'fuzz');
}, 240_000);
afterAll(async () => {
  await sweep?.t.close();
});

describe('fuzz', () => {
  it('every parameter of every operation: no 5xx and no SQL text in any answer', async () => {
    const { t, doc, operations, ids, token } = sweep;
    const failures: string[] = [];
    let requests = 0;
    let parameters = 0;
    let opIndex = 0;
    for (const op of operations) {
      opIndex += 1;
      // logging out the fuzzing admin's own token would end the run, not find a defect
      if (op.path === '/api/auth/logout') continue;
      const basePath = pathWithIds(op.path, ids);
      const baseQuery = requiredQuery(doc, op, ids);
      const schema = objectSchema(doc, op.body);
      const baseBody = op.body ? sample(doc, op.body, ids) : undefined;
      const targets: { where: 'path' | 'query' | 'body'; name: string }[] = [
        ...op.parameters
          .filter((p) => p.in === 'path' || p.in === 'query')
          .map((p) => ({ where: p.in as 'path' | 'query', name: p.name })),
        ...Object.keys(schema?.properties ?? {}).map((name) => ({ where: 'body' as const, name })),
      ];
      for (const [i, target] of targets.entries()) {
        parameters += 1;
        const values = fc.sample(target.where === 'body' ? anyValue : text, {
          seed: SEED + opIndex * 1000 + i,
          numRuns: RUNS,
        });
        for (const value of values) {
          let path = basePath;
          const query = { ...baseQuery };
          let body = baseBody;
          if (target.where === 'path') {
            path = op.path.replace(/\/([^/]+)\/:([A-Za-z]+)/g, (all, seg: string, name: string) =>
              name === target.name ? `/${seg}/${enc(asText(value))}` : pathWithIds(all, ids),
            );
          } else if (target.where === 'query') query[target.name] = asText(value);
          else body = { ...(baseBody as Record<string, unknown>), [target.name]: value };
          const q = Object.entries(query)
            .map(([k, v]) => `${enc(k)}=${enc(v)}`)
            .join('&');
          const url = q ? `${path}?${q}` : path;
          requests += 1;
          let res: Awaited<ReturnType<TestApp['request']>>;
          try {
            res = await t.request(op.method, url, {
              token,
              ...(body !== undefined && { raw: JSON.stringify(body), contentType: 'application/json' }),
              ifMatch: op.endpoint.ifMatch ? 1 : undefined,
            });
          } catch (e) {
            failures.push(`${op.method} ${op.path} ${target.where}.${target.name}: no answer (${String(e)})`);
            continue;
          }
          const who = `${op.method} ${op.path} ${target.where}.${target.name}=${asText(value).slice(0, 60)}`;
          if (res.status >= 500) failures.push(`${who} → ${res.status} ${res.text.slice(0, 200)}`);
          // earlier requests may have stored a corpus string that a list now shows: the corpus is payload, not a leak
          const leak = sqlTextIn(res.text, [asText(value), ...stringsIn(value), ...corpus]);
          if (leak) failures.push(`${who}: SQL text "${leak}" in ${res.text.slice(0, 200)}`);
        }
      }
    }
    console.log(
      `fuzz: ${requests} requests over ${parameters} parameters of ${operations.length} operations (seed ${SEED}, ${RUNS} runs per parameter), ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
  }, 900_000);
});
