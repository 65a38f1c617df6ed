import { can, type PolicyActor, type PolicyRecord } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Department, MISSING_ID, type Role, type Session, startTestApp, type TestApp } from '../harness.js';
import {
  changedTables,
  guardedAction,
  hashTables,
  type Ids,
  loadOperations,
  type OpenApiDocument,
  type Operation,
  pathWithIds,
  requiredQuery,
  sample,
  seedWorld,
  withQuery,
} from './surface.js';

/*
 * The authorization matrix: every operation of the OpenAPI document × viewer, marketing member, sales member,
 * management member, admin and anonymous, with real ids of seeded records and a sampled valid body. The
 * expectation comes from the contract's declared action and the shared policies, never from a copy:
 * - anonymous: 401 on every guarded operation, never 401/403 on a public one;
 * - where the policy refuses the actor for every record: 403 `forbidden`, and a per-table hash of the
 *   database shows nothing changed;
 * - where it allows: no 401, and a 403 only when the rule depends on the record and refuses this actor for
 *   some record (the record-level check of a campaign's department, a goal's owners…).
 */

interface Actor {
  label: string;
  department?: Department;
  role?: Role;
  policy?: PolicyActor;
  token?: string;
}

let t: TestApp;
let doc: OpenApiDocument;
let operations: Operation[];
let ids: Ids;
const actors: Actor[] = [{ label: 'anonymous' }];

beforeAll(async () => {
  t = await startTestApp({ NENNER_FORM_POSTS_PER_MINUTE: '10000', NENNER_LOGIN_MAX_FAILURES_IP: '10000' });
  ({ doc, operations } = await loadOperations(t));
  const admin = await t.session('management', 'admin');
  const seats: [string, Department, Role][] = [
    ['viewer', 'sales', 'viewer'],
    ['marketing member', 'marketing', 'member'],
    ['sales member', 'sales', 'member'],
    ['management member', 'management', 'member'],
    ['admin', 'management', 'admin'],
  ];
  for (const [label, department, role] of seats) {
    const s: Session = role === 'admin' ? admin : await t.session(department, role);
    const token = await t.createToken(s, `matrix ${label}`);
    actors.push({ label, department, role, policy: { id: s.user.id, department, role }, token: token.token });
  }
  ids = await seedWorld(t, doc, operations, admin);
}, 240_000);
afterAll(async () => {
  await t?.close();
});

/** Records of every shape someone else holds: if the rule refuses the actor for one, a 403 may be record-level. */
const othersRecords: PolicyRecord[] = [
  { ownerId: 'someone-else', ownerIds: ['someone-else'], department: 'marketing' },
  { ownerId: 'someone-else', ownerIds: ['someone-else'], department: 'sales' },
  { ownerId: 'someone-else', ownerIds: ['someone-else'], department: 'management' },
];

describe('authorization matrix', () => {
  it('the per-table hash sees a write and ignores a read', async () => {
    const before = await hashTables(t);
    const admin = actors.find((a) => a.label === 'admin');
    await t.get('/api/contacts', admin?.token);
    expect(changedTables(before, await hashTables(t))).toEqual([]);
    const res = await t.request('POST', '/api/accounts', { token: admin?.token, body: { name: 'Hash Probe GmbH' } });
    expect(res.status).toBe(201);
    expect(changedTables(before, await hashTables(t))).toContain('accounts');
  });

  it('every operation × six actors answers as the policy says; a denied request changes nothing', async () => {
    const mismatches: string[] = [];
    let checked = 0;
    let deniedChecked = 0;
    let realIds = 0;
    const withoutIds: string[] = [];
    let hashed: Record<string, string> | undefined;
    for (const op of operations) {
      const action = guardedAction(op.endpoint);
      const path = withQuery(pathWithIds(op.path, ids), requiredQuery(doc, op, ids));
      if (op.path.includes(':')) {
        if (path.includes(MISSING_ID)) withoutIds.push(op.path);
        else realIds += 1;
      }
      const body = op.body ? sample(doc, op.body, ids) : undefined;
      // the ones the policy refuses first, while the seeded records are as created
      const ordered = [...actors].sort((a, b) => Number(allowed(a, action)) - Number(allowed(b, action)));
      for (const actor of ordered) {
        const may = allowed(actor, action);
        const before = may ? undefined : (hashed ?? (await hashTables(t)));
        const res = await t.request(op.method, path, {
          token: actor.token,
          body,
          ifMatch: op.endpoint.ifMatch ? 1 : undefined,
        });
        checked += 1;
        const code = (res.body as { code?: string } | undefined)?.code;
        const who = `${actor.label}: ${op.method} ${path} → ${res.status} ${res.text.slice(0, 160)}`;
        if (res.status >= 500) mismatches.push(`5xx ${who}`);
        if (!may) {
          deniedChecked += 1;
          const expected = actor.token ? [403, 'forbidden'] : [401, 'unauthenticated'];
          if (res.status !== expected[0] || code !== expected[1]) mismatches.push(`expected ${expected[0]}: ${who}`);
          const after = await hashTables(t);
          const changed = changedTables(before ?? {}, after);
          if (changed.length) mismatches.push(`denied but changed ${changed.join(', ')}: ${who}`);
          hashed = after;
        } else {
          hashed = undefined;
          // a public login's wrong password is its own 401; a session that is not taken is `unauthenticated`
          if (res.status === 401 && code === 'unauthenticated') mismatches.push(`allowed but 401: ${who}`);
          if (res.status === 403) {
            const recordLevel =
              code === 'forbidden' &&
              action !== undefined &&
              actor.policy !== undefined &&
              othersRecords.some((r) => !can(actor.policy as PolicyActor, action, r));
            if (!recordLevel) mismatches.push(`allowed but 403: ${who}`);
          }
        }
      }
    }
    console.log(
      `authorization: ${checked} checked (${operations.length} operations × ${actors.length} actors, ${deniedChecked} denied and hashed, ${realIds} operations with real ids), ${mismatches.length} mismatches`,
    );
    if (withoutIds.length) console.log(`authorization: no seeded record for ${withoutIds.join(', ')}`);
    expect(mismatches).toEqual([]);
    expect(operations.length).toBeGreaterThan(200);
  }, 600_000);
});

function allowed(actor: Actor, action: ReturnType<typeof guardedAction>): boolean {
  if (action === undefined) return true;
  if (!actor.policy) return false;
  return can(actor.policy, action);
}
