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
  ['records.read',           'YYY YYY YYY'],
  ['records.write',          'YY- YY- YY-'],
  ['records.trash',          'Y-- Y-- Y--'],
  ['timeline.read',          'YYY YYY YYY'],
  ['timeline.write',         'YY- YY- YY-'],
  ['forms.read',             'YYY YYY YYY'],
  ['forms.manage',           'YY- Y-- Y--'],
  ['leads.ingest',           'YY- YY- YY-'],
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
  ['a series of a marketing and a sales member', 'meetings.edit',       { ownerIds: ['marketing-member', 'sales-member'] },       'YY- YY- Y--'],
  ['a series the sales viewer takes part in',    'meetings.edit',       { ownerIds: ['sales-viewer', 'sales-member'] },           'Y-- YY- Y--'],
  ['a series of someone else',                   'meetings.edit',       { ownerIds: [someoneElse] },                              'Y-- Y-- Y--'],
  ['rating a meeting of a marketing and a sales member', 'meetings.rate', { ownerIds: ['marketing-member', 'sales-member'] },     '-Y- -Y- ---'],
  ['rating a meeting someone else holds',        'meetings.rate',       { ownerIds: [someoneElse] },                              '--- --- ---'],
  ['an SLA change marketing proposed',           'settings.sla.decide', { department: 'marketing' },                              'Y-- YY- Y--'],
  ['an SLA change sales proposed',               'settings.sla.decide', { department: 'sales' },                                  'YY- Y-- Y--'],
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
