import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Snapshot } from '../harness.js';
import {
  changedTables,
  hashTables,
  objectSchema,
  pathWithIds,
  requiredQuery,
  type Sweep,
  sample,
  startSweep,
  withQuery,
} from './surface.js';

/*
 * Mass assignment: every create and update operation (POST, PUT, PATCH with a JSON object body) gets, one at
 * a time, each field a client must never set and the operation does not declare — with an otherwise valid
 * body, as an admin (who passes every gate). Where the contract's schema is strict (additionalProperties:
 * false) the request is refused with 400 naming the field and the database is unchanged; where it strips
 * unknown keys, no row takes the injected value. `__proto__` is refused everywhere.
 */

const injected: Record<string, unknown> = {
  id: randomUUID(),
  version: 987654,
  createdAt: '1999-01-01T00:00:00.000Z',
  deletedAt: '1999-01-02T00:00:00.000Z',
  role: 'admin',
  active: false,
  department: 'management',
  score: 987654,
  // the funnel's stage stamps (migration 0007)
  leadAt: '1999-01-03T00:00:00.000Z',
  mqlAt: '1999-01-04T00:00:00.000Z',
  salAt: '1999-01-05T00:00:00.000Z',
  sqlAt: '1999-01-06T00:00:00.000Z',
  opportunityAt: '1999-01-07T00:00:00.000Z',
  customerAt: '1999-01-08T00:00:00.000Z',
};

let sweep: Sweep;

beforeAll(async () => {
  sweep = await startSweep(
    { NENNER_FORM_POSTS_PER_MINUTE: '10000', NENNER_LOGIN_MAX_FAILURES_IP: '10000' },
    'mass assignment',
  );
}, 240_000);
afterAll(async () => {
  await sweep?.t.close();
});

const snake = (s: string) => s.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
const same = (a: unknown, b: unknown) =>
  a === b || (a instanceof Date && typeof b === 'string' && a.toISOString() === b) || String(a) === String(b);

/** Rows that are new or changed between two snapshots and now hold `value` in the field's column. */
const tookValue = (before: Snapshot, after: Snapshot, field: string, value: unknown): string[] => {
  const column = snake(field);
  const hits: string[] = [];
  for (const [table, rows] of Object.entries(after)) {
    const old = new Set((before[table] ?? []).map((r) => JSON.stringify(r)));
    for (const row of rows as Record<string, unknown>[]) {
      if (old.has(JSON.stringify(row)) || !(column in row)) continue;
      const was = (before[table] as Record<string, unknown>[] | undefined)?.find(
        (r) => r.id !== undefined && r.id === row.id,
      );
      if (same(row[column], value) && !(was && same(was[column], value))) hits.push(`${table}.${column}`);
    }
  }
  return hits;
};

describe('mass assignment', () => {
  it('every create and update operation refuses or ignores the fields no client sets', async () => {
    const { t, doc, operations, ids, token } = sweep;
    const failures: string[] = [];
    let requests = 0;
    let refused = 0;
    let ignored = 0;
    const writes = operations.filter((o) => ['POST', 'PUT', 'PATCH'].includes(o.method) && o.body);
    const objectWrites = writes.filter((o) => objectSchema(doc, o.body));
    for (const op of objectWrites) {
      const schema = objectSchema(doc, op.body);
      if (!schema) continue;
      const declared = new Set(Object.keys(schema.properties ?? {}));
      const strict = schema.additionalProperties === false;
      const path = withQuery(pathWithIds(op.path, ids), requiredQuery(doc, op, ids));
      const base = sample(doc, schema, ids) as Record<string, unknown>;
      const send = (raw: string) =>
        t.request(op.method, path, {
          token,
          raw,
          contentType: 'application/json',
          ifMatch: op.endpoint.ifMatch ? 1 : undefined,
        });
      const hashBefore = strict ? await hashTables(t) : {};
      for (const [field, value] of Object.entries(injected)) {
        if (declared.has(field)) continue;
        const who = `${op.method} ${path} with ${field}`;
        requests += 1;
        if (strict) {
          const res = await send(JSON.stringify({ ...base, [field]: value }));
          const problem = res.body as { code?: string; errors?: { path: string }[] };
          if (res.status !== 400 || problem.code !== 'validation_failed')
            failures.push(`${who} → ${res.status} ${res.text.slice(0, 160)}`);
          else if (!problem.errors?.some((e) => e.path.split(',').includes(field) || e.path.endsWith(field)))
            failures.push(`${who}: the 400 does not name ${field}: ${res.text.slice(0, 160)}`);
          else refused += 1;
        } else {
          const before = await t.snapshot();
          const res = await send(JSON.stringify({ ...base, [field]: value }));
          if (res.status >= 500) failures.push(`${who} → ${res.status}`);
          const after = await t.snapshot();
          const hits = tookValue(before, after, field, value);
          if (hits.length) failures.push(`${who}: stored in ${hits.join(', ')}`);
          else ignored += 1;
        }
      }
      // __proto__ in the raw JSON: never parsed into a prototype, always refused
      requests += 1;
      const protoBefore = strict ? hashBefore : await hashTables(t);
      const inner = JSON.stringify(base).slice(1, -1);
      const res = await send(`{"__proto__":{"role":"admin","isAdmin":true}${inner ? `,${inner}` : ''}}`);
      if (res.status !== 400)
        failures.push(`${op.method} ${path} with __proto__ → ${res.status} ${res.text.slice(0, 160)}`);
      else refused += 1;
      const changed = changedTables(protoBefore, await hashTables(t));
      if (changed.length) failures.push(`${op.method} ${path}: a refused request changed ${changed.join(', ')}`);
    }
    console.log(
      `mass assignment: ${requests} requests over ${objectWrites.length} create/update operations, ${refused} refused, ${ignored} ignored without effect, ${failures.length} failures`,
    );
    expect(failures).toEqual([]);
    expect(({} as Record<string, unknown>).isAdmin).toBeUndefined();
    expect(objectWrites.length).toBeGreaterThan(80);
  }, 600_000);
});
