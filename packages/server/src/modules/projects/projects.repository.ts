import { sql } from 'kysely';
import type { Db } from '../../db/db.js';
import type {
  PilotFeedbackTable,
  ProjectPilotsTable,
  ProjectRequirementsTable,
  ProjectSignoffsTable,
  ProjectsTable,
} from '../../db/schema.js';
import { decodeCursor } from '../../lib/cursor.js';

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '');

// ——— Projects ——————————————————————————————————————————————————————————————————————————————————

const selectProjects = (db: Db) =>
  db
    .selectFrom('projects as p')
    .leftJoin('teams as t', 't.id', 'p.team_id')
    .leftJoin('users as ml', 'ml.id', 'p.marketing_lead_id')
    .leftJoin('users as sl', 'sl.id', 'p.sales_lead_id')
    .leftJoin('users as cb', 'cb.id', 'p.created_by')
    .selectAll('p')
    .select([
      't.name as team_name',
      'ml.name as marketing_lead_name',
      'ml.department as marketing_lead_department',
      'sl.name as sales_lead_name',
      'sl.department as sales_lead_department',
      'cb.name as creator_name',
      'cb.department as creator_department',
    ])
    .where('p.deleted_at', 'is', null);

export type ProjectRow = Awaited<ReturnType<ReturnType<typeof selectProjects>['executeTakeFirstOrThrow']>>;

/** A live project with its team's, leads' and creator's names. */
export const findProjectRow = (db: Db, id: string) => selectProjects(db).where('p.id', '=', id).executeTakeFirst();

export interface ProjectFilter {
  stage?: string;
  teamId?: string;
  leadId?: string;
  accountId?: string;
  q?: string;
  limit: number;
  cursor?: string;
}

/** Live projects, most recently changed first, keyset on (updated_at desc, id desc). */
export const listProjectRows = (db: Db, f: ProjectFilter) => {
  let q = selectProjects(db);
  if (f.stage) q = q.where('p.stage', '=', f.stage);
  if (f.teamId) q = q.where('p.team_id', '=', f.teamId);
  if (f.leadId) {
    const leadId = f.leadId;
    q = q.where((eb) => eb.or([eb('p.marketing_lead_id', '=', leadId), eb('p.sales_lead_id', '=', leadId)]));
  }
  if (f.accountId) {
    const accountId = f.accountId;
    q = q.where((eb) =>
      eb.or([
        eb(
          'p.id',
          'in',
          eb
            .selectFrom('project_links')
            .select('project_id')
            .where('record_type', '=', 'account')
            .where('record_id', '=', accountId),
        ),
        eb('p.id', 'in', eb.selectFrom('project_pilots').select('project_id').where('account_id', '=', accountId)),
      ]),
    );
  }
  if (f.q) q = q.where(sql<boolean>`lower(p.name) like ${`%${escapeLike(f.q.trim().toLowerCase())}%`}`);
  if (f.cursor) {
    const [updatedAt, id] = decodeCursor(f.cursor, { sort: 'updated', timestamp: true });
    q = q.where((eb) =>
      eb.or([
        eb('p.updated_at', '<', String(updatedAt)),
        eb.and([eb('p.updated_at', '=', String(updatedAt)), eb('p.id', '<', id)]),
      ]),
    );
  }
  return q
    .orderBy('p.updated_at', 'desc')
    .orderBy('p.id', 'desc')
    .limit(f.limit + 1)
    .execute();
};

export const insertProject = (db: Db, row: ProjectsTable) => db.insertInto('projects').values(row).execute();

/** Updates a live project if it is still at `version`; bumps the version. */
export const updateProjectRow = (db: Db, id: string, version: number, set: Partial<ProjectsTable>) =>
  db
    .updateTable('projects')
    .set({ ...set, version: version + 1 })
    .where('id', '=', id)
    .where('version', '=', version)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

/** A change below the project (its plan, its pilots): a new version and updated_at, whatever the version was. */
export const touchProjectRow = (db: Db, id: string, at: string) =>
  db
    .updateTable('projects')
    .set((eb) => ({ version: eb('version', '+', 1), updated_at: at }))
    .where('id', '=', id)
    .execute();

// ——— Requirements and sign-offs ————————————————————————————————————————————————————————————————

export const findRequirementRows = (db: Db, projectIds: string[]) =>
  projectIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('project_requirements as r')
        .leftJoin('users as u', 'u.id', 'r.author_id')
        .selectAll('r')
        .select(['u.name as author_name', 'u.department as author_department'])
        .where('r.project_id', 'in', projectIds)
        .orderBy('r.created_at')
        .orderBy('r.id')
        .execute();

export type RequirementRow = Awaited<ReturnType<typeof findRequirementRows>>[number];

export const findRequirementRow = (db: Db, projectId: string, id: string) =>
  db
    .selectFrom('project_requirements')
    .selectAll()
    .where('project_id', '=', projectId)
    .where('id', '=', id)
    .executeTakeFirst();

export const insertRequirement = (db: Db, row: ProjectRequirementsTable) =>
  db.insertInto('project_requirements').values(row).execute();

