import type {
  PolicyActor,
  Project,
  ProjectDepartment,
  ProjectListItem,
  ProjectMissing,
  ProjectStage,
  TimelineEntry,
} from '@nenner/shared';

/*
 * The plan of a joint project in words: what is still open before it may leave planning, why an advance
 * was refused, and when the sign-offs were last reset. Always per department, never per person: the
 * screens say what the plan needs, not who is holding it up.
 */

/** The stages whose plan is still being written: requirements change and sign-offs are given here. */
export const planStages: readonly ProjectStage[] = ['idea', 'planning'];
export const isPlanOpen = (stage: ProjectStage): boolean => planStages.includes(stage);
export const isClosed = (stage: ProjectStage): boolean => stage === 'done' || stage === 'cancelled';

/** One thing the plan still needs: a requirement or a sign-off of a department. */
export interface MissingItem {
  kind: 'requirement' | 'signoff';
  department: ProjectDepartment;
}

/** What is still open, requirements first (a sign-off on a plan without them means little), marketing before sales. */
export const missingItems = (missing: ProjectMissing): MissingItem[] => [
  ...missing.requirements.map((department) => ({ kind: 'requirement' as const, department })),
  ...missing.signoffs.map((department) => ({ kind: 'signoff' as const, department })),
];

/** What a board card and the project page say is open: only while the plan is written. */
export const openItemsOf = (p: Pick<ProjectListItem, 'stage' | 'missing'>): MissingItem[] =>
  isPlanOpen(p.stage) ? missingItems(p.missing) : [];

type Translate = (key: string, options?: Record<string, unknown>) => string;

/** „Freigabe Vertrieb“, „Anforderung Marketing“. */
export const missingItemLabel = (t: Translate, item: MissingItem): string =>
  t(`projects.missing.${item.kind}`, { department: t(`department.${item.department}`) });

/** The items joined as the language lists things: „A, B und C“ / “A, B and C”. */
export const joinList = (items: readonly string[], lng: string): string =>
  new Intl.ListFormat(lng.startsWith('de') ? 'de' : 'en', { style: 'long', type: 'conjunction' }).format(items);

/** „Noch offen: Anforderung Vertrieb und Freigabe Marketing“, or '' when nothing is. */
export const missingText = (t: Translate, items: readonly MissingItem[], lng: string): string =>
  items.length === 0
    ? ''
    : t('projects.missing.open', {
        items: joinList(
          items.map((i) => missingItemLabel(t, i)),
          lng,
        ),
      });

/** Why an advance was refused, read from the error's code and the project as it is now. */
export type AdvanceRefusal =
  | { kind: 'missing'; items: MissingItem[] }
  /** Refused for what was missing, but the project, read again, has it all now: try again. */
  | { kind: 'readyNow' }
  /** The stage moved on meanwhile (someone else advanced it), or the step is not allowed from here. */
  | { kind: 'transition' }
  | { kind: 'other' };

/**
 * The refusal of `POST …/advance` in words. The answer's `missing` is not kept by the web client, so the
 * items come from the project as read again after the refusal: the same rule, the latest state.
 */
export const advanceRefusal = (code: string, missing: ProjectMissing): AdvanceRefusal => {
  if (code === 'requirements_missing' || code === 'signoff_missing') {
    const items = missingItems(missing);
    return items.length > 0 ? { kind: 'missing', items } : { kind: 'readyNow' };
  }
  if (code === 'invalid_transition') return { kind: 'transition' };
  return { kind: 'other' };
};

/** The forward stage a project may go to next (the button), if any; `cancelled` is offered apart. */
export const forwardStage = (p: Pick<ProjectListItem, 'nextStages'>): ProjectStage | null =>
  p.nextStages.find((s) => s !== 'cancelled') ?? null;

/**
 * The department a person signs off for: their own when it is marketing or sales, else the host department
 * of a job rotation they are in today. Admin status never adds one (as the server rules).
 */
export const signoffDepartmentOf = (me: PolicyActor): ProjectDepartment | null => {
  for (const d of [me.department, me.hostDepartment ?? null]) {
    if (d === 'marketing' || d === 'sales') return d;
  }
  return null;
};

/** The sign-off of this person, if they gave one. */
export const mySignoff = (p: Pick<Project, 'signoffs'>, userId: string) => p.signoffs.find((s) => s.user.id === userId);

/** A reset of the sign-offs that still stands: when, by whom, and whose sign-offs it cleared. */
export interface SignoffReset {
  at: string;
  by: string | null;
  /** The names of those whose sign-off was reset. */
  names: string[];
}

const resetNames = (entry: TimelineEntry): string[] => {
  const change = entry.changes?.find((c) => c.field === 'signoffs');
  if (!Array.isArray(change?.from)) return [];
  return change.from
    .map((s) => (s && typeof s === 'object' && 'name' in s ? String((s as { name: unknown }).name) : ''))
    .filter((n) => n !== '');
};

/**
 * The last reset of the sign-offs from the project's audit entries (newest first), unless someone has
 * signed off since: then the plan is being agreed again and the notice would be old news.
 */
export const lastSignoffReset = (entries: readonly TimelineEntry[]): SignoffReset | null => {
  for (const e of entries) {
    if (e.kind !== 'audit') continue;
    if (e.action === 'signed_off') return null;
    if (e.action === 'signoffs_reset') return { at: e.createdAt, by: e.actor?.name ?? null, names: resetNames(e) };
  }
  return null;
};
