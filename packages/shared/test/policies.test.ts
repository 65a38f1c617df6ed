import { describe, expect, it } from 'vitest';
import {
  can,
  type PolicyAction,
  type PolicyActor,
  type PolicyDepartment,
  type PolicyRecord,
  type PolicyRole,
  policyActions,
} from '../src/policies/policies.js';

/*
 * Who may do what, written out by hand for every action and every role in every department. A column is
 * one actor; `Y` allows, `-` refuses. Asked without a record, a rule answers whether the actor may do it
 * to some record of the kind (the gate the server applies before it reads a request).
 */

const departments: PolicyDepartment[] = ['marketing', 'sales', 'management'];
const roles: PolicyRole[] = ['admin', 'member', 'viewer'];
const actor = (department: PolicyDepartment, role: PolicyRole, id = `${department}-${role}`): PolicyActor => ({
  id,
  department,
  role,
});

//                            marketing   sales       management
//                            adm mem vw  adm mem vw  adm mem vw
// biome-ignore format: the columns line up with the header
const withoutRecord: [PolicyAction, string][] = [
  ['self.manage',            'YYY YYY YYY'],
  ['users.read',             'YYY YYY YYY'],
  ['users.manage',           'Y-- Y-- Y--'],
  ['users.lockouts',         'Y-- Y-- Y--'],
  ['users.security',         'Y-- Y-- Y--'],
  ['records.read',           'YYY YYY YYY'],
  ['records.write',          'YY- YY- YY-'],
  ['records.trash',          'Y-- Y-- Y--'],
  ['gdpr.admin',             'Y-- Y-- Y--'],
  ['timeline.read',          'YYY YYY YYY'],
  ['timeline.write',         'YY- YY- YY-'],
  ['forms.read',             'YYY YYY YYY'],
  ['forms.manage',           'YY- Y-- Y--'],
  ['leads.ingest',           'YY- YY- YY-'],
  ['imports.create',         'YY- YY- YY-'],
  ['imports.manage',         'YY- YY- YY-'],
  ['leads.read',             'YYY YYY YYY'],
  ['handoffs.read',          'YYY YYY YYY'],
  ['handoffs.answer',        'Y-- YY- Y--'],
  ['handoffs.recycle',       'YY- Y-- Y--'],
  ['handoffs.distribute',    'Y-- Y-- Y--'],
  ['settings.read',          'YYY YYY YYY'],
  ['settings.scoring',       'YY- Y-- Y--'],
  ['settings.routing',       'Y-- YY- Y--'],
  ['settings.forms',         'YY- Y-- Y--'],
  ['settings.admin',         'Y-- Y-- Y--'],
  ['webhooks.manage',        'Y-- Y-- Y--'],
  ['settings.sla.propose',   'YY- YY- Y--'],
  ['settings.sla.apply',     'Y-- Y-- Y--'],
  ['settings.sla.decide',    'YY- YY- YY-'],
  ['teams.read',             'YYY YYY YYY'],
  ['teams.write',            'YY- YY- YY-'],
  ['reports.read',           'YYY YYY YYY'],
  ['quality.read',           'YYY YYY YYY'],
  ['quality.write',          'YY- YY- YY-'],
  ['activities.read',        'YYY YYY YYY'],
  ['activities.write',       'YY- YY- YY-'],
  ['tasks.read',             'YYY YYY YYY'],
  ['tasks.write',            'YY- YY- YY-'],
  ['competitors.read',       'YYY YYY YYY'],
  ['competitors.edit',       'YY- Y-- Y--'],
  ['competitors.rate',       'Y-- YY- Y--'],
  ['competitors.intel',      'YY- YY- YY-'],
  ['pipelines.read',         'YYY YYY YYY'],
  ['pipelines.manage',       'Y-- Y-- Y--'],
  ['deals.read',             'YYY YYY YYY'],
  ['deals.write',            'YY- YY- YY-'],
  ['deals.restore',          'Y-- Y-- Y--'],
  ['campaigns.read',         'YYY YYY YYY'],
  ['campaigns.create',       'YY- YY- YY-'],
  ['campaigns.manage',       'YY- YY- YY-'],
  ['touchpoints.create',     'YY- YY- YY-'],
  ['dashboards.read',        'YYY YYY YYY'],
  ['dashboards.create',      'YYY YYY YYY'],
  ['dashboards.edit',        'YYY YYY YYY'],
  ['goals.read',             'YYY YYY YYY'],
  ['goals.create',           'YY- YY- YY-'],
  ['goals.edit',             'YY- YY- YY-'],
  ['meetings.read',          'YYY YYY YYY'],
  ['meetings.create',        'YY- YY- YY-'],
  ['meetings.edit',          'YY- YY- YY-'],
  ['meetings.rate',          'YY- YY- YY-'],
  ['rotations.read',         'YYY YYY YYY'],
  ['rotations.create',       'YY- YY- YY-'],
  ['rotations.edit',         'YY- YY- YY-'],
  ['rotations.checkin',      'YY- YY- YY-'],
  ['rotations.report',       'YY- YY- YY-'],
  ['rotations.rate',         'YY- YY- YY-'],
  ['events.read',            'YYY YYY YYY'],
  ['events.manage',          'YY- Y-- Y--'],
  ['events.invite',          'Y-- YY- Y--'],
  ['events.checkin',         'YY- YY- Y--'],
  ['projects.read',          'YYY YYY YYY'],
  ['projects.create',        'YY- YY- YY-'],
  ['projects.edit',          'YY- YY- YY-'],
  ['projects.requirements',  'YY- YY- YY-'],
  ['projects.signoff',       'YY- YY- ---'],
  ['pilots.nominate',        'YY- YY- YY-'],
  ['pilots.decide',          'YY- YY- YY-'],
  ['pilots.feedback',        'YY- YY- YY-'],
];

