import { type Page, sortKey } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  expectInvalid,
  expectProblem,
  ISO_UTC,
  MISSING_ID,
  type Res,
  type Session,
  startTestApp,
  type TestApp,
} from './harness.js';

/*
 * The REST surface accounts and contacts share: create, read, list with keyset paging, edit with If-Match,
 * trash and restore, and the refusals that must change nothing. Each case runs for both record types.
 */

let t: TestApp;
let admin: Session;
let member: Session;
let marketer: Session;
let viewer: Session;
let accountOfContacts: string;
beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin');
  member = await t.session('sales', 'member');
  marketer = await t.session('marketing', 'member');
  viewer = await t.session('sales', 'viewer');
  accountOfContacts = (await t.createAccount(member, { name: 'Heimat GmbH' })).id;
});
afterAll(async () => {
  await t.close();
});

interface Rec {
  id: string;
  version: number;
  createdAt: string;
  updatedAt: string;
  deletedAt: string | null;
  tags: string[];
  [k: string]: unknown;
}

interface Kind {
  noun: 'account' | 'contact';
  path: string;
  create: (n: number) => Record<string, unknown>;
  edit: Record<string, unknown>;
  /** How the edit shows in the audit entry. */
  editChange: { field: string; to: unknown };
  sorts: Record<string, (r: Rec) => string>;
}

const kinds: Kind[] = [
  {
    noun: 'account',
    path: '/api/accounts',
    create: (n) => ({ name: `Alpha ${n} AG`, domain: `alpha${n}.de`, country: 'DE', city: 'Köln' }),
    edit: { city: 'Wien' },
    editChange: { field: 'city', to: 'Wien' },
    sorts: {
      name: (r) => sortKey(String(r.name)),
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
    },
  },
  {
    noun: 'contact',
    path: '/api/contacts',
    create: (n) => ({ firstName: `Jana${n % 3}`, lastName: `Becker${n % 4}`, emails: [`jana${n}@example.com`] }),
    edit: { jobTitle: 'Einkaufsleiterin' },
    editChange: { field: 'jobTitle', to: 'Einkaufsleiterin' },
    sorts: {
      lastName: (r) => sortKey(String(r.lastName)),
      firstName: (r) => sortKey(String(r.firstName)),
      createdAt: (r) => r.createdAt,
      updatedAt: (r) => r.updatedAt,
    },
  },
];

let seq = 1000;

