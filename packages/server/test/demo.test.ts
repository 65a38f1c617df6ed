import type {
  Event,
  Handoff,
  Me,
  Page,
  Pilot,
  Project,
  ProjectListItem,
  Registration,
  Rotation,
  Task,
  TeamDetail,
  TimelineEntry,
} from '@nenner/shared';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, seedDemoWorkspace } from '../src/modules/demo/demo.service.js';
import { type Session, startTestApp, type TestApp } from './harness.js';

/*
 * The demo workspace `npm start` seeds, as a visitor logging in meets it: joint projects in four stages,
 * job rotations before, during and after, a past webinar and an upcoming customer day, and two mixed
 * teams that own records. Its stories are told through the services and moved back in time, so every
 * assertion here also checks that nothing was stamped after what followed it, or in the future.
 */

let t: TestApp;
let lena: Session;
let now = '';

const as = async (email: string): Promise<Session> => {
  const cookie = await t.login(email, DEMO_PASSWORD);
  const me = (await t.get<Me>('/api/auth/me', { cookie } as Session)).body;
  return { user: me, cookie, email };
};

const ok = async <T>(path: string, session: Session = lena): Promise<T> => {
  const res = await t.get<T>(path, session);
  expect(res.status, `${path}: ${res.text}`).toBe(200);
  return res.body;
};

/** Timeline entries oldest first, as stored. */
const history = async (kind: 'projects', id: string) =>
  [...(await ok<Page<TimelineEntry>>(`/api/${kind}/${id}/timeline?limit=100`)).items].reverse();

const ascending = (stamps: string[]) => expect(stamps).toEqual([...stamps].sort());

beforeAll(async () => {
  t = await startTestApp({ NENNER_DEMO_PASSWORD: DEMO_PASSWORD });
  await seedDemoWorkspace(t.ctx);
  now = new Date().toISOString();
  lena = await as('lena.vogt@nenner.demo');
  // the demo now tells a year of leads through the services: slow on a loaded machine, slower on PostgreSQL
}, 420_000);

afterAll(async () => {
  await t?.close();
});