export const updateRequirementRow = (db: Db, id: string, set: Partial<ProjectRequirementsTable>) =>
  db.updateTable('project_requirements').set(set).where('id', '=', id).execute();

export const deleteRequirementRow = (db: Db, id: string) =>
  db.deleteFrom('project_requirements').where('id', '=', id).execute();

/** Requirements per project and department, with how many are done (the list's counts). */
export const countRequirements = (db: Db, projectIds: string[]) =>
  projectIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('project_requirements')
        .select(['project_id', 'department'])
        .select((eb) => [eb.fn.countAll<number | string>().as('total'), eb.fn.sum<number | string>('done').as('done')])
        .where('project_id', 'in', projectIds)
        .groupBy(['project_id', 'department'])
        .execute();

export const findSignoffRows = (db: Db, projectIds: string[]) =>
  projectIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('project_signoffs as s')
        .innerJoin('users as u', 'u.id', 's.user_id')
        .select([
          's.project_id',
          's.user_id',
          's.department',
          's.created_at',
          'u.name',
          'u.department as user_department',
        ])
        .where('s.project_id', 'in', projectIds)
        .orderBy('s.created_at')
        .orderBy('s.user_id')
        .execute();

export type SignoffRow = Awaited<ReturnType<typeof findSignoffRows>>[number];

export const insertSignoff = (db: Db, row: ProjectSignoffsTable) =>
  db.insertInto('project_signoffs').values(row).execute();

export const deleteSignoff = (db: Db, projectId: string, userId: string) =>
  db.deleteFrom('project_signoffs').where('project_id', '=', projectId).where('user_id', '=', userId).execute();

export const deleteAllSignoffs = (db: Db, projectId: string) =>
  db.deleteFrom('project_signoffs').where('project_id', '=', projectId).execute();

// ——— Links ——————————————————————————————————————————————————————————————————————————————————————

export type LinkType = 'campaign' | 'goal' | 'deal' | 'account';

/** The links of these projects with the linked records' names; links to records gone or in the trash are left out. */
export const findLinkRows = (db: Db, projectIds: string[]) =>
  projectIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('project_links as l')
        .leftJoin('campaigns as c', (j) =>
          j.onRef('c.id', '=', 'l.record_id').on('l.record_type', '=', 'campaign').on('c.deleted_at', 'is', null),
        )
        .leftJoin('goals as g', (j) => j.onRef('g.id', '=', 'l.record_id').on('l.record_type', '=', 'goal'))
        .leftJoin('deals as d', (j) =>
          j.onRef('d.id', '=', 'l.record_id').on('l.record_type', '=', 'deal').on('d.deleted_at', 'is', null),
        )
        .leftJoin('accounts as a', (j) =>
          j.onRef('a.id', '=', 'l.record_id').on('l.record_type', '=', 'account').on('a.deleted_at', 'is', null),
        )
        .select(['l.project_id', 'l.record_type', 'l.record_id'])
        .select((eb) => eb.fn.coalesce('c.name', 'g.name', 'd.name', 'a.name').as('name'))
        .where('l.project_id', 'in', projectIds)
        .orderBy('l.record_type')
        .orderBy('name')
        .orderBy('l.record_id')
        .execute();

/** The ids among `ids` that name a live record of the type. */
export const findLiveRecordIds = async (db: Db, type: LinkType, ids: string[]): Promise<Set<string>> => {
  if (ids.length === 0) return new Set();
  const rows =
    type === 'goal'
      ? await db.selectFrom('goals').select('id').where('id', 'in', ids).execute()
      : await db
          .selectFrom(type === 'campaign' ? 'campaigns' : type === 'deal' ? 'deals' : 'accounts')
          .select('id')
          .where('id', 'in', ids)
          .where('deleted_at', 'is', null)
          .execute();
  return new Set(rows.map((r) => r.id));
};

export const replaceLinks = async (db: Db, projectId: string, type: LinkType, ids: string[]): Promise<void> => {
  await db.deleteFrom('project_links').where('project_id', '=', projectId).where('record_type', '=', type).execute();
  if (ids.length > 0) {
    await db
      .insertInto('project_links')
      .values(ids.map((record_id) => ({ project_id: projectId, record_type: type, record_id })))
      .execute();
  }
};

// ——— Pilots ————————————————————————————————————————————————————————————————————————————————————

const selectPilots = (db: Db) =>
  db
    .selectFrom('project_pilots as pp')
    .innerJoin('accounts as a', 'a.id', 'pp.account_id')
    .leftJoin('users as o', 'o.id', 'a.owner_id')
    .leftJoin('users as pb', 'pb.id', 'pp.proposed_by')
    .leftJoin('users as db', 'db.id', 'pp.decided_by')
    .selectAll('pp')
    .select([
      'a.name as account_name',
      'a.owner_id as account_owner_id',
      'o.name as owner_name',
      'o.department as owner_department',
      'pb.name as proposer_name',
      'pb.department as proposer_department',
      'db.name as decider_name',
      'db.department as decider_department',
    ]);

