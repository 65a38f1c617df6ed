import { type CreateRotationInput, hostDepartmentFor, inclusiveDays, rotationLimits } from '@nenner/shared';

/** What the "plan a rotation" form edits: goals and activities one per line. */
export type RotationDraft = {
  userId: string | null;
  startsOn: string;
  endsOn: string;
  mentorId: string | null;
  goalsText: string;
  activitiesText: string;
};

/** The non-empty lines of a text, trimmed. */
export const linesOf = (text: string): string[] =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '');

/** A new rotation for the current user; the dates are left for them to pick. */
export const emptyRotationDraft = (meId: string): RotationDraft => ({
  userId: meId,
  startsOn: '',
  endsOn: '',
  mentorId: null,
  goalsText: '',
  activitiesText: '',
});

/** The request body: the host is the other department than the person's (marketing ↔ sales). */
export const draftToCreateInput = (d: RotationDraft, personDepartment: string | undefined): CreateRotationInput => ({
  userId: d.userId ?? '',
  hostDepartment: (personDepartment && hostDepartmentFor(personDepartment)) || 'sales',
  startsOn: d.startsOn,
  endsOn: d.endsOn,
  mentorId: d.mentorId ?? '',
  goals: linesOf(d.goalsText),
  activities: linesOf(d.activitiesText),
});

export type RotationDraftIssue = 'required' | 'endBeforeStart' | 'tooLong' | 'tooMany' | 'lineTooLong' | 'noHost';

/** What the form says before anything is sent, by field; the words are the form's (rotations.errors.*). */
export const rotationDraftIssues = (
  d: RotationDraft,
  personDepartment: string | undefined,
): Partial<Record<keyof RotationDraft, RotationDraftIssue>> => {
  const issues: Partial<Record<keyof RotationDraft, RotationDraftIssue>> = {};
  if (!d.userId) issues.userId = 'required';
  else if (personDepartment && !hostDepartmentFor(personDepartment)) issues.userId = 'noHost';
  if (!d.mentorId) issues.mentorId = 'required';
  if (!d.startsOn) issues.startsOn = 'required';
  if (!d.endsOn) issues.endsOn = 'required';
  else if (d.startsOn && d.endsOn < d.startsOn) issues.endsOn = 'endBeforeStart';
  else if (d.startsOn && inclusiveDays(d.startsOn, d.endsOn) > rotationLimits.daysMax) issues.endsOn = 'tooLong';
  for (const key of ['goalsText', 'activitiesText'] as const) {
    const lines = linesOf(d[key]);
    if (lines.length > rotationLimits.itemsMax) issues[key] = 'tooMany';
    else if (lines.some((l) => l.length > rotationLimits.itemMax)) issues[key] = 'lineTooLong';
  }
  return issues;
};

/** What the server's `rotation_invalid` says at each field, as the form words it (rotations.errors.server.*). */
export const serverIssueKey = (path: string): string | null => {
  const field = path.split('.')[0] ?? '';
  return ['userId', 'hostDepartment', 'mentorId', 'startsOn', 'endsOn', 'date', 'goals', 'activities'].includes(field)
    ? field
    : null;
};