/* Rules that look at the record: its owner, and the department it belongs to (or that proposed it). */
const someoneElse = 'marketing-other';
// biome-ignore format: one case a line, flags as above (marketing, sales, management × admin, member, viewer)
const withRecord: [string, PolicyAction, PolicyRecord, string][] = [
  ['a marketing campaign of someone else',       'campaigns.manage',    { ownerId: someoneElse, department: 'marketing' },        'YY- Y-- Y--'],
  ['a sales campaign the sales member owns',     'campaigns.manage',    { ownerId: 'sales-member', department: 'sales' },         'Y-- YY- Y--'],
  ['a campaign the management viewer owns',      'campaigns.manage',    { ownerId: 'management-viewer', department: null },       'Y-- Y-- Y--'],
  ['a dashboard of someone else',                'dashboards.edit',     { ownerId: someoneElse },                                 'Y-- Y-- Y--'],
  ['the sales viewer\'s own dashboard',          'dashboards.edit',     { ownerId: 'sales-viewer' },                              'Y-- Y-Y Y--'],
  ['a goal of a marketing and a sales member',   'goals.edit',          { ownerIds: ['marketing-member', 'sales-member'] },       'YY- YY- Y--'],
  ['a goal the sales viewer co-owns',            'goals.edit',          { ownerIds: ['sales-viewer', someoneElse] },              'Y-- Y-- Y--'],
  ['a goal of someone else',                     'goals.edit',          { ownerIds: [someoneElse] },                              'Y-- Y-- Y--'],
  ['an import of someone else',                  'imports.manage',      { ownerId: someoneElse },                                 'Y-- Y-- Y--'],
  ['the sales member\'s own import',             'imports.manage',      { ownerId: 'sales-member' },                              'Y-- YY- Y--'],
  ['a series of a marketing and a sales member', 'meetings.edit',       { ownerIds: ['marketing-member', 'sales-member'] },       'YY- YY- Y--'],
  ['a series the sales viewer takes part in',    'meetings.edit',       { ownerIds: ['sales-viewer', 'sales-member'] },           'Y-- YY- Y--'],
  ['a series of someone else',                   'meetings.edit',       { ownerIds: [someoneElse] },                              'Y-- Y-- Y--'],
  ['rating a meeting of a marketing and a sales member', 'meetings.rate', { ownerIds: ['marketing-member', 'sales-member'] },     '-Y- -Y- ---'],
  ['rating a meeting someone else holds',        'meetings.rate',       { ownerIds: [someoneElse] },                              '--- --- ---'],
  ['an SLA change marketing proposed',           'settings.sla.decide', { department: 'marketing' },                              'Y-- YY- Y--'],
  ['an SLA change sales proposed',               'settings.sla.decide', { department: 'sales' },                                  'YY- Y-- Y--'],
  ['planning the marketing member\'s rotation',   'rotations.create',    { ownerId: 'marketing-member' },                          'YY- Y-- Y--'],
  ['planning someone else\'s rotation',           'rotations.create',    { ownerId: someoneElse },                                 'Y-- Y-- Y--'],
  ['a marketer\'s rotation with a sales mentor',   'rotations.edit',      { ownerIds: ['marketing-member', 'sales-member'] },       'YY- YY- Y--'],
  ['a rotation of someone else',                 'rotations.edit',      { ownerIds: [someoneElse] },                              'Y-- Y-- Y--'],
  ['a check-in on that rotation',                'rotations.checkin',   { ownerIds: ['marketing-member', 'sales-member'] },       '-Y- -Y- ---'],
  ['a check-in on someone else\'s rotation',      'rotations.checkin',   { ownerIds: [someoneElse] },                              '--- --- ---'],
  ['reporting on that rotation',                 'rotations.report',    { ownerIds: ['marketing-member', 'sales-member'] },       '-Y- -Y- ---'],
  ['the closing report of the marketing member', 'rotations.report',    { ownerIds: ['marketing-member'] },                       '-Y- --- ---'],
  ['rating as the sales member mentor',          'rotations.rate',      { ownerId: 'sales-member' },                              '--- -Y- ---'],
  ['a project the marketing and sales members lead', 'projects.edit',   { ownerIds: ['marketing-member', 'sales-member'] },       'YY- YY- Y--'],
  ['a project someone else leads',               'projects.edit',       { ownerIds: [someoneElse] },                              'Y-- Y-- Y--'],
  ['a sales requirement on someone else\'s project', 'projects.requirements', { ownerIds: [someoneElse], department: 'sales' }, 'Y-- YY- Y--'],
  ['a marketing requirement, management member leads', 'projects.requirements', { ownerIds: ['management-member'], department: 'marketing' }, 'YY- Y-- YY-'],
  ['a marketing requirement, sales viewer leads', 'projects.requirements', { ownerIds: ['sales-viewer'], department: 'marketing' }, 'YY- Y-- Y--'],
  ['a pilot at an account the marketing member owns', 'pilots.decide',  { ownerId: 'marketing-member' },                          'YY- YY- Y--'],
  ['a pilot at someone else\'s account',        'pilots.decide',       { ownerId: someoneElse },                                 'Y-- YY- Y--'],
  ['feedback on a project the marketing and sales members lead', 'pilots.feedback', { ownerIds: ['marketing-member', 'sales-member'] }, 'YY- YY- Y--'],
  ['feedback on a project someone else leads',   'pilots.feedback',     { ownerIds: [someoneElse] },                              'Y-- YY- Y--'],
];

