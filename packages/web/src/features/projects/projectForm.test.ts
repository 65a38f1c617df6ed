import { CreateProjectInput, type Project, UpdateProjectInput } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import { diffDraft } from '../../components/form/useRecordForm';
import {
  changedLinks,
  draftToCreateInput,
  draftToUpdateInput,
  emptyProjectDraft,
  linksToIds,
  projectDraftIssues,
  projectToDraft,
} from './projectForm';

const lena = '6f1c1f9e-8a37-4d3f-9a55-2a8f8b1d7c10';
const jonas = '0b7e2a52-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const team = '1a2b3c4d-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const c1 = '11111111-1c3d-4e5f-8a9b-0c1d2e3f4a5b';
const c2 = '22222222-1c3d-4e5f-8a9b-0c1d2e3f4a5b';

describe('a new project', () => {
  it.each([
    { department: 'marketing' as const, marketingLeadId: lena, salesLeadId: null },
    { department: 'sales' as const, marketingLeadId: null, salesLeadId: lena },
    { department: 'management' as const, marketingLeadId: null, salesLeadId: null },
  ])('is led by its starter from $department for that department', ({ department, marketingLeadId, salesLeadId }) => {
    expect(emptyProjectDraft({ id: lena, department })).toEqual({
      name: '',
      goalStatement: '',
      teamId: null,
      marketingLeadId,
      salesLeadId,
      startInPlanning: false,
    });
  });

  it('sends every field trimmed, an empty goal as null, the stage it starts in; the shared schema accepts it', () => {
    const input = draftToCreateInput({
      ...emptyProjectDraft({ id: lena, department: 'marketing' }),
      name: '  Anwendertag 2027 ',
      goalStatement: ' ',
      teamId: team,
      salesLeadId: jonas,
    });
    expect(input).toEqual({
      name: 'Anwendertag 2027',
      goalStatement: null,
      teamId: team,
      marketingLeadId: lena,
      salesLeadId: jonas,
      stage: 'idea',
    });
    expect(CreateProjectInput.safeParse(input).success).toBe(true);
    const planning = draftToCreateInput({
      ...emptyProjectDraft({ id: lena, department: 'sales' }),
      name: 'X',
      startInPlanning: true,
    });
    expect(planning).toMatchObject({ stage: 'planning', marketingLeadId: null, salesLeadId: lena });
  });

  it('asks for a name in the user’s words, and the schema names the same field', () => {
    const draft = emptyProjectDraft({ id: lena, department: 'marketing' });
    expect(projectDraftIssues({ ...draft, name: '   ' })).toEqual({ name: 'nameRequired' });
    expect(projectDraftIssues({ ...draft, name: 'Pilot' })).toEqual({});
    const parsed = CreateProjectInput.safeParse(draftToCreateInput({ ...draft, name: '  ' }));
    expect(parsed.success).toBe(false);
    expect(parsed.error?.issues.map((i) => i.path.join('.'))).toEqual(['name']);
  });
});

const stored = {
  name: 'Anwendertag',
  goalStatement: 'Mehr Empfehlungen',
  team: { id: team, name: 'Süd' },
  marketingLead: { id: lena, name: 'Lena Vogt', department: 'marketing' },
  salesLead: null,
  stage: 'planning',
  links: {
    campaigns: [{ id: c1, name: 'Messe' }],
    goals: [],
    deals: [],
    accounts: [
      { id: c1, name: 'A' },
      { id: c2, name: 'B' },
    ],
  },
} as unknown as Project;

describe('editing a project', () => {
  it('starts from the project as it is', () => {
    expect(projectToDraft(stored)).toEqual({
      name: 'Anwendertag',
      goalStatement: 'Mehr Empfehlungen',
      teamId: team,
      marketingLeadId: lena,
      salesLeadId: null,
      startInPlanning: true,
    });
  });

  it('sends only what changed, never a stage; a cleared goal and team are null', () => {
    const base = projectToDraft(stored);
    const changes = diffDraft(base, {
      ...base,
      goalStatement: '',
      teamId: null,
      salesLeadId: jonas,
      startInPlanning: false,
    });
    const input = draftToUpdateInput(changes);
    expect(input).toEqual({ goalStatement: null, teamId: null, salesLeadId: jonas });
    expect(UpdateProjectInput.safeParse(input).success).toBe(true);
    expect(draftToUpdateInput(diffDraft(base, { ...base }))).toEqual({});
  });

  it('sends a link list only when its members changed, whatever their order', () => {
    const before = linksToIds(stored.links);
    expect(before).toEqual({ campaignIds: [c1], goalIds: [], dealIds: [], accountIds: [c1, c2] });
    expect(changedLinks(before, { ...before, accountIds: [c2, c1] })).toEqual({});
    expect(changedLinks(before, { ...before, accountIds: [c2], goalIds: [c1] })).toEqual({
      goalIds: [c1],
      accountIds: [c2],
    });
    expect(changedLinks(before, { ...before, campaignIds: [] })).toEqual({ campaignIds: [] });
  });
});
