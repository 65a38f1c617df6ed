import type { Handoff, Page, SlaState, Team } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { expectInvalid, expectProblem, MISSING_ID, type Session, startTestApp, type TestApp } from './harness.js';
import { TEST_SCORING } from './lead-helpers.js';

/*
 * Lead settings: the SLA as a contract between marketing and sales (propose → the other department
 * approves; admins set it directly), and who edits scoring, routing, reject reasons and form settings.
 */

let t: TestApp;
let admin: Session;
let marketer: Session;
let marketer2: Session;
let seller: Session;
let seller2: Session;
let manager: Session; // management, not admin
let viewer: Session;

beforeAll(async () => {
  t = await startTestApp();
  admin = await t.session('management', 'admin');
  marketer = await t.session('marketing', 'member', 'Mia Marketing');
  marketer2 = await t.session('marketing', 'member', 'Max Marketing');
  seller = await t.session('sales', 'member', 'Sam Sales');
  seller2 = await t.session('sales', 'member', 'Sara Sales');
  manager = await t.session('management', 'member');
  viewer = await t.session('sales', 'viewer');
});
afterAll(async () => {
  await t?.close();
});

const week = {
  mon: ['08:00', '18:00'],
  tue: ['08:00', '18:00'],
  wed: ['08:00', '18:00'],
  thu: ['08:00', '18:00'],
  fri: ['08:00', '16:00'],
  sat: null,
  sun: null,
} as const;
const proposal = (responseHours: number) => ({
  responseHours,
  timeZone: 'Europe/Berlin',
  businessHours: week,
  holidayRegion: 'DE-BY',
  extraHolidays: ['2026-12-24', '2026-12-31'],
});

const sla = async (as: Session = seller) => {
  const res = await t.get<SlaState>('/api/settings/sla', as);
  expect(res.status).toBe(200);
  return res.body;
};
const putSla = (as: Session, body: unknown, ifMatch?: number) =>
  t.request<SlaState>('PUT', '/api/settings/sla', {
    cookie: as.cookie,
    body,
    ...(ifMatch !== undefined && { ifMatch }),
  });
const decide = (as: Session, id: string, verb: 'approve' | 'decline') =>
  t.request<SlaState>('POST', `/api/settings/sla/proposals/${id}/${verb}`, { cookie: as.cookie });