const expectations = (flags: string) =>
  flags
    .replaceAll(' ', '')
    .split('')
    .map((f) => f === 'Y');
const actors = departments.flatMap((d) => roles.map((r) => actor(d, r)));

describe('can(actor, action) without a record', () => {
  it('has a row in this table for every action', () => {
    expect(withoutRecord.map(([a]) => a).sort()).toEqual([...policyActions].sort());
  });

  it.each(withoutRecord)('%s: %s', (action, flags) => {
    expect(actors.map((a) => can(a, action))).toEqual(expectations(flags));
  });
});

describe('can(actor, action, record)', () => {
  it.each(withRecord)('%s (%s): %o → %s', (_what, action, record, flags) => {
    expect(actors.map((a) => can(a, action, record))).toEqual(expectations(flags));
  });
});

describe('projects and pilots during a rotation', () => {
  // a person in an active rotation also works with the host department's rights (`hostDepartment`)
  const rotating = { ...actor('management', 'member'), hostDepartment: 'sales' as const };
  const viewerRotating = { ...actor('management', 'viewer'), hostDepartment: 'sales' as const };

  it('signs off, decides pilots and logs feedback with the host department', () => {
    expect(can(actor('management', 'member'), 'projects.signoff')).toBe(false);
    expect(can(rotating, 'projects.signoff')).toBe(true);
    expect(can(rotating, 'pilots.decide', { ownerId: someoneElse })).toBe(true);
    expect(can(rotating, 'pilots.feedback', { ownerIds: [someoneElse] })).toBe(true);
    expect(can(rotating, 'projects.requirements', { ownerIds: [someoneElse], department: 'sales' })).toBe(true);
    expect(can(rotating, 'projects.requirements', { ownerIds: [someoneElse], department: 'marketing' })).toBe(false);
  });

  it('gives a viewer no writing rights', () => {
    expect(can(viewerRotating, 'projects.signoff')).toBe(false);
    expect(can(viewerRotating, 'pilots.decide', { ownerId: someoneElse })).toBe(false);
  });
});

