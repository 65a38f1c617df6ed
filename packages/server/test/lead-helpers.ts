import type { Contact, Form, TimelineEntry } from '@nenner/shared';
import { expect } from 'vitest';
import type { Res, Session, TestApp } from './harness.js';

/** Helpers the lead tests share: forms, public posts, and reading what a post wrote. */

export const STANDARD_FIELDS = [
  { key: 'email', required: true },
  { key: 'firstName' },
  { key: 'lastName' },
  { key: 'company' },
] as const;

export const createForm = async (t: TestApp, as: Session, input: Record<string, unknown>): Promise<Form> => {
  const res = await t.request<Form>('POST', '/api/forms', {
    cookie: as.cookie,
    body: { fields: STANDARD_FIELDS, ...input },
  });
  if (res.status !== 201) throw new Error(`create form → ${res.status} ${res.text}`);
  return res.body;
};

/** A browser form post (application/x-www-form-urlencoded). */
export const postForm = (
  t: TestApp,
  slug: string,
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): Promise<Res<string>> =>
  t.request<string>('POST', `/f/${slug}`, {
    raw: new URLSearchParams(fields).toString(),
    contentType: 'application/x-www-form-urlencoded',
    headers,
  });

/** A JSON post to a public form. */
export const postJson = <T = { status: string; message: string; duplicate?: boolean }>(
  t: TestApp,
  slug: string,
  body: unknown,
): Promise<Res<T>> => t.request<T>('POST', `/f/${slug}`, { body });

export const rowsOf = async (t: TestApp, table: string): Promise<Record<string, unknown>[]> =>
  ((await t.snapshot())[table] ?? []) as Record<string, unknown>[];

/** The contact (through the API) whose primary email is `email` (stored lower-case or as typed). */
export const contactByEmail = async (t: TestApp, as: Session, email: string): Promise<Contact | undefined> => {
  const rows = (await rowsOf(t, 'contacts')).filter(
    (c) => String(c.email ?? '').toLowerCase() === email.toLowerCase() && c.deleted_at === null,
  );
  expect(rows.length).toBeLessThanOrEqual(1);
  const row = rows[0];
  if (!row) return undefined;
  const res = await t.get<Contact>(`/api/contacts/${String(row.id)}`, as);
  expect(res.status).toBe(200);
  return res.body;
};

export const timelineOf = async (t: TestApp, as: Session, contactId: string, kind?: string) => {
  const res = await t.get<{ items: TimelineEntry[] }>(
    `/api/contacts/${contactId}/timeline${kind ? `?kind=${kind}` : ''}`,
    as,
  );
  expect(res.status).toBe(200);
  return res.body.items;
};

/** Scoring that makes a form post alone not enough (20 < 30), a form post plus a leading title enough. */
export const TEST_SCORING = {
  mqlThreshold: 30,
  fit: [{ id: 'title-lead', field: 'jobTitle', operator: 'contains', value: ['leiter', 'head'], points: 20 }],
  engagement: [{ id: 'form', touchpointType: 'form_submission', points: 20, halfLifeDays: 30 }],
};

export const setScoring = async (t: TestApp, as: Session, value: unknown = TEST_SCORING) => {
  const res = await t.request('PUT', '/api/settings/scoring', { cookie: as.cookie, body: value });
  if (res.status !== 200) throw new Error(`scoring → ${res.status} ${res.text}`);
};
