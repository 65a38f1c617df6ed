import {
  type ActionItem,
  type AgendaItem,
  type AgendaTemplate,
  type Decision,
  type OccurrenceDetail,
  renderMarkdown,
} from '@nenner/shared';
import type { AppContext } from '../../context.js';
import type { Db } from '../../db/db.js';
import type { MeetingAgendaItemsTable } from '../../db/schema.js';
import { now } from '../../lib/clock.js';
import { type ActionItemTask, listActionItemTasks } from '../tasks/tasks.service.js';
import { type AgendaDraft, generateAgenda, windowOf } from './agenda.service.js';
import { listAgendaItemRows, listDecisionRows, listRatingRows } from './meetings.repository.js';
import { type LoadedOccurrence, presentOccurrence, statusOf } from './occurrence.load.js';

/*
 * How an occurrence is shown: its agenda (stored once refreshed or edited, frozen at the start; until
 * then generated on every read and not stored), decisions, action items and ratings.
 */

export const presentItemRow = (r: MeetingAgendaItemsTable): AgendaItem => ({
  id: r.id,
  section: r.section,
  kind: r.kind,
  title: r.title,
  refs: JSON.parse(r.refs) as AgendaItem['refs'],
  ...(r.figures !== null && { figures: JSON.parse(r.figures) as Record<string, number> }),
  ...(r.details !== null && { details: JSON.parse(r.details) as Record<string, string | null> }),
  generated: r.generated === 1,
  presenterId: r.presenter_id,
  position: r.position,
  dropped: r.dropped === 1,
  notes: r.notes,
  notesHtml: r.notes === null ? null : renderMarkdown(r.notes),
});

const presentDraft = (d: AgendaDraft, position: number): AgendaItem => ({
  id: d.id,
  section: d.section,
  kind: d.kind,
  title: d.title,
  refs: d.refs,
  ...(d.figures && { figures: d.figures }),
  ...(d.details && { details: d.details }),
  generated: true,
  presenterId: d.presenterId ?? null,
  position,
  dropped: false,
  notes: null,
  notesHtml: null,
});

export const presentActionItem = (t: ActionItemTask): ActionItem => ({
  taskId: t.id,
  occurrenceId: t.occurrenceId,
  title: t.title,
  owner: t.owner,
  dueAt: t.dueAt,
  status: t.status,
  completedAt: t.completedAt,
  refs: t.entityType && t.entityId ? [{ type: t.entityType, id: t.entityId }] : [],
});

export const presentDecisions = async (db: Db, occurrenceId: string): Promise<Decision[]> =>
  (await listDecisionRows(db, occurrenceId)).map((d) => ({
    id: d.id,
    occurrenceId: d.occurrence_id,
    text: d.text,
    refs: JSON.parse(d.refs) as Decision['refs'],
    createdBy: { id: d.created_by, name: d.creator_name, department: d.creator_department },
    createdAt: d.created_at,
  }));

/**
 * The occurrence with everything about it. Reads only through `db`; a planned occurrence without a
 * stored agenda has it generated here, which reads through the app's services (so call this outside a
 * transaction then).
 */
export const occurrenceDetail = async (
  ctx: AppContext,
  db: Db,
  loaded: LoadedOccurrence,
): Promise<OccurrenceDetail> => {
  const { row, occurrence, own } = loaded;
  const status = statusOf(occurrence, own);
  const template = JSON.parse(row.agenda_template) as AgendaTemplate;
  let agenda: AgendaItem[] = [];
  let window: { from: string; to: string } | null = null;
  if (own?.agenda_generated_at) {
    agenda = (await listAgendaItemRows(db, own.id)).map(presentItemRow);
    window = windowOf(loaded, Date.parse(own.agenda_generated_at));
  } else if (status === 'planned') {
    const generated = await generateAgenda(ctx, loaded, now());
    agenda = generated.items.map(presentDraft);
    window = generated.window;
  }
  const [decisions, tasks, ratings] = own
    ? await Promise.all([
        presentDecisions(db, own.id),
        listActionItemTasks(db, { occurrenceId: own.id }),
        listRatingRows(db, own.id),
      ])
    : [[], [], []];
  return {
    ...presentOccurrence(occurrence, own, row.version),
    title: row.title,
    timeZone: row.time_zone,
    location: row.location,
    sections: template,
    windowFrom: window?.from ?? null,
    windowTo: window?.to ?? null,
    generatedAt: own?.agenda_generated_at ?? null,
    frozen: own?.started_at != null,
    agenda,
    decisions,
    actionItems: tasks.map(presentActionItem),
    ratings: ratings.map((r) => ({ userId: r.user_id, rating: r.rating })),
    averageRating:
      ratings.length === 0 ? null : Math.round((10 * ratings.reduce((s, r) => s + r.rating, 0)) / ratings.length) / 10,
    startedAt: own?.started_at ?? null,
    closedAt: own?.closed_at ?? null,
  };
};