describe('joint projects', () => {
  let projects: ProjectListItem[] = [];
  const byStage = (stage: string) => {
    const p = projects.find((x) => x.stage === stage);
    if (!p) throw new Error(`no project in ${stage}`);
    return p;
  };

  beforeAll(async () => {
    projects = (await ok<Page<ProjectListItem>>('/api/projects?limit=50')).items;
  });

  it('shows one project in each of idea, planning, pilot and done', () => {
    expect(projects.map((p) => p.stage).sort()).toEqual(['done', 'idea', 'pilot', 'planning']);
  });

  it('the project in planning has both departments’ requirements and waits only for marketing’s sign-off', async () => {
    const p = await ok<Project>(`/api/projects/${byStage('planning').id}`);
    expect(p.missing).toEqual({ requirements: [], signoffs: ['marketing'] });
    expect(new Set(p.requirements.map((r) => r.department))).toEqual(new Set(['marketing', 'sales']));
    expect(p.signoffs.map((s) => [s.department, s.user.name])).toEqual([['sales', 'Markus Wolf']]);
    expect(p.team?.name).toBe('Team Süd');
  });

  it('the project in pilot has one running pilot with three feedback entries and one proposed by marketing', async () => {
    const p = byStage('pilot');
    const pilots = await ok<Pilot[]>(`/api/projects/${p.id}/pilots`);
    expect(pilots.map((x) => x.status)).toEqual(['active', 'proposed']);
    const [active, proposed] = pilots as [Pilot, Pilot];
    expect(active.feedback.map((f) => f.rating)).toEqual([4, 3, 5]);
    expect(active.meanRating).toBe(4);
    expect(active.startsAt && active.startsAt <= now.slice(0, 10)).toBe(true);
    expect(proposed.proposedBy?.department).toBe('marketing');
    expect(proposed.decidedBy).toBeNull();
    expect(proposed.account.owner?.department).toBe('sales');
    // the running pilot's account carries the badge; the proposed one's does not
    const account = await ok<{ pilot: { projectId: string } | null }>(`/api/accounts/${active.account.id}`);
    expect(account.pilot?.projectId).toBe(p.id);
    expect((await ok<{ pilot: unknown }>(`/api/accounts/${proposed.account.id}`)).pilot).toBeNull();
    // the owner in sales heard of the proposal
    const petra = await as('petra.huber@nenner.demo');
    const notes = await ok<{ items: { kind: string }[] }>('/api/notifications?limit=50', petra);
    expect(notes.items.map((n) => n.kind)).toContain('pilot_proposed');
  });

  it('the done project went through every stage, and its pilots ended', async () => {
    const p = byStage('done');
    expect(p.pilotCounts).toEqual({ proposed: 0, active: 0, declined: 0, ended: 2 });
    expect(p.requirementCounts).toEqual({ total: 4, done: 4 });
    const stages = (await history('projects', p.id))
      .flatMap((e) => e.changes ?? [])
      .filter((c) => c.field === 'stage')
      .map((c) => c.to);
    expect(stages).toEqual(['planning', 'pilot', 'rollout', 'done']);
  });

  it('every project’s story is in order: created first, nothing after its last change or in the future', async () => {
    for (const p of projects) {
      const entries = await history('projects', p.id);
      const stamps = entries.map((e) => e.createdAt);
      ascending(stamps);
      expect(entries[0]?.action).toBe('created');
      expect(stamps[0]).toBe(p.createdAt);
      expect(stamps.at(-1)).toBe(p.updatedAt);
      expect(p.updatedAt < now).toBe(true);
      const full = await ok<Project>(`/api/projects/${p.id}`);
      for (const r of full.requirements) {
        expect(r.createdAt >= p.createdAt).toBe(true);
        if (r.doneAt) expect(r.doneAt > r.createdAt).toBe(true);
      }
      // a new requirement voids every sign-off: those that stand came after the last one
      const lastRequirement =
        full.requirements
          .map((r) => r.createdAt)
          .sort()
          .at(-1) ?? '';
      for (const s of full.signoffs) {
        expect(s.at > lastRequirement).toBe(true);
        const entry = entries.find((e) => e.action === 'signed_off' && e.actor?.id === s.user.id);
        expect(entry?.createdAt).toBe(s.at);
      }
    }
  });
});

describe('job rotations', () => {
  let rotations: Rotation[] = [];
  beforeAll(async () => {
    rotations = (await ok<Page<Rotation>>('/api/rotations?limit=50')).items;
  });

  it('one completed last quarter, one running now, one planned for next month', () => {
    expect(rotations.map((r) => r.status)).toEqual(['completed', 'active', 'planned']);
  });

  it('the running one: a marketer in sales with a sales mentor, some boxes ticked, a check-in, the host rights', async () => {
    const r = rotations.find((x) => x.status === 'active') as Rotation;
    expect([r.person.name, r.homeDepartment, r.hostDepartment, r.mentor.department]).toEqual([
      'Aylin Demir',
      'marketing',
      'sales',
      'sales',
    ]);
    expect(r.goals.filter((g) => g.met).length).toBe(1);
    expect(r.activities.filter((a) => a.done).length).toBe(2);
    expect(r.checkins).toHaveLength(1);
    expect(r.checkins[0]?.author?.name).toBe('Markus Wolf');
    const aylin = await as('aylin.demir@nenner.demo');
    expect((await ok<Me>('/api/auth/me', aylin)).hostDepartment).toBe('sales');
  });

  it('the completed one has the report, then the mentor’s rating, both after its last day', () => {
    const r = rotations.find((x) => x.status === 'completed') as Rotation;
    expect(r.rating).toBe(4);
    expect(r.report).toContain('Marketing');
    expect((r.reportedAt ?? '') > `${r.endsOn}T`).toBe(true);
    expect((r.ratedAt ?? '') > (r.reportedAt ?? '')).toBe(true);
    expect(r.activities.every((a) => a.done)).toBe(true);
    const [y, m] = now.slice(0, 7).split('-').map(Number) as [number, number];
    const thisQuarter = `${y}-${String(Math.floor((m - 1) / 3) * 3 + 1).padStart(2, '0')}-01`;
    expect(r.endsOn < thisQuarter).toBe(true);
  });

  it('each was planned before it began, and its check-ins were written on their day', () => {
    for (const r of rotations) {
      expect(r.createdAt < `${r.startsOn}T`).toBe(true);
      expect(r.createdAt <= r.updatedAt).toBe(true);
      expect(r.updatedAt < now).toBe(true);
      for (const c of r.checkins) expect(c.createdAt.slice(0, 10)).toBe(c.date);
    }
  });
});

