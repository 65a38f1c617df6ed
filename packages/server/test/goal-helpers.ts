import type { Contact, Deal, Goal, GoalProgressResult, Handoff } from '@nenner/shared';
import { expect } from 'vitest';
import type { Res, Session, TestApp } from './harness.js';

/*
 * Helpers for the goal tests: Berlin wall-clock times, the records a goal counts written through the API
 * (stage changes, handoff answers, deals), and goals with their progress.
 */

/** A Berlin wall-clock time before the end of March (CET, UTC+1), e.g. `cet('2027-03-01T10:20')`, as ISO UTC. */
export const cet = (local: string): string => new Date(`${local}:00+01:00`).toISOString();

export const ok = <T>(res: Res<T>, status = 200): T => {
  expect(res.status, res.text).toBe(status);
  return res.body;
};

/** Moves a contact to a lifecycle stage through PATCH /api/contacts/:id (MQL opens a handoff). */
export const setStage = async (
  t: TestApp,
  as: Session,
  contactId: string,
  lifecycleStage: string,
): Promise<Contact> => {
  const current = ok(await t.get<Contact>(`/api/contacts/${contactId}`, as));
  return ok(
    await t.request<Contact>('PATCH', `/api/contacts/${contactId}`, {
      cookie: as.cookie,
      ifMatch: current.version,
      body: { lifecycleStage },
    }),
  );
};

export const contactIdByEmail = async (t: TestApp, email: string): Promise<string> => {
  const row = await t.ctx.db
    .selectFrom('contacts')
    .select('id')
    .where('email', '=', email.toLowerCase())
    .executeTakeFirst();
  if (!row) throw new Error(`no contact ${email}`);
  return row.id;
};

/** The contact's latest handoff. */
export const handoffOf = async (t: TestApp, contactId: string): Promise<string> => {
  const row = await t.ctx.db
    .selectFrom('handoffs')
    .select('id')
    .where('contact_id', '=', contactId)
    .orderBy('qualified_at', 'desc')
    .executeTakeFirst();
  if (!row) throw new Error(`no handoff of ${contactId}`);
  return row.id;
};

/** Sales answers a handoff: accept, reject, first-touch or convert. */
export const answer = async (
  t: TestApp,
  as: Session,
  handoffId: string,
  action: 'accept' | 'reject' | 'first-touch' | 'convert',
  body?: Record<string, unknown>,
): Promise<Handoff> =>
  ok(
    await t.request<Handoff>('POST', `/api/handoffs/${handoffId}/${action}`, {
      cookie: as.cookie,
      ...(body !== undefined && { body }),
    }),
  );

export const createDeal = async (t: TestApp, as: Session, body: Record<string, unknown>): Promise<string> =>
  ok(await t.request<Deal>('POST', '/api/deals', { cookie: as.cookie, body }), 201).id;

export const closeDeal = async (t: TestApp, as: Session, id: string, outcome: 'won' | 'lost'): Promise<void> => {
  ok(
    await t.request<Deal>('POST', `/api/deals/${id}/close`, { cookie: as.cookie, body: { outcome, reason: 'price' } }),
  );
};

export const postGoal = (t: TestApp, as: Session, body: Record<string, unknown>): Promise<Res<Goal>> =>
  t.request<Goal>('POST', '/api/goals', { cookie: as.cookie, body });

export const progressOf = async (t: TestApp, as: Session, goalId: string): Promise<GoalProgressResult> =>
  ok(await t.get<GoalProgressResult>(`/api/goals/${goalId}/progress`, as));

/** The series as [date, actual, expected] rows, easier to read against a hand-written table. */
export const rowsOfSeries = (p: GoalProgressResult): [string, number | null, number][] =>
  p.series.map((s) => [s.date, s.actual, s.expected]);
