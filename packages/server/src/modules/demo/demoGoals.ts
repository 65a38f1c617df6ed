import type { CreateGoalInput, User } from '@nenner/shared';
import type { AppContext } from '../../context.js';
import { createGoal } from '../goals/goals.service.js';
import { asActor } from './demoLeads.js';

type DemoGoal = Omit<CreateGoalInput, 'ownerIds' | 'parentId'> & { owners: string[]; parent?: string };

/**
 * The goals a demo team agreed on for the current period, as one chain (revenue ← pipeline ← SQLs ←
 * MQLs) plus the SLA both sides promised: mostly shared, one of a single department.
 */
const goals: DemoGoal[] = [
  {
    name: 'Umsatz im Quartal',
    metric: 'revenue_won',
    period: { type: 'quarter' },
    target: 450_000_00,
    currency: 'EUR',
    owners: ['jonas.keller@nenner.demo', 'sabine.brandt@nenner.demo'],
  },
  {
    name: 'Neue Pipeline im Quartal',
    metric: 'pipeline_created',
    filters: { department: 'any' },
    period: { type: 'quarter' },
    target: 1_800_000_00,
    currency: 'EUR',
    owners: ['jonas.keller@nenner.demo', 'lena.vogt@nenner.demo'],
    parent: 'Umsatz im Quartal',
  },
  {
    name: 'SQLs im Quartal',
    metric: 'sqls',
    period: { type: 'quarter' },
    target: 13,
    owners: ['markus.wolf@nenner.demo', 'aylin.demir@nenner.demo'],
    parent: 'Neue Pipeline im Quartal',
    repeat: true,
  },
  {
    name: 'MQLs im Monat',
    description: 'Die Zusage aus der SLA: 40 MQLs pro Monat.',
    metric: 'mqls',
    period: { type: 'month' },
    target: 40,
    owners: ['lena.vogt@nenner.demo', 'jonas.keller@nenner.demo'],
    parent: 'SQLs im Quartal',
    repeat: true,
  },
  {
    name: 'Leads in der SLA beantwortet',
    metric: 'handoff_sla_rate',
    period: { type: 'month' },
    target: 90,
    owners: ['jonas.keller@nenner.demo', 'lena.vogt@nenner.demo'],
    repeat: true,
  },
  {
    name: 'Schnelle erste Antwort',
    metric: 'median_response_hours',
    period: { type: 'month' },
    target: 4,
    owners: ['petra.huber@nenner.demo'],
    repeat: true,
  },
];

/** Creates the demo goals through the goals service, so they are audited like any other. */
export const seedDemoGoals = async (ctx: AppContext, users: User[]): Promise<void> => {
  const byEmail = new Map(users.map((u) => [u.email, u]));
  const ids = new Map<string, string>();
  for (const { owners, parent, ...goal } of goals) {
    const ownerUsers = owners.map((e) => byEmail.get(e)).filter((u): u is User => u !== undefined);
    const creator = ownerUsers[0];
    if (!creator) continue;
    const created = await createGoal(ctx, asActor(creator), {
      ...goal,
      ownerIds: ownerUsers.map((u) => u.id),
      ...(parent && ids.has(parent) && { parentId: ids.get(parent) }),
    });
    ids.set(goal.name, created.id);
  }
};