describe('customer events', () => {
  let events: Event[] = [];
  const byType = (type: string) => events.find((e) => e.type === type) as Event;
  beforeAll(async () => {
    events = (await ok<Page<Event>>('/api/events?limit=50')).items;
  });

  it('a past webinar, closed: attended and no-shows, each linked to a campaign', () => {
    expect(events.map((e) => e.type).sort()).toEqual(['customer_day', 'webinar']);
    const w = byType('webinar');
    expect(w.status).toBe('done');
    expect(w.endsAt < now).toBe(true);
    expect(w.counts).toEqual({ confirmed: 0, waitlisted: 0, cancelled: 2, attended: 10, noShow: 4 });
    expect(w.invitations).toBe(6);
    expect(w.campaign.name).toBe('Webinarreihe „Vertrieb & Marketing als ein Team“');
  });

  it('the webinar’s follow-ups are tasks for the guests’ owners in sales', async () => {
    const w = byType('webinar');
    const regs = (await ok<Page<Registration>>(`/api/events/${w.id}/registrations?limit=100`)).items;
    const followed = regs.filter((r) => r.status === 'attended' || r.status === 'no_show');
    let tasks = 0;
    for (const r of followed) {
      const open = (await ok<Page<Task>>(`/api/tasks?entityType=contact&entityId=${r.contactId}&limit=20`)).items;
      const mine = open.filter((x) => x.title.includes('Webinar: Lead-Übergabe ohne Reibungsverluste'));
      expect(mine, r.email).toHaveLength(1);
      expect(mine[0]?.owner.department).toBe('sales');
      tasks += mine.length;
    }
    expect(tasks).toBe(14);
  });

  it('an upcoming customer day, open with 16 of 40 seats taken, no waiting list, invited by four reps', async () => {
    const c = byType('customer_day');
    expect([c.status, c.capacity, c.seatsTaken, c.registrationOpen]).toEqual(['open', 40, 16, true]);
    expect(c.counts).toEqual({ confirmed: 16, waitlisted: 0, cancelled: 1, attended: 0, noShow: 0 });
    expect(c.invitations).toBe(17);
    expect(c.startsAt > now).toBe(true);
    expect(c.campaign.name).toBe('Kundentag 2027');
    expect(c.team?.name).toBe('Team Bestandskunden');
    const report = await ok<{ byRep: { rep: { name: string }; invitations: number }[] }>(`/api/events/${c.id}/report`);
    expect(report.byRep.map((r) => [r.rep.name, r.invitations])).toEqual([
      ['Jonas Keller', 6],
      ['Markus Wolf', 4],
      ['Petra Huber', 4],
      ['Nico Frei', 3],
    ]);
  });

  it('every guest registered after the event was created and before it began, and checked in after registering', async () => {
    for (const e of events) {
      const regs = (await ok<Page<Registration>>(`/api/events/${e.id}/registrations?limit=100`)).items;
      ascending(regs.map((r) => r.registeredAt));
      for (const r of regs) {
        expect(r.registeredAt > e.createdAt).toBe(true);
        expect(r.registeredAt < e.startsAt).toBe(true);
        if (r.cancelledAt) expect(r.cancelledAt > r.registeredAt && r.cancelledAt < now).toBe(true);
        if (r.checkedInAt) expect(r.checkedInAt > r.registeredAt && r.checkedInAt < e.endsAt).toBe(true);
      }
    }
  });
});

