import type { AgendaTemplate } from '@nenner/shared';
import type { Db } from '../../db/db.js';
import type { MeetingAgendaItemsTable, MeetingOccurrencesTable } from '../../db/schema.js';
import { AppError } from '../../http/errors.js';
import type { AgendaDraft } from './agenda.service.js';
import {
  deleteAgendaItemRows,
  findOccurrenceRow,
  insertAgendaItems,
  insertOccurrence,
  listAgendaItemRows,
  updateAgendaItemRow,
  updateOccurrenceRow,
} from './meetings.repository.js';
import type { LoadedOccurrence } from './occurrence.load.js';

/*
 * Writing an occurrence's agenda: the occurrence gets its row when the first thing about it is stored,
 * and a (re)generated agenda is merged into the stored one — items that are still generated keep their
 * place, presenter, notes and drop; new ones join the end of their section; ones no longer generated
 * leave unless someone wrote notes on them.
 */

/** The occurrence's row, inserted (planned, where it is now) if it has none yet. */
export const ensureOccurrenceRow = async (db: Db, loaded: LoadedOccurrence, at: string) => {
  if (loaded.own) return loaded.own;
  const row: MeetingOccurrencesTable = {
    id: loaded.occurrence.id,
    series_id: loaded.row.id,
    original_start: loaded.occurrence.originalStartsAt,
    starts_at: loaded.occurrence.startsAt,
    status: 'planned',
    version: 1,
    created_at: at,
    updated_at: at,
    agenda_generated_at: null,
    started_at: null,
    closed_at: null,
    agenda_snapshot: null,
    minutes: null,
  };
  await insertOccurrence(db, row);
  return row;
};

/** Updates the occurrence's row if it is still at `version`; else someone else changed it first. */
export const updateOccurrenceAt = async (
  db: Db,
  own: MeetingOccurrencesTable,
  set: Partial<MeetingOccurrencesTable>,
): Promise<MeetingOccurrencesTable> => {
  const result = await updateOccurrenceRow(db, own.id, own.version, set);
  if (Number(result.numUpdatedRows) === 0) throw new AppError('version_conflict');
  const after = await findOccurrenceRow(db, own.id);
  if (!after) throw new AppError('occurrence_not_found');
  return after;
};

/** Where a section sorts: by the template, own topics after every generated section. */
const rankOf = (template: AgendaTemplate, section: string) => {
  const i = template.findIndex((s) => s.section === section);
  return i === -1 ? template.length : i;
};

/** Places `id` in `order` at the end of its section (or before the first later section). */
export const placeInSection = (
  order: { id: string; section: string }[],
  item: { id: string; section: string },
  template: AgendaTemplate,
): void => {
  let last = -1;
  for (let i = 0; i < order.length; i++) if (order[i]?.section === item.section) last = i;
  if (last >= 0) {
    order.splice(last + 1, 0, item);
    return;
  }
  const rank = rankOf(template, item.section);
  const later = order.findIndex((o) => rankOf(template, o.section) > rank);
  if (later === -1) order.push(item);
  else order.splice(later, 0, item);
};

/** Writes positions 0…n-1 in the given order where they differ from the stored ones. */
export const renumber = async (
  db: Db,
  occurrenceId: string,
  order: { id: string }[],
  stored: Map<string, number>,
): Promise<void> => {
  for (const [i, o] of order.entries()) {
    if (stored.get(o.id) !== i) await updateAgendaItemRow(db, occurrenceId, o.id, { position: i });
  }
};

/** Merges a generated agenda into the stored one and stamps the occurrence's generation time. */
export const storeAgenda = async (
  db: Db,
  own: MeetingOccurrencesTable,
  template: AgendaTemplate,
  drafts: AgendaDraft[],
  generatedAt: string,
  actorId: string | null,
): Promise<MeetingOccurrencesTable> => {
  const existing = await listAgendaItemRows(db, own.id);
  const byId = new Map(existing.map((r) => [r.id, r]));
  const generatedNow = new Set(drafts.map((d) => d.id));
  const gone = existing.filter((r) => r.generated === 1 && !generatedNow.has(r.id) && r.notes === null);
  await deleteAgendaItemRows(
    db,
    own.id,
    gone.map((r) => r.id),
  );
  const goneIds = new Set(gone.map((r) => r.id));
  const order = existing.filter((r) => !goneIds.has(r.id)).map((r) => ({ id: r.id, section: r.section }));
  const inserts: MeetingAgendaItemsTable[] = [];
  for (const d of drafts) {
    const content = {
      section: d.section,
      kind: d.kind,
      title: d.title,
      refs: JSON.stringify(d.refs),
      figures: d.figures ? JSON.stringify(d.figures) : null,
      details: d.details ? JSON.stringify(d.details) : null,
    };
    const stored = byId.get(d.id);
    if (stored) {
      await updateAgendaItemRow(db, own.id, d.id, { ...content, updated_at: generatedAt });
      continue;
    }
    placeInSection(order, d, template);
    inserts.push({
      occurrence_id: own.id,
      id: d.id,
      ...content,
      generated: 1,
      position: -1,
      dropped: 0,
      presenter_id: d.presenterId ?? null,
      notes: null,
      created_by: actorId,
      created_at: generatedAt,
      updated_at: generatedAt,
    });
  }
  const positions = new Map(order.map((o, i) => [o.id, i]));
  await insertAgendaItems(
    db,
    inserts.map((r) => ({ ...r, position: positions.get(r.id) ?? 0 })),
  );
  const stored = new Map(existing.map((r) => [r.id, r.position]));
  for (const r of inserts) stored.set(r.id, positions.get(r.id) ?? 0);
  await renumber(db, own.id, order, stored);
  return updateOccurrenceAt(db, own, { agenda_generated_at: generatedAt, updated_at: generatedAt });
};
