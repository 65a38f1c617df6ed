import { GoalListQuery, type ProjectDepartment, type ProjectStage, type User } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import { listGoals } from '../goals/goals.service.js';
import { createPilot, createPilotFeedback } from '../projects/pilots.service.js';
import { createRequirement, createSignoff, updateRequirement } from '../projects/plan.service.js';
import { advanceProject, createProject } from '../projects/projects.service.js';
import { findDemoAccounts } from './demo.repository.js';
import type { DemoCampaigns } from './demoCampaigns.js';
import { type DemoTeams, demoActor } from './demoTeams.js';
import { type DemoCalendar, demoCalendar } from './demoTime.js';

/** When a step happened: days from today (negative: ago) and the local time. */
type When = [day: number, time: string];

type Step =
  | { when: When; by: string; advance: ProjectStage }
  | { when: When; by: string; requirement: { department: ProjectDepartment; text: string } }
  | { when: When; by: string; tick: string }
  | { when: When; by: string; signoff: true }
  | {
      when: When;
      by: string;
      /** The pilot account: the n-th account of `owner` (by name) made before the nomination, with an open deal. */
      pilot: {
        key: string;
        owner: string;
        pick: number;
        scope: string;
        startsIn: number | null;
        endsIn: number | null;
      };
    }
  | { when: When; by: string; feedback: { pilot: string; rating: number; text: string } };

interface Story {
  name: string;
  goalStatement: string;
  created: When;
  by: string;
  stage?: 'idea' | 'planning';
  team?: keyof DemoTeams;
  marketingLead?: string;
  salesLead?: string;
  campaigns?: (keyof DemoCampaigns)[];
  goals?: string[];
  /** Linked accounts: the first ones of these owners in this industry. */
  accounts?: { owners: string[]; industry: string; count: number };
  steps: Step[];
}

const lena = 'lena.vogt@nenner.demo';
const jonas = 'jonas.keller@nenner.demo';
const tim = 'tim.berger@nenner.demo';
const nico = 'nico.frei@nenner.demo';
const aylin = 'aylin.demir@nenner.demo';
const markus = 'markus.wolf@nenner.demo';
const petra = 'petra.huber@nenner.demo';

/**
 * Four joint projects, one in each stage a visitor should see: a finished reference programme whose two
 * pilot customers gave feedback, an onboarding package in its pilot (one customer running with three
 * feedback entries, one proposed by marketing and waiting for its owner in sales), an industry package
 * in planning that sales has signed off and marketing not yet, and a fresh idea.
 */
