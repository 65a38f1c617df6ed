import type { FieldChange, TimelineEntry } from '@nenner/shared';

/*
 * A project's audit entries in sentences: who moved it on, changed the plan, signed off or logged what a
 * pilot customer said. The server writes the facts (action and field changes); this says them.
 */

type Translate = (key: string, options?: Record<string, unknown>) => string;

export interface AuditNames {
  t: Translate;
  /** A user's name by id (a lead), or null when unknown. */
  userName: (id: string) => string | null;
  /** A team's name by id, or null when unknown. */
  teamName: (id: string) => string | null;
}

const obj = (v: unknown): Record<string, unknown> => (v && typeof v === 'object' ? (v as Record<string, unknown>) : {});
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

const department = (t: Translate, d: unknown) => t(`department.${str(d)}`, { defaultValue: str(d) });
const stageName = (t: Translate, s: unknown) => t(`projects.stage.${str(s)}`, { defaultValue: str(s) });

/** One change of an `updated` entry. */
const updatedLine = (change: FieldChange, actor: string, names: AuditNames): string => {
  const { t } = names;
  const field = t(`projects.audit.fields.${change.field}`, { defaultValue: change.field });
  switch (change.field) {
    case 'stage':
      return change.to === 'cancelled'
        ? t('projects.audit.cancelled', { actor })
        : t('projects.audit.stage', { actor, from: stageName(t, change.from), to: stageName(t, change.to) });
    case 'pilots':
      return t('projects.audit.pilotsClosed');
    case 'name':
      return t('projects.audit.renamed', { actor, name: str(change.to) });
    case 'teamId': {
      const team = change.to ? names.teamName(str(change.to)) : null;
      return t('projects.audit.changedTo', { actor, field, value: team ?? t('projects.noTeam') });
    }
    case 'marketingLeadId':
    case 'salesLeadId': {
      const lead = change.to ? names.userName(str(change.to)) : null;
      return t('projects.audit.changedTo', { actor, field, value: lead ?? t('projects.noLead') });
    }
    default:
      return t('projects.audit.changed', { actor, field });
  }
};

/** The sentences of one audit entry on a project (most have one; an edit has one per changed field). */
export const describeProjectAudit = (entry: TimelineEntry, names: AuditNames): string[] => {
  const { t } = names;
  const actor = entry.actor?.name ?? t('timeline.system');
  const changes = entry.changes ?? [];
  const first = changes[0];
  const to = obj(first?.to);
  const from = obj(first?.from);
  switch (entry.action) {
    case 'created':
    case 'deleted':
    case 'signoffs_reset':
      return [t(`projects.audit.${entry.action}`, { actor })];
    case 'updated':
      return changes.length > 0 ? changes.map((c) => updatedLine(c, actor, names)) : [t('timeline.updated', { actor })];
    case 'requirement_added':
      return [
        t('projects.audit.requirement_added', { actor, department: department(t, to.department), text: str(to.text) }),
      ];
    case 'requirement_updated': {
      const sameWords = str(from.text) === str(to.text) && from.department === to.department;
      if (sameWords && from.done !== to.done) {
        return [
          t(to.done ? 'projects.audit.requirement_done' : 'projects.audit.requirement_reopened', {
            actor,
            text: str(to.text),
          }),
        ];
      }
      return [
        t('projects.audit.requirement_updated', {
          actor,
          department: department(t, to.department),
          text: str(to.text),
        }),
      ];
    }
    case 'requirement_removed':
      return [
        t('projects.audit.requirement_removed', {
          actor,
          department: department(t, from.department),
          text: str(from.text),
        }),
      ];
    case 'signed_off':
      return [t('projects.audit.signed_off', { actor, department: department(t, to.department) })];
    case 'signoff_withdrawn':
      return [t('projects.audit.signoff_withdrawn', { actor, department: department(t, from.department) })];
    case 'pilot_nominated':
      return [
        t(to.status === 'proposed' ? 'projects.audit.pilot_proposed' : 'projects.audit.pilot_nominated', {
          actor,
          account: str(to.account),
        }),
      ];
    case 'pilot_confirmed':
    case 'pilot_declined':
    case 'pilot_updated':
    case 'pilot_ended':
      return [t(`projects.audit.${entry.action}`, { actor, account: str(to.account) || str(from.account) })];
    case 'pilot_feedback':
      return [t('projects.audit.pilot_feedback', { actor, account: str(to.account), rating: String(to.rating ?? '') })];
    default:
      return [t(`timeline.${entry.action ?? 'updated'}`, { actor, defaultValue: t('timeline.updated', { actor }) })];
  }
};
