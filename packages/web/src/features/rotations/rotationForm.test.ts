import { describe, expect, it } from 'vitest';
import {
  draftToCreateInput,
  emptyRotationDraft,
  linesOf,
  type RotationDraft,
  rotationDraftIssues,
  serverIssueKey,
} from './rotationForm';

const draft = (patch: Partial<RotationDraft> = {}): RotationDraft => ({
  ...emptyRotationDraft('u1'),
  startsOn: '2027-03-08',
  endsOn: '2027-03-19',
  mentorId: 'u2',
  ...patch,
});

describe('the rotation form', () => {
  it('sends goals and activities one per line, and the other department as host', () => {
    const input = draftToCreateInput(
      draft({ goalsText: ' Ein Erstgespräch führen \n\nDie Preisliste erklären', activitiesText: '5 Termine' }),
      'marketing',
    );
    expect(input).toEqual({
      userId: 'u1',
      hostDepartment: 'sales',
      startsOn: '2027-03-08',
      endsOn: '2027-03-19',
      mentorId: 'u2',
      goals: ['Ein Erstgespräch führen', 'Die Preisliste erklären'],
      activities: ['5 Termine'],
    });
    expect(draftToCreateInput(draft(), 'sales').hostDepartment).toBe('marketing');
  });

  it('names what is missing or wrong before anything is sent', () => {
    expect(rotationDraftIssues(draft(), 'marketing')).toEqual({});
    expect(rotationDraftIssues(emptyRotationDraft('u1'), 'marketing')).toEqual({
      mentorId: 'required',
      startsOn: 'required',
      endsOn: 'required',
    });
    expect(rotationDraftIssues(draft({ endsOn: '2027-03-07' }), 'marketing')).toEqual({ endsOn: 'endBeforeStart' });
    expect(rotationDraftIssues(draft({ endsOn: '2028-03-08' }), 'marketing')).toEqual({ endsOn: 'tooLong' });
    expect(rotationDraftIssues(draft(), 'management')).toEqual({ userId: 'noHost' });
    expect(rotationDraftIssues(draft({ userId: null }), undefined)).toEqual({ userId: 'required' });
    expect(rotationDraftIssues(draft({ goalsText: 'x\n'.repeat(21) }), 'sales')).toEqual({ goalsText: 'tooMany' });
    expect(rotationDraftIssues(draft({ activitiesText: 'x'.repeat(301) }), 'sales')).toEqual({
      activitiesText: 'lineTooLong',
    });
  });

  it('lines: trimmed, empty ones dropped', () => {
    expect(linesOf('  a \n\n b\r\n')).toEqual(['a', 'b']);
  });
});

describe('the server’s field errors in the form’s words', () => {
  it.each([
    ['startsOn', 'startsOn'],
    ['goals.2.id', 'goals'],
    ['date', 'date'],
    ['x', null],
  ])('%s → %s', (path, key) => {
    expect(serverIssueKey(path)).toBe(key);
  });
});