const stories: Story[] = [
  {
    name: 'Referenzkunden-Programm',
    goalStatement:
      'Zufriedene Bestandskunden erzählen ihre Geschichte: Anwenderberichte für Marketing, Referenzgespräche für den Vertrieb.',
    created: [-300, '09:00'],
    by: tim,
    team: 'customers',
    salesLead: nico,
    campaigns: ['newsletter', 'webinar'],
    steps: [
      { when: [-292, '10:00'], by: nico, advance: 'planning' },
      {
        when: [-291, '11:15'],
        by: tim,
        requirement: { department: 'marketing', text: 'Interviewleitfaden und Freigabeprozess für Anwenderberichte' },
      },
      {
        when: [-291, '11:20'],
        by: tim,
        requirement: { department: 'marketing', text: 'Webinar-Folgen mit Kunden als Gast einplanen' },
      },
      {
        when: [-290, '14:30'],
        by: nico,
        requirement: { department: 'sales', text: 'Mindestens fünf Kandidaten aus dem Bestand vorschlagen' },
      },
      {
        when: [-290, '14:40'],
        by: nico,
        requirement: { department: 'sales', text: 'Dankeschön für Referenzkunden festlegen (Schulungstag)' },
      },
      { when: [-284, '16:00'], by: nico, signoff: true },
      { when: [-283, '09:10'], by: tim, signoff: true },
      { when: [-280, '10:00'], by: tim, advance: 'pilot' },
      { when: [-279, '15:00'], by: nico, tick: 'Mindestens fünf Kandidaten aus dem Bestand vorschlagen' },
      {
        when: [-278, '11:00'],
        by: nico,
        pilot: {
          key: 'first',
          owner: nico,
          pick: 0,
          scope: 'Anwenderbericht und ein Referenzgespräch pro Quartal',
          startsIn: -276,
          endsIn: -190,
        },
      },
      {
        when: [-278, '11:10'],
        by: nico,
        pilot: {
          key: 'second',
          owner: nico,
          pick: 1,
          scope: 'Anwenderbericht, Logo auf der Website',
          startsIn: -276,
          endsIn: -190,
        },
      },
      { when: [-270, '10:30'], by: tim, tick: 'Interviewleitfaden und Freigabeprozess für Anwenderberichte' },
      {
        when: [-255, '17:00'],
        by: nico,
        feedback: {
          pilot: 'first',
          rating: 5,
          text: 'Anwenderbericht ist freigegeben. Der Kunde ist stolz auf das Ergebnis und teilt ihn selbst auf LinkedIn.',
        },
      },
      {
        when: [-240, '12:00'],
        by: nico,
        feedback: {
          pilot: 'second',
          rating: 4,
          text: 'Interview lief gut. Die Freigabe durch die Rechtsabteilung des Kunden dauerte drei Wochen.',
        },
      },
      { when: [-232, '09:00'], by: nico, tick: 'Dankeschön für Referenzkunden festlegen (Schulungstag)' },
      {
        when: [-215, '16:45'],
        by: nico,
        feedback: {
          pilot: 'first',
          rating: 4,
          text: 'Kommt als Gast ins Webinar, wünscht sich die Fragen eine Woche vorab. Freigabe diesmal in fünf Tagen.',
        },
      },
      { when: [-200, '10:00'], by: tim, tick: 'Webinar-Folgen mit Kunden als Gast einplanen' },
      { when: [-185, '11:00'], by: nico, advance: 'rollout' },
      { when: [-150, '15:30'], by: tim, advance: 'done' },
    ],
  },
  {
    name: 'Onboarding-Paket „Start in 30 Tagen“',
    goalStatement:
      'Neue Kunden arbeiten nach 30 Tagen produktiv: ein Festpreis-Paket, das Marketing bewirbt und der Vertrieb mit verkauft.',
    created: [-70, '10:00'],
    by: lena,
    team: 'customers',
    salesLead: jonas,
    campaigns: ['newsletter'],
    goals: ['Umsatz im Quartal'],
    steps: [
      { when: [-63, '09:30'], by: lena, advance: 'planning' },
      {
        when: [-62, '10:15'],
        by: lena,
        requirement: { department: 'marketing', text: 'Landingpage und Onboarding-Checkliste für Neukunden' },
      },
      {
        when: [-62, '10:20'],
        by: lena,
        requirement: { department: 'marketing', text: 'Anwenderbericht mit dem ersten Pilotkunden' },
      },
      {
        when: [-60, '14:00'],
        by: jonas,
        requirement: { department: 'sales', text: 'Festpreis und Vertragsvorlage für das Paket' },
      },
      {
        when: [-60, '14:05'],
        by: jonas,
        requirement: { department: 'sales', text: 'Zwei Pilotkunden aus dem Bestand gewinnen' },
      },
      { when: [-50, '11:00'], by: jonas, signoff: true },
      { when: [-49, '09:40'], by: lena, signoff: true },
      { when: [-47, '16:00'], by: jonas, advance: 'pilot' },
      { when: [-41, '13:30'], by: jonas, tick: 'Festpreis und Vertragsvorlage für das Paket' },
      {
        when: [-40, '10:30'],
        by: jonas,
        pilot: {
          key: 'running',
          owner: jonas,
          pick: 0,
          scope: 'Zwei Standorte, 25 Nutzer; Onboarding in 30 Tagen mit festem Ansprechpartner',
          startsIn: -38,
          endsIn: 22,
        },
      },
      { when: [-33, '15:00'], by: lena, tick: 'Landingpage und Onboarding-Checkliste für Neukunden' },
      {
        when: [-31, '17:10'],
        by: jonas,
        feedback: {
          pilot: 'running',
          rating: 4,
          text: 'Kick-off lief reibungslos, die Onboarding-Checkliste hilft dem Projektteam. Wunsch: Schulungstermine früher festlegen.',
        },
      },
      {
        when: [-17, '12:20'],
        by: jonas,
        feedback: {
          pilot: 'running',
          rating: 3,
          text: 'Datenübernahme aus dem alten CRM dauerte eine Woche länger als geplant. Die Schulung für den Außendienst war gut besucht.',
        },
      },
      {
        when: [-5, '16:40'],
        by: jonas,
        feedback: {
          pilot: 'running',
          rating: 5,
          text: 'Beide Standorte arbeiten im System. Der Kunde würde das Paket weiterempfehlen und steht für einen Anwenderbericht bereit.',
        },
      },
      {
        when: [-2, '11:20'],
        by: lena,
        pilot: {
          key: 'proposed',
          owner: petra,
          pick: 0,
          scope: 'Vertrieb und Innendienst, 10 Nutzer; Start nach der Jahresplanung',
          startsIn: null,
          endsIn: null,
        },
      },
    ],
  },
  {
    name: 'Branchenpaket Maschinenbau',
    goalStatement:
      'Ein Angebot für Maschinenbauer aus einem Guss: Branchen-Landingpage, Demo mit passenden Daten und eine klare Preisstaffel.',
    created: [-21, '10:00'],
    by: markus,
    stage: 'planning',
    team: 'south',
    marketingLead: aylin,
    campaigns: ['fair'],
    goals: ['SQLs im Quartal'],
    accounts: { owners: [markus, petra], industry: 'Maschinenbau', count: 2 },
    steps: [
      {
        when: [-19, '11:00'],
        by: aylin,
        requirement: {
          department: 'marketing',
          text: 'Landingpage „CRM für den Maschinenbau“ mit zwei Anwenderberichten',
        },
      },
      {
        when: [-19, '11:05'],
        by: aylin,
        requirement: { department: 'marketing', text: 'Auftritt auf der Hannover Messe 2027 auf das Paket ausrichten' },
      },
      {
        when: [-18, '15:00'],
        by: markus,
        requirement: { department: 'sales', text: 'Preisstaffel für 10 bis 50 Nutzer festlegen' },
      },
      {
        when: [-16, '09:30'],
        by: petra,
        requirement: { department: 'sales', text: 'Demo-System mit Maschinenbau-Stammdaten aufsetzen' },
      },
      { when: [-12, '16:30'], by: markus, signoff: true },
    ],
  },
  {
    name: 'Partnerprogramm für Systemhäuser',
    goalStatement:
      'Systemhäuser wie Systemhaus Alpen bringen uns Kunden. Gemeinsam ein Partnerprogramm mit Provision und Co-Marketing entwickeln.',
    created: [-6, '13:00'],
    by: nico,
    marketingLead: tim,
    campaigns: ['partner'],
    steps: [],
  },
];