describe('SLA: a contract both departments agree to', () => {
  it('starts with the default: 4 business hours, Europe/Berlin, Mon–Fri 09–17, DE holidays, nothing pending', async () => {
    expect(await sla()).toMatchObject({
      version: 0,
      pending: null,
      current: {
        responseHours: 4,
        timeZone: 'Europe/Berlin',
        holidayRegion: 'DE',
        extraHolidays: [],
        businessHours: { mon: ['09:00', '17:00'], fri: ['09:00', '17:00'], sat: null, sun: null },
      },
    });
  });

  it('a marketing member proposes (202, pending); marketing cannot approve its own; sales approves → applied', async () => {
    const before = await sla();
    const res = await putSla(marketer, proposal(6));
    expect(res.status, res.text).toBe(202);
    expect(res.body.current).toEqual(before.current);
    expect(res.body.version).toBe(before.version);
    expect(res.body.pending).toMatchObject({
      proposal: { ...proposal(6), mqlCommitmentPerMonth: 0, minAcceptanceRate: 0 },
      proposedBy: { id: marketer.user.id, department: 'marketing' },
    });
    const id = res.body.pending?.id ?? '';
    expect((await sla()).current).toEqual(before.current);

    await t.unchanged(async () => {
      expectProblem(await decide(marketer2, id, 'approve'), 403, 'forbidden');
      expectProblem(await decide(marketer, id, 'approve'), 403, 'forbidden');
      expectProblem(await decide(marketer2, id, 'decline'), 403, 'forbidden');
      expectProblem(await decide(manager, id, 'approve'), 403, 'forbidden');
      expectProblem(await decide(viewer, id, 'approve'), 403, 'forbidden');
      expectProblem(await decide(seller, MISSING_ID, 'approve'), 404, 'proposal_not_found');
    });

    const approved = await decide(seller, id, 'approve');
    expect(approved.status, approved.text).toBe(200);
    expect(approved.body).toMatchObject({ version: before.version + 1, pending: null });
    expect(approved.body.current).toMatchObject(proposal(6));
    expect(await sla(marketer)).toEqual(approved.body);
    await t.unchanged(async () => {
      expectProblem(await decide(seller, id, 'approve'), 404, 'proposal_not_found');
    });
  });

  it('sales proposes, marketing declines: nothing applied; a newer proposal supersedes an older one', async () => {
    const before = await sla();
    const first = await putSla(seller, proposal(2));
    expect(first.status).toBe(202);
    const second = await putSla(seller2, proposal(3));
    expect(second.status).toBe(202);
    expect(second.body.pending?.proposal.responseHours).toBe(3);
    await t.unchanged(async () => {
      expectProblem(await decide(marketer, first.body.pending?.id ?? '', 'approve'), 404, 'proposal_not_found');
    });
    const declined = await decide(marketer, second.body.pending?.id ?? '', 'decline');
    expect(declined.status).toBe(200);
    expect(declined.body).toEqual({ ...before, pending: null });
  });

  it('an admin sets it directly (200, applied, audited); a stale If-Match is refused', async () => {
    const before = await sla();
    const res = await putSla(admin, proposal(8), before.version);
    expect(res.status, res.text).toBe(200);
    expect(res.body).toMatchObject({ version: before.version + 1, pending: null, current: proposal(8) });
    await t.unchanged(async () => {
      expectProblem(await putSla(admin, proposal(9), before.version), 412, 'version_conflict');
      expectProblem(await putSla(marketer, proposal(9), before.version), 412, 'version_conflict');
    });
  });

  it('management members and viewers cannot change it; invalid values name their field; nothing changes', async () => {
    await t.unchanged(async () => {
      expectProblem(await putSla(manager, proposal(5)), 403, 'forbidden');
      expectProblem(await putSla(viewer, proposal(5)), 403, 'forbidden');
      expectInvalid(await putSla(admin, { ...proposal(5), responseHours: 0 }), 'responseHours');
      expectInvalid(await putSla(admin, { ...proposal(5), timeZone: 'Mars/Olympus' }), 'timeZone');
      expectInvalid(
        await putSla(admin, { ...proposal(5), businessHours: { ...week, mon: ['17:00', '09:00'] } }),
        'businessHours.mon',
      );
      expectInvalid(await putSla(admin, { ...proposal(5), holidayRegion: 'FR' }), 'holidayRegion');
      expectInvalid(await putSla(admin, { ...proposal(5), extraHolidays: ['24.12.2026'] }), 'extraHolidays.0');
      expectInvalid(await putSla(marketer, { ...proposal(5), surprise: 1 }), 'surprise');
    });
  });
});

describe('who edits which rules', () => {
  const routing = (teamId: string) => ({ rules: [{ id: 'nord', name: 'Nord', postcodePrefixes: ['2'], teamId }] });
  const reasons = {
    reasons: [
      { key: 'no_budget', de: 'Kein Budget', en: 'No budget' },
      { key: 'too_small', de: 'Zu klein', en: 'Too small' },
    ],
  };
  let team: Team;
  beforeAll(async () => {
    team = (
      await t.request<Team>('POST', '/api/teams', {
        cookie: seller.cookie,
        body: { name: 'Nord', memberIds: [seller.user.id, seller2.user.id] },
      })
    ).body;
  });

  it.each([
    ['scoring', () => TEST_SCORING, () => [marketer, admin], () => [seller, manager, viewer]],
    ['routing', () => routing(team.id), () => [seller, admin], () => [marketer, manager, viewer]],
    ['reject-reasons', () => reasons, () => [admin], () => [seller, marketer, manager]],
    ['forms', () => ({ redirectHosts: ['www.example.de'] }), () => [marketer, admin], () => [seller, viewer]],
  ] as const)(
    '%s: editors 200, everyone else 403 with nothing changed; everyone reads',
    async (path, value, editors, others) => {
      for (const who of others()) {
        await t.unchanged(async () => {
          expectProblem(
            await t.request('PUT', `/api/settings/${path}`, { cookie: who.cookie, body: value() }),
            403,
            'forbidden',
          );
        });
      }
      for (const who of editors()) {
        const res = await t.request<{ value: unknown; version: number }>('PUT', `/api/settings/${path}`, {
          cookie: who.cookie,
          body: value(),
        });
        expect(res.status, res.text).toBe(200);
        expect(res.body.value).toMatchObject(value());
      }
      const read = await t.get<{ value: unknown; version: number }>(`/api/settings/${path}`, viewer);
      expect(read.status).toBe(200);
      expect(read.body.value).toMatchObject(value());
      expect(read.body.version).toBe(editors().length);
    },
  );

  it('invalid rules are refused with the field named', async () => {
    await t.unchanged(async () => {
      expectInvalid(
        await t.request('PUT', '/api/settings/scoring', {
          cookie: marketer.cookie,
          body: { ...TEST_SCORING, mqlThreshold: 0 },
        }),
        'mqlThreshold',
      );
      expectInvalid(
        await t.request('PUT', '/api/settings/scoring', {
          cookie: marketer.cookie,
          body: { ...TEST_SCORING, fit: [{ ...TEST_SCORING.fit[0], operator: 'sounds_like' }] },
        }),
        'fit.0.operator',
      );
      expectInvalid(
        await t.request('PUT', '/api/settings/routing', {
          cookie: seller.cookie,
          body: { rules: [{ id: 'x', name: 'X', countries: ['germany'], teamId: team.id }] },
        }),
        'rules.0.countries.0',
      );
      expectInvalid(
        await t.request('PUT', '/api/settings/reject-reasons', { cookie: admin.cookie, body: { reasons: [] } }),
        'reasons',
      );
      expectInvalid(
        await t.request('PUT', '/api/settings/forms', {
          cookie: marketer.cookie,
          body: { redirectHosts: ['https://evil.example/path'] },
        }),
        'redirectHosts.0',
      );
    });
  });
});