describe('host rights during a job rotation', () => {
  // Each actor visits the other department (marketing ↔ sales); management takes no part. Their own
  // department's rights stay, the host department's are added, and a viewer still only reads.
  const visiting = actors.map(
    (a): PolicyActor => ({
      ...a,
      hostDepartment: a.department === 'marketing' ? 'sales' : a.department === 'sales' ? 'marketing' : null,
    }),
  );

  // biome-ignore format: the columns line up as in the tables above
  const cases: [string, PolicyAction, PolicyRecord | undefined, string][] = [
    ['answering a handed-over lead',       'handoffs.answer',     undefined,                                             'YY- YY- Y--'],
    ['recycling a returned lead',          'handoffs.recycle',    undefined,                                             'YY- YY- Y--'],
    ['managing forms',                     'forms.manage',        undefined,                                             'YY- YY- Y--'],
    ['routing settings',                   'settings.routing',    undefined,                                             'YY- YY- Y--'],
    ['scoring settings',                   'settings.scoring',    undefined,                                             'YY- YY- Y--'],
    ['editing competitors',                'competitors.edit',    undefined,                                             'YY- YY- Y--'],
    ['rating battlecards',                 'competitors.rate',    undefined,                                             'YY- YY- Y--'],
    ['a marketing campaign of someone else', 'campaigns.manage',  { ownerId: someoneElse, department: 'marketing' },     'YY- YY- Y--'],
    ['an SLA change marketing proposed',   'settings.sla.decide', { department: 'marketing' },                           'YY- YY- Y--'],
    ['admin-only settings stay admin-only', 'settings.admin',     undefined,                                             'Y-- Y-- Y--'],
  ];

  it.each(cases)('%s (%s)', (_what, action, record, flags) => {
    expect(visiting.map((a) => can(a, action, record))).toEqual(expectations(flags));
  });

  it('without a rotation (null host department) nothing is added', () => {
    const home = actors.map((a): PolicyActor => ({ ...a, hostDepartment: null }));
    expect(home.map((a) => can(a, 'handoffs.answer'))).toEqual(expectations('Y-- YY- Y--'));
  });
});