/** Every stamp a project's services wrote since the calendar began, moved to `at`. */
const stampProject = async (cal: DemoCalendar, id: string, pilotIds: Iterable<string>, at: string) => {
  await cal.restamp('projects', { id }, ['created_at', 'updated_at', 'stage_changed_at'], at);
  await cal.restamp('project_requirements', { project_id: id }, ['created_at', 'updated_at', 'done_at'], at);
  await cal.restamp('project_signoffs', { project_id: id }, ['created_at'], at);
  await cal.restamp('project_pilots', { project_id: id }, ['created_at', 'updated_at', 'decided_at'], at);
  for (const pilotId of pilotIds) await cal.restamp('pilot_feedback', { pilot_id: pilotId }, ['created_at'], at);
  await cal.restamp('timeline_entries', { entity_type: 'project', entity_id: id }, ['created_at'], at);
  await cal.restamp('notifications', { entity_type: 'project', entity_id: id }, ['created_at'], at);
};

/**
 * The demo's joint projects, told step by step through the projects services (so the board, the plan,
 * the pilots and the timeline are what the app itself would have written), each step moved back to its day.
 */
export const seedDemoProjects = async (
  ctx: AppContext,
  users: User[],
  campaigns: DemoCampaigns,
  teams: DemoTeams,
): Promise<void> => {
  const cal = await demoCalendar(ctx);
  const actor = (email: string): Actor => demoActor(users, email);
  const goals = (await listGoals(ctx, GoalListQuery.parse({ limit: 100 }))).items;
  for (const story of stories) {
    const created = cal.past(cal.day(story.created[0]), story.created[1]);
    const accountIds = story.accounts
      ? (
          await findDemoAccounts(ctx.db, {
            ownerIds: story.accounts.owners.map((e) => actor(e).id),
            createdBefore: created,
          })
        )
          .filter((a) => a.industry === story.accounts?.industry)
          .slice(0, story.accounts.count)
          .map((a) => a.id)
      : [];
    let project = await createProject(ctx, actor(story.by), {
      name: story.name,
      goalStatement: story.goalStatement,
      stage: story.stage ?? 'idea',
      teamId: story.team ? teams[story.team].id : null,
      ...(story.marketingLead && { marketingLeadId: actor(story.marketingLead).id }),
      ...(story.salesLead && { salesLeadId: actor(story.salesLead).id }),
      campaignIds: (story.campaigns ?? []).map((k) => campaigns[k].id),
      goalIds: goals.filter((g) => story.goals?.includes(g.name)).map((g) => g.id),
      accountIds,
    });
    const pilots = new Map<string, string>();
    await stampProject(cal, project.id, pilots.values(), created);
    for (const step of story.steps) {
      const at = cal.past(cal.day(step.when[0]), step.when[1]);
      const by = actor(step.by);
      if ('advance' in step) project = await advanceProject(ctx, by, project.id, { stage: step.advance });
      else if ('requirement' in step) project = await createRequirement(ctx, by, project.id, step.requirement);
      else if ('signoff' in step) project = await createSignoff(ctx, by, project.id);
      else if ('tick' in step) {
        const req = project.requirements.find((r) => r.text === step.tick);
        if (req) project = await updateRequirement(ctx, by, project.id, req.id, { done: true });
      } else if ('pilot' in step) {
        const p = step.pilot;
        const account = (
          await findDemoAccounts(ctx.db, { ownerIds: [actor(p.owner).id], createdBefore: at, openDeal: true })
        )[p.pick];
        if (!account) continue;
        const pilot = await createPilot(ctx, by, project.id, {
          accountId: account.id,
          scope: p.scope,
          startsAt: p.startsIn === null ? null : cal.day(p.startsIn),
          endsAt: p.endsIn === null ? null : cal.day(p.endsIn),
        });
        pilots.set(p.key, pilot.id);
      } else if ('feedback' in step) {
        const pilotId = pilots.get(step.feedback.pilot);
        if (!pilotId) continue;
        await createPilotFeedback(ctx, by, project.id, pilotId, {
          rating: step.feedback.rating,
          text: step.feedback.text,
        });
      }
      await stampProject(cal, project.id, pilots.values(), at);
    }
  }
};