describe('teams', () => {
  it('creates and edits a team with If-Match; unknown members are refused', async () => {
    const res = await t.request<Team>('POST', '/api/teams', {
      cookie: seller.cookie,
      body: { name: 'Süd', memberIds: [seller.user.id] },
    });
    expect(res.status, res.text).toBe(201);
    expect(res.body).toMatchObject({ name: 'Süd', version: 1, members: [{ id: seller.user.id, name: 'Sam Sales' }] });
    await t.unchanged(async () => {
      expectInvalid(
        await t.request('POST', '/api/teams', { cookie: seller.cookie, body: { name: 'X', memberIds: [MISSING_ID] } }),
        'memberIds',
      );
      expectProblem(
        await t.request('PATCH', `/api/teams/${res.body.id}`, { cookie: seller.cookie, body: { name: 'Y' } }),
        428,
        'precondition_required',
      );
      expectProblem(
        await t.request('POST', '/api/teams', { cookie: viewer.cookie, body: { name: 'V' } }),
        403,
        'forbidden',
      );
    });
    const edited = await t.request<Team>('PATCH', `/api/teams/${res.body.id}`, {
      cookie: seller.cookie,
      ifMatch: 1,
      body: { name: 'Süd-West', memberIds: [seller.user.id, seller2.user.id] },
    });
    expect(edited.status, edited.text).toBe(200);
    expect(edited.body).toMatchObject({ name: 'Süd-West', version: 2 });
    expect(edited.body.members.map((m) => m.id).sort()).toEqual([seller.user.id, seller2.user.id].sort());
    const list = await t.get<{ items: Team[] }>('/api/teams', viewer);
    expect(list.body.items.map((x) => x.name)).toContain('Süd-West');
  });
});

describe('SLA changes apply to new handoffs', () => {
  it('the SLA in force (8 h, Mon–Thu 08–18) computes the due time of a handoff opened by hand', async () => {
    expect((await sla()).current).toMatchObject({ responseHours: 8, businessHours: week });
    const contact = await t.createContact(marketer, { emails: ['sla@firma-sla.de'], lifecycleStage: 'lead' });
    vi.setSystemTime(new Date('2026-12-08T09:00:00.000Z')); // Tue 10:00 CET
    try {
      const res = await t.request('PATCH', `/api/contacts/${contact.id}`, {
        cookie: marketer.cookie,
        ifMatch: contact.version,
        body: { lifecycleStage: 'mql' },
      });
      expect(res.status, res.text).toBe(200);
    } finally {
      vi.useRealTimers();
    }
    const list = await t.get<Page<Handoff>>(`/api/handoffs?contactId=${contact.id}`, seller);
    expect(list.body.items).toHaveLength(1);
    // 10:00 + 8 business hours with closing at 18:00 → 18:00 the same day
    expect(Date.parse(list.body.items[0]?.slaDueAt ?? '')).toBe(Date.parse('2026-12-08T17:00:00.000Z'));
  });
});