describe.each(kinds)('$path', (kind) => {
  const notFound = `${kind.noun}_not_found`;
  const create = async (as: Session, over: Record<string, unknown> = {}) => {
    seq += 1;
    const res = await t.request<Rec>('POST', kind.path, { cookie: as.cookie, body: { ...kind.create(seq), ...over } });
    expect(res.status, res.text).toBe(201);
    return res.body;
  };
  const auditsOf = async (id: string) =>
    (
      (await t.snapshot()).timeline_entries as {
        entity_id: string;
        action: string;
        data: string | null;
        actor_id: string;
      }[]
    ).filter((e) => e.entity_id === id);

  it('create → 201 with the record: id, version 1, ISO UTC timestamps; audited; get returns it', async () => {
    const input = kind.create(1);
    const res = await t.request<Rec>('POST', kind.path, {
      cookie: member.cookie,
      body: { ...input, tags: ['vip', 'vip'] },
    });
    expect(res.status).toBe(201);
    const rec = res.body;
    expect(rec.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    expect(rec).toMatchObject({ ...input, version: 1, deletedAt: null, tags: ['vip'] });
    expect(rec.createdAt).toMatch(ISO_UTC);
    expect(rec.updatedAt).toMatch(ISO_UTC);
    expect(Math.abs(Date.parse(rec.createdAt) - Date.now())).toBeLessThan(60_000);

    const got = await t.get<Rec>(`${kind.path}/${rec.id}`, member);
    expect(got.status).toBe(200);
    expect(got.body).toEqual(rec);
    const audits = await auditsOf(rec.id);
    expect(audits.map((a) => [a.action, a.actor_id])).toEqual([['created', member.user.id]]);
  });

  it('unknown id → 404 with the code; a malformed id → 400', async () => {
    for (const [method, extra] of [
      ['GET', {}],
      ['PATCH', { ifMatch: 1, body: kind.edit }],
      ['DELETE', {}],
    ] as const) {
      const res = await t.unchanged(() =>
        t.request(method, `${kind.path}/${MISSING_ID}`, { cookie: member.cookie, ...extra }),
      );
      expectProblem(res, 404, notFound);
    }
    expectProblem(
      await t.unchanged(() => t.request('POST', `${kind.path}/${MISSING_ID}/restore`, { cookie: admin.cookie })),
      404,
      notFound,
    );
    expectInvalid(await t.get(`${kind.path}/not-a-uuid`, member), 'params.id');
  });

  it('not logged in → 401 on every verb, nothing changes', async () => {
    const rec = await create(member);
    const calls: [string, string, object][] = [
      ['GET', kind.path, {}],
      ['GET', `${kind.path}/${rec.id}`, {}],
      ['POST', kind.path, { body: kind.create(2) }],
      ['PATCH', `${kind.path}/${rec.id}`, { ifMatch: 1, body: kind.edit }],
      ['DELETE', `${kind.path}/${rec.id}`, {}],
      ['GET', `${kind.path}/${rec.id}/timeline`, {}],
    ];
    for (const [method, path, o] of calls) {
      expectProblem(await t.unchanged(() => t.request(method, path, o)), 401, 'unauthenticated');
    }
  });

  it('a viewer reads but gets 403 on create, edit, delete, restore and notes; nothing changes', async () => {
    const rec = await create(member);
    expect((await t.get(`${kind.path}/${rec.id}`, viewer)).status).toBe(200);
    expect((await t.get(kind.path, viewer)).status).toBe(200);
    const calls: [string, string, object][] = [
      ['POST', kind.path, { body: kind.create(3) }],
      ['PATCH', `${kind.path}/${rec.id}`, { ifMatch: 1, body: kind.edit }],
      ['DELETE', `${kind.path}/${rec.id}`, {}],
      ['POST', `${kind.path}/${rec.id}/restore`, {}],
      ['POST', `${kind.path}/${rec.id}/notes`, { body: { body: 'hi' } }],
      ['POST', `${kind.path}/${rec.id}/comments`, { body: { body: 'hi' } }],
    ];
    for (const [method, path, o] of calls) {
      expectProblem(
        await t.unchanged(() => t.request(method, path, { cookie: viewer.cookie, ...o })),
        403,
        'forbidden',
      );
    }
  });

  it('PATCH with If-Match bumps the version and writes an audit entry with field, from and to', async () => {
    const rec = await create(member);
    t.clock.advance(5);
    const res = await t.request<Rec>('PATCH', `${kind.path}/${rec.id}`, {
      cookie: marketer.cookie,
      ifMatch: rec.version,
      body: kind.edit,
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ ...kind.edit, id: rec.id, version: 2, createdAt: rec.createdAt });
    expect(res.body.updatedAt).toMatch(ISO_UTC);
    expect(res.body.updatedAt > rec.updatedAt).toBe(true);
    expect((await t.get(`${kind.path}/${rec.id}`, member)).body).toEqual(res.body);

    const updated = (await auditsOf(rec.id)).filter((a) => a.action === 'updated');
    expect(updated).toHaveLength(1);
    expect(updated[0]?.actor_id).toBe(marketer.user.id);
    expect(JSON.parse(updated[0]?.data ?? '{}')).toEqual({
      changes: [{ field: kind.editChange.field, from: rec[kind.editChange.field] ?? null, to: kind.editChange.to }],
    });

    // the weak and bare forms of the header work too
    const again = await t.request<Rec>('PATCH', `${kind.path}/${rec.id}`, {
      cookie: member.cookie,
      ifMatch: 'W/"2"',
      body: { tags: ['x'] },
    });
    expect(again.status).toBe(200);
    expect(again.body.version).toBe(3);
  });

  it('PATCH without If-Match → 428, stale → 412, unreadable → 400; all leave the record unchanged', async () => {
    const rec = await create(member);
    const patch = (ifMatch?: string | number) =>
      t.unchanged(() =>
        t.request('PATCH', `${kind.path}/${rec.id}`, {
          cookie: member.cookie,
          body: kind.edit,
          ...(ifMatch === undefined ? {} : { ifMatch }),
        }),
      );
    expectProblem(await patch(), 428, 'precondition_required');
    expectProblem(await patch(0), 412, 'version_conflict');
    expectProblem(await patch(2), 412, 'version_conflict');
    expectInvalid(await patch('*'), 'If-Match');
    expect((await t.get<Rec>(`${kind.path}/${rec.id}`, member)).body).toEqual(rec);
  });

  it('two concurrent PATCHes with the same version: exactly one 200 and one 412', async () => {
    const rec = await create(member);
    const [a, b] = await Promise.all(
      [member, marketer].map((s, i) =>
        t.request<Rec>('PATCH', `${kind.path}/${rec.id}`, {
          cookie: s.cookie,
          ifMatch: rec.version,
          body: { tags: [`writer-${i}`] },
        }),
      ),
    );
    const statuses = [a?.status, b?.status].sort();
    expect(statuses).toEqual([200, 412]);
    const winner = (a?.status === 200 ? a : b) as Res<Rec>;
    const loser = (a?.status === 200 ? b : a) as Res<Rec>;
    expectProblem(loser, 412, 'version_conflict');
    const now = await t.get<Rec>(`${kind.path}/${rec.id}`, member);
    expect(now.body).toEqual(winner.body);
    expect(now.body.version).toBe(2);
    expect((await auditsOf(rec.id)).filter((x) => x.action === 'updated')).toHaveLength(1);
  });

  it('DELETE moves to the trash: 404 for members, in the admins’ trash list; members cannot list the trash or restore; admins restore', async () => {
    const rec = await create(member, { tags: ['trash-case'] });
    const del = await t.request('DELETE', `${kind.path}/${rec.id}`, { cookie: member.cookie });
    expect(del.status).toBe(204);

    expectProblem(await t.get(`${kind.path}/${rec.id}`, member), 404, notFound);
    expectProblem(await t.get(`${kind.path}/${rec.id}/timeline`, member), 404, notFound);
    const live = await t.get<Page<Rec>>(`${kind.path}?tag=trash-case&limit=200`, member);
    expect(live.body.items.map((r) => r.id)).not.toContain(rec.id);
    expectProblem(
      await t.unchanged(() =>
        t.request('PATCH', `${kind.path}/${rec.id}`, { cookie: member.cookie, ifMatch: 2, body: kind.edit }),
      ),
      404,
      notFound,
    );
    expectProblem(
      await t.unchanged(() => t.request('DELETE', `${kind.path}/${rec.id}`, { cookie: member.cookie })),
      404,
      notFound,
    );

    const adminView = await t.get<Rec>(`${kind.path}/${rec.id}`, admin);
    expect(adminView.status).toBe(200);
    expect(adminView.body.deletedAt).toMatch(ISO_UTC);
    const trash = await t.get<Page<Rec>>(`${kind.path}?trash=true&tag=trash-case`, admin);
    expect(trash.status).toBe(200);
    expect(trash.body.items.map((r) => r.id)).toEqual([rec.id]);

    expectProblem(await t.get(`${kind.path}?trash=true`, member), 403, 'forbidden');
    expectProblem(
      await t.unchanged(() => t.request('POST', `${kind.path}/${rec.id}/restore`, { cookie: member.cookie })),
      403,
      'forbidden',
    );

    const restored = await t.request<Rec>('POST', `${kind.path}/${rec.id}/restore`, { cookie: admin.cookie });
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: rec.id, deletedAt: null });
    expect((await t.get(`${kind.path}/${rec.id}`, member)).status).toBe(200);
    expectProblem(
      await t.unchanged(() => t.request('POST', `${kind.path}/${rec.id}/restore`, { cookie: admin.cookie })),
      409,
      'not_in_trash',
    );
    expect((await auditsOf(rec.id)).map((a) => a.action).sort()).toEqual(['created', 'deleted', 'restored']);
  });

  it('keyset paging yields every row exactly once, in order, for every sort in both directions', async () => {
    const tag = `paging-${kind.noun}`;
    const made: Rec[] = [];
    for (let i = 0; i < 9; i++) made.push(await create(member, { tags: [tag] }));
    // an edit so updatedAt differs from createdAt order
    const edited = await t.request<Rec>('PATCH', `${kind.path}/${made[2]?.id}`, {
      cookie: member.cookie,
      ifMatch: 1,
      body: { tags: [tag, 'edited'] },
    });
    made[2] = edited.body;
    const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

    for (const [field, value] of Object.entries(kind.sorts)) {
      for (const desc of [false, true]) {
        const sort = desc ? `-${field}` : field;
        const expected = [...made].sort((a, b) => cmp(value(a), value(b)) || cmp(a.id, b.id)).map((r) => r.id);
        if (desc) expected.reverse();

        const whole = await t.get<Page<Rec>>(`${kind.path}?tag=${tag}&sort=${sort}&limit=200`, member);
        expect(whole.status).toBe(200);
        expect(whole.body.nextCursor).toBeNull();
        expect(
          whole.body.items.map((r) => r.id),
          sort,
        ).toEqual(expected);

        const seen: string[] = [];
        let cursor: string | null = null;
        let pages = 0;
        do {
          const res: Res<Page<Rec>> = await t.get<Page<Rec>>(
            `${kind.path}?tag=${tag}&sort=${encodeURIComponent(sort)}&limit=4${cursor ? `&cursor=${cursor}` : ''}`,
            member,
          );
          expect(res.status).toBe(200);
          expect(res.body.items.length).toBeLessThanOrEqual(4);
          seen.push(...res.body.items.map((r) => r.id));
          cursor = res.body.nextCursor;
          pages += 1;
        } while (cursor && pages < 10);
        expect(seen, sort).toEqual(expected);
        expect(pages).toBe(3);
      }
    }
  });

  it('limit ≤ 200: 200 is fine, 201 and 0 → 400; a bad cursor → 400 invalid_cursor; unknown parameters → 400', async () => {
    expect((await t.get(`${kind.path}?limit=200`, member)).status).toBe(200);
    expectInvalid(await t.get(`${kind.path}?limit=201`, member), 'query.limit');
    expectInvalid(await t.get(`${kind.path}?limit=0`, member), 'query.limit');
    expectInvalid(await t.get(`${kind.path}?limit=abc`, member), 'query.limit');
    expectInvalid(await t.get(`${kind.path}?sort=password`, member), 'query.sort');
    expectInvalid(await t.get(`${kind.path}?ownerId=nobody`, member), 'query.ownerId');
    expectInvalid(await t.get(`${kind.path}?bogus=1`, member), 'query.bogus');
    for (const cursor of ['garbage', 'W10', Buffer.from('{"a":1}').toString('base64url'), 'x'.repeat(400)]) {
      expectProblem(await t.get(`${kind.path}?cursor=${cursor}`, member), 400, 'invalid_cursor');
    }
    expectInvalid(await t.get(`${kind.path}?cursor=${'x'.repeat(501)}`, member), 'query.cursor');
  });

  it('a cursor from one sort used with another → 400 invalid_cursor, not a server error', async () => {
    const tag = `cursor-mix-${kind.noun}`;
    for (let i = 0; i < 3; i++) await create(member, { tags: [tag] });
    const [nameSort] = Object.keys(kind.sorts);
    const first = await t.get<Page<Rec>>(`${kind.path}?tag=${tag}&sort=${nameSort}&limit=1`, member);
    const cursor = first.body.nextCursor;
    expect(cursor).toBeTruthy();
    for (const sort of ['createdAt', '-updatedAt']) {
      expectProblem(
        await t.get(`${kind.path}?tag=${tag}&sort=${sort}&cursor=${cursor}`, member),
        400,
        'invalid_cursor',
      );
    }
    // forged cursors of a plausible shape are refused too, never a 500
    const forge = (v: unknown) => Buffer.from(JSON.stringify(v)).toString('base64url');
    for (const forged of [
      forge(['not a date', MISSING_ID]),
      forge(['not a date', MISSING_ID, 'createdAt']),
      forge([42, MISSING_ID, 'createdAt']),
      forge(['2024-13-45T99:99:99Z', MISSING_ID, 'createdAt']),
    ]) {
      expectProblem(await t.get(`${kind.path}?sort=createdAt&cursor=${forged}`, member), 400, 'invalid_cursor');
    }
  });

  it('malformed JSON → 400 malformed_json, nothing written', async () => {
    for (const raw of ['{"name": ', '', 'null', '[1,2', "{'a':1}"]) {
      const res = await t.unchanged(() =>
        t.request('POST', kind.path, { cookie: member.cookie, raw, contentType: 'application/json' }),
      );
      if (raw === 'null') expectProblem(res, 400, 'validation_failed');
      else expectProblem(res, 400, 'malformed_json');
    }
    const rec = await create(member);
    const res = await t.unchanged(() =>
      t.request('PATCH', `${kind.path}/${rec.id}`, {
        cookie: member.cookie,
        ifMatch: 1,
        raw: '{"tags": [',
        contentType: 'application/json',
      }),
    );
    expectProblem(res, 400, 'malformed_json');
  });

  it('a body over 1 MiB → 413 payload_too_large, nothing written', async () => {
    const res = await t.unchanged(() =>
      t.request('POST', kind.path, {
        cookie: member.cookie,
        raw: JSON.stringify({ ...kind.create(9), tags: ['x'.repeat(1_100_000)] }),
        contentType: 'application/json',
      }),
    );
    expectProblem(res, 413, 'payload_too_large');
  });

  it('contacts can be created on a live account (fixture)', () => {
    expect(accountOfContacts).toBeTruthy();
  });
});
