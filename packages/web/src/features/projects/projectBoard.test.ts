import type { ProjectListItem, ProjectStage } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import { boardQuery, emptyBoardFilter, groupByStage, leadChoices, matchesBoardFilter } from './projectBoard';

const lena = { id: 'u-lena', name: 'Lena Vogt', department: 'marketing' };
const jonas = { id: 'u-jonas', name: 'Jonas Keller', department: 'sales' };
const markus = { id: 'u-markus', name: 'Markus Wolf', department: 'sales' };

const project = (id: string, stage: ProjectStage, over: Partial<ProjectListItem> = {}) =>
  ({ id, stage, team: null, marketingLead: null, salesLead: null, ...over }) as ProjectListItem;

describe('the board by stage', () => {
  it('has a column for every stage from idea to done, in order, empty ones included', () => {
    const { columns, cancelled } = groupByStage([]);
    expect(columns.map((c) => c.stage)).toEqual(['idea', 'planning', 'pilot', 'rollout', 'done']);
    expect(columns.every((c) => c.projects.length === 0)).toBe(true);
    expect(cancelled).toEqual([]);
  });

  it('puts each project in its stage, keeps the order it came in (latest change first), and folds cancelled away', () => {
    const rows = [
      project('a', 'pilot'),
      project('b', 'idea'),
      project('c', 'cancelled'),
      project('d', 'pilot'),
      project('e', 'done'),
      project('f', 'cancelled'),
    ];
    const { columns, cancelled } = groupByStage(rows);
    expect(Object.fromEntries(columns.map((c) => [c.stage, c.projects.map((p) => p.id)]))).toEqual({
      idea: ['b'],
      planning: [],
      pilot: ['a', 'd'],
      rollout: [],
      done: ['e'],
    });
    expect(cancelled.map((p) => p.id)).toEqual(['c', 'f']);
  });
});

describe('the board filters', () => {
  it.each([
    { name: 'nothing set', filter: emptyBoardFilter, query: {} },
    { name: 'a team', filter: { teamId: 't1', leadId: '' }, query: { teamId: 't1' } },
    { name: 'a lead', filter: { teamId: '', leadId: 'u-jonas' }, query: { leadId: 'u-jonas' } },
    { name: 'both', filter: { teamId: 't1', leadId: 'u-lena' }, query: { teamId: 't1', leadId: 'u-lena' } },
  ])('ask the server only for what is set: $name', ({ filter, query }) => {
    expect(boardQuery(filter)).toEqual(query);
  });

  const inTeam = project('p1', 'planning', { team: { id: 't1', name: 'Süd' }, marketingLead: lena, salesLead: jonas });
  const noTeam = project('p2', 'idea', { marketingLead: lena, salesLead: null });
  it.each([
    { name: 'no filter shows all', filter: emptyBoardFilter, p: noTeam, shown: true },
    { name: 'the team matches', filter: { teamId: 't1', leadId: '' }, p: inTeam, shown: true },
    {
      name: 'a project without a team is not in a team',
      filter: { teamId: 't1', leadId: '' },
      p: noTeam,
      shown: false,
    },
    { name: 'the marketing lead leads it', filter: { teamId: '', leadId: 'u-lena' }, p: noTeam, shown: true },
    { name: 'the sales lead leads it', filter: { teamId: '', leadId: 'u-jonas' }, p: inTeam, shown: true },
    { name: 'the lead leads another project', filter: { teamId: '', leadId: 'u-jonas' }, p: noTeam, shown: false },
    { name: 'team and lead must both match', filter: { teamId: 't1', leadId: 'u-markus' }, p: inTeam, shown: false },
  ])('match what is loaded as the server does: $name', ({ filter, p, shown }) => {
    expect(matchesBoardFilter(p, filter)).toBe(shown);
  });

  it('offer the active people of marketing and sales by department, by name, and keep an inactive pick', () => {
    const users = [
      { ...markus, active: true },
      { ...jonas, active: true },
      { ...lena, active: true },
      { id: 'u-petra', name: 'Petra Huber', department: 'sales', active: false },
      { id: 'u-sabine', name: 'Sabine Brandt', department: 'management', active: true },
    ];
    expect(leadChoices(users, '')).toEqual([
      { department: 'marketing', users: [{ id: 'u-lena', name: 'Lena Vogt' }] },
      {
        department: 'sales',
        users: [
          { id: 'u-jonas', name: 'Jonas Keller' },
          { id: 'u-markus', name: 'Markus Wolf' },
        ],
      },
    ]);
    expect(leadChoices(users, 'u-petra')[1]?.users.map((u) => u.name)).toEqual([
      'Jonas Keller',
      'Markus Wolf',
      'Petra Huber',
    ]);
  });
});