export type PilotRow = Awaited<ReturnType<ReturnType<typeof selectPilots>['executeTakeFirstOrThrow']>>;

/** A project's pilots, oldest first. */
export const findPilotRows = (db: Db, projectId: string) =>
  selectPilots(db).where('pp.project_id', '=', projectId).orderBy('pp.created_at').orderBy('pp.id').execute();

export const findPilotRow = (db: Db, projectId: string, id: string) =>
  selectPilots(db).where('pp.project_id', '=', projectId).where('pp.id', '=', id).executeTakeFirst();

/** A pilot of the project at the account that is proposed or active (an account is nominated once at a time). */
export const findOpenPilotAt = (db: Db, projectId: string, accountId: string) =>
  db
    .selectFrom('project_pilots')
    .select('id')
    .where('project_id', '=', projectId)
    .where('account_id', '=', accountId)
    .where('status', 'in', ['proposed', 'active'])
    .executeTakeFirst();

export const insertPilot = (db: Db, row: ProjectPilotsTable) => db.insertInto('project_pilots').values(row).execute();

export const updatePilotRow = (db: Db, id: string, set: Partial<ProjectPilotsTable>) =>
  db.updateTable('project_pilots').set(set).where('id', '=', id).execute();

/** The project's pilots in these statuses (when a project closes, its running pilots close with it). */
export const findPilotIdsByStatus = async (db: Db, projectId: string, statuses: string[]) =>
  (
    await db
      .selectFrom('project_pilots')
      .select(['id', 'status'])
      .where('project_id', '=', projectId)
      .where('status', 'in', statuses)
      .execute()
  ).map((r) => ({ id: r.id, status: r.status }));

/** Pilots per project and status (the list's counts). */
export const countPilots = (db: Db, projectIds: string[]) =>
  projectIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('project_pilots')
        .select(['project_id', 'status'])
        .select((eb) => eb.fn.countAll<number | string>().as('n'))
        .where('project_id', 'in', projectIds)
        .groupBy(['project_id', 'status'])
        .execute();

export const findFeedbackRows = (db: Db, pilotIds: string[]) =>
  pilotIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('pilot_feedback as f')
        .leftJoin('users as u', 'u.id', 'f.author_id')
        .selectAll('f')
        .select(['u.name as author_name', 'u.department as author_department'])
        .where('f.pilot_id', 'in', pilotIds)
        .orderBy('f.created_at')
        .orderBy('f.id')
        .execute();

export type FeedbackRow = Awaited<ReturnType<typeof findFeedbackRows>>[number];

export const insertFeedback = (db: Db, row: PilotFeedbackTable) =>
  db.insertInto('pilot_feedback').values(row).execute();

/** A live account's name and owner. */
export const findAccountRef = (db: Db, id: string) =>
  db
    .selectFrom('accounts')
    .select(['id', 'name', 'owner_id'])
    .where('id', '=', id)
    .where('deleted_at', 'is', null)
    .executeTakeFirst();

/** The open deals of these accounts, summed per account and currency (minor units). */
export const sumOpenPipeline = (db: Db, accountIds: string[]) =>
  accountIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('deals')
        .select(['account_id', 'currency'])
        .select((eb) => [eb.fn.sum<number | string>('amount').as('amount'), eb.fn.countAll<number | string>().as('n')])
        .where('account_id', 'in', accountIds)
        .where('status', '=', 'open')
        .where('deleted_at', 'is', null)
        .groupBy(['account_id', 'currency'])
        .orderBy('account_id')
        .orderBy('currency')
        .execute();

/**
 * The pilots running on `today` at these accounts: active, in a live project in pilot or rollout, and
 * today inside the pilot's days where they are set. One query for a page of accounts.
 */
export const findRunningPilots = (db: Db, accountIds: string[], today: string) =>
  accountIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('project_pilots as pp')
        .innerJoin('projects as p', 'p.id', 'pp.project_id')
        .select(['pp.account_id', 'p.id as project_id', 'p.name as project_name', 'pp.created_at'])
        .where('pp.account_id', 'in', accountIds)
        .where('pp.status', '=', 'active')
        .where('p.deleted_at', 'is', null)
        .where('p.stage', 'in', ['pilot', 'rollout'])
        .where((eb) => eb.or([eb('pp.starts_at', 'is', null), eb('pp.starts_at', '<=', today)]))
        .where((eb) => eb.or([eb('pp.ends_at', 'is', null), eb('pp.ends_at', '>=', today)]))
        .orderBy('pp.created_at')
        .orderBy('pp.id')
        .execute();

/** The accounts (with names) of these contacts. */
export const findContactAccounts = (db: Db, contactIds: string[]) =>
  contactIds.length === 0
    ? Promise.resolve([])
    : db
        .selectFrom('contacts as c')
        .innerJoin('accounts as a', 'a.id', 'c.account_id')
        .select(['c.id as contact_id', 'a.id as account_id', 'a.name as account_name'])
        .where('c.id', 'in', contactIds)
        .where('a.deleted_at', 'is', null)
        .execute();