describe('mixed teams', () => {
  it('two mixed teams own accounts, campaigns and goals', async () => {
    const teams = (await ok<{ items: { id: string; name: string; mixed: boolean }[] }>('/api/teams')).items;
    const mixed = teams.filter((x) => x.mixed);
    expect(mixed.map((x) => x.name).sort()).toEqual(['Team Bestandskunden', 'Team Süd']);
    const owned = [];
    for (const team of mixed) owned.push([team.name, (await ok<TeamDetail>(`/api/teams/${team.id}`)).owned]);
    expect(owned.sort()).toEqual([
      ['Team Bestandskunden', { accounts: 6, campaigns: 2, goals: 2 }],
      ['Team Süd', { accounts: 6, campaigns: 2, goals: 1 }],
    ]);
  });
});

describe('leads', () => {
  it('every lead’s timeline gives the due time its card counts down to', async () => {
    const handoffs = await ok<Page<Handoff>>('/api/handoffs?limit=200');
    expect(handoffs.items.length).toBeGreaterThan(5);
    for (const h of handoffs.items) {
      const timeline = await ok<Page<TimelineEntry>>(`/api/contacts/${h.contact.id}/timeline?kind=handoff&limit=200`);
      const due = timeline.items.filter((e) => e.data?.handoffId === h.id && typeof e.data.slaDueAt === 'string');
      expect(due.length, h.contact.name).toBeGreaterThan(0);
      for (const e of due) expect(e.data?.slaDueAt, `${h.contact.name}: ${e.action}`).toBe(h.slaDueAt);
    }
  });
});

describe('the whole workspace’s stamps', () => {
  it('nothing of the new records lies in the future or was changed before it was made', async () => {
    const checks: [string, string, string][] = [
      ['users', 'created_at', 'updated_at'],
      ['teams', 'created_at', 'updated_at'],
      ['projects', 'created_at', 'updated_at'],
      ['project_requirements', 'created_at', 'updated_at'],
      ['project_pilots', 'created_at', 'updated_at'],
      ['rotations', 'created_at', 'updated_at'],
      ['events', 'created_at', 'updated_at'],
      ['event_registrations', 'registered_at', 'updated_at'],
      ['campaign_members', 'created_at', 'updated_at'],
    ];
    for (const [table, made, changed] of checks) {
      const bad = await sql<{ n: number | string }>`select count(*) as n from ${sql.table(table)}
        where ${sql.ref(changed)} < ${sql.ref(made)} or ${sql.ref(changed)} > ${now}`.execute(t.ctx.db);
      expect(Number(bad.rows[0]?.n), table).toBe(0);
    }
    // a project's parts were last changed no later than the project itself
    const parts = await sql<{ n: number | string }>`select
        (select count(*) from project_requirements r join projects p on p.id = r.project_id
          where r.updated_at > p.updated_at)
      + (select count(*) from project_signoffs s join projects p on p.id = s.project_id
          where s.created_at > p.updated_at)
      + (select count(*) from project_pilots x join projects p on p.id = x.project_id
          where x.updated_at > p.updated_at)
      + (select count(*) from pilot_feedback f join project_pilots x on x.id = f.pilot_id
          join projects p on p.id = x.project_id where f.created_at > p.updated_at or f.created_at < x.created_at)
      + (select count(*) from rotation_checkins c join rotations r on r.id = c.rotation_id
          where c.created_at < r.created_at or c.created_at > ${now}) as n`.execute(t.ctx.db);
    expect(Number(parts.rows[0]?.n)).toBe(0);
    const future = await sql<{ n: number | string }>`select count(*) as n from timeline_entries
      where created_at > ${now}`.execute(t.ctx.db);
    expect(Number(future.rows[0]?.n)).toBe(0);
    // every user existed before anything they did
    const early = await sql<{ n: number | string }>`select count(*) as n from timeline_entries e
      join users u on u.id = e.actor_id where e.created_at < u.created_at`.execute(t.ctx.db);
    expect(Number(early.rows[0]?.n)).toBe(0);
  });
});
