/*
 * Who may do what: the one place permissions are decided. The server asks before it writes, the web app
 * asks before it shows an action, and a test checks every endpoint of the contract against these rules.
 *
 * A rule asked without a record answers "may this actor do this to some record of the kind": the gate the
 * server applies before it reads the request. Asked with the record, it answers for that record.
 */

export type PolicyDepartment = 'marketing' | 'sales' | 'management';
export type PolicyRole = 'admin' | 'member' | 'viewer';

/** What a rule needs to know about the one acting. */
export interface PolicyActor {
  id: string;
  role: PolicyRole;
  department: PolicyDepartment;
}

/** What a rule may need to know about the record acted on. */
export interface PolicyRecord {
  /** The record's owner (a campaign's, a dashboard's). */
  ownerId?: string | null;
  /** A record with several owners (a goal's). */
  ownerIds?: readonly string[];
  /** The department the record belongs to (a campaign's), or that proposed it (an SLA change). */
  department?: string | null;
}

type Rule = (actor: PolicyActor, record?: PolicyRecord) => boolean;

const isAdmin = (a: PolicyActor) => a.role === 'admin';
/** Members and admins change shared records; viewers read. */
const writer: Rule = (a) => a.role !== 'viewer';
const anyone: Rule = () => true;
const admin: Rule = isAdmin;
/** Admins, and writers of the named departments. */
const departments =
  (...names: PolicyDepartment[]): Rule =>
  (a) =>
    isAdmin(a) || (writer(a) && names.includes(a.department));
/** Admins, the record's owner, and writers of the record's department. */
const ownerOrDepartment: Rule = (a, r) =>
  writer(a) && (!r || isAdmin(a) || r.ownerId === a.id || (r.department != null && r.department === a.department));
/** Writers among the record's owners, and admins. */
const ownersOf: Rule = (a, r) => writer(a) && (!r || isAdmin(a) || (r.ownerIds ?? []).includes(a.id));
/** Admins and the record's owner; anyone may make their own. */
const ownerOnly: Rule = (a, r) => !r || isAdmin(a) || r.ownerId === a.id;

const rules = {
  // any logged-in user, on what is theirs (session, tokens, notifications, profile)
  'self.manage': anyone,

  'users.read': anyone,
  'users.manage': admin,

  // shared records: everyone reads, writers change, admins see and restore the trash
  'records.read': anyone,
  'records.write': writer,
  'records.trash': admin,

  'timeline.read': anyone,
  'timeline.write': writer,

  'forms.read': anyone,
  'forms.manage': departments('marketing'),

  'leads.ingest': writer,
  'leads.read': anyone,

  'handoffs.read': anyone,
  /** Sales answers a handed-over lead: accept, reject, first touch, convert, reassign. */
  'handoffs.answer': departments('sales'),
  /** Marketing takes a returned lead back and recycles it. */
  'handoffs.recycle': departments('marketing'),
  /** Admins hand out the fallback queue: the leads no routing rule found an owner for. */
  'handoffs.distribute': admin,

  'settings.read': anyone,
  'settings.scoring': departments('marketing'),
  'settings.routing': departments('sales'),
  'settings.forms': departments('marketing'),
  'settings.admin': admin,
  /** The SLA is agreed between marketing and sales: either side proposes, admins apply directly. */
  'settings.sla.propose': departments('marketing', 'sales'),
  /** Admins apply an SLA change at once; anyone else's change waits for the other side. */
  'settings.sla.apply': admin,
  /** The other department decides a proposed SLA change; admins may too. */
  'settings.sla.decide': (a, r) =>
    writer(a) && (isAdmin(a) || !r || (a.department !== r.department && a.department !== 'management')),

  'teams.read': anyone,
  'teams.write': writer,

  'reports.read': anyone,

  'quality.read': anyone,
  'quality.write': writer,

  'activities.read': anyone,
  'activities.write': writer,
  'tasks.read': anyone,
  'tasks.write': writer,

  'competitors.read': anyone,
  /** Marketing maintains competitors and battlecards. */
  'competitors.edit': departments('marketing'),
  /** Sales rates battlecards from the field. */
  'competitors.rate': departments('sales'),
  'competitors.intel': writer,

  'pipelines.read': anyone,
  'pipelines.manage': admin,

  'deals.read': anyone,
  'deals.write': writer,
  'deals.restore': admin,

  'campaigns.read': anyone,
  'campaigns.create': writer,
  /** A campaign is changed by its owner, its department and admins. */
  'campaigns.manage': ownerOrDepartment,
  'touchpoints.create': writer,

  /** Goals are never private: everyone reads every goal. */
  'goals.read': anyone,
  /** Members of either department (and admins) set goals. */
  'goals.create': writer,
  /** A goal is changed by its owners and admins. */
  'goals.edit': ownersOf,

  /** Meeting series are never private: everyone reads every series and its occurrences. */
  'meetings.read': anyone,
  /** Members of any department (and admins) set up a series. */
  'meetings.create': writer,
  /** A series and its occurrences are changed by its participants (the host among them) and admins. */
  'meetings.edit': ownersOf,
  /** Only the participants themselves rate a meeting: an admin's rating would not be one of theirs. */
  'meetings.rate': (a, r) => writer(a) && (!r || (r.ownerIds ?? []).includes(a.id)),

  'dashboards.read': anyone,
  'dashboards.create': anyone,
  /** A dashboard is changed by its owner and admins. */
  'dashboards.edit': ownerOnly,
} satisfies Record<string, Rule>;

export type PolicyAction = keyof typeof rules;
export const policyActions = Object.keys(rules) as PolicyAction[];

/** May `actor` do `action` (to `record`, when given)? */
export const can = (actor: PolicyActor, action: PolicyAction, record?: PolicyRecord): boolean =>
  rules[action](actor, record);

/** The policy view of a presented record that has an `owner` (and maybe a `department`). */
export const owned = (r: { owner?: { id: string } | null; department?: string | null }): PolicyRecord => ({
  ownerId: r.owner?.id ?? null,
  department: r.department ?? null,
});
