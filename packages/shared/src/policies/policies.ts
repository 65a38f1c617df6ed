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
  /**
   * The host department of a job rotation running today: while it runs the actor also works with that
   * department's rights (their own stay). Unset or null outside a rotation.
   */
  hostDepartment?: PolicyDepartment | null;
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
/** Admins, and writers of the named departments (a rotation's host department counts: see `worksIn`). */
const departments =
  (...names: PolicyDepartment[]): Rule =>
  (a) =>
    isAdmin(a) || (writer(a) && worksIn(a, names));
/** Admins, the record's owner, and writers of the record's department (or working in it on a rotation). */
const ownerOrDepartment: Rule = (a, r) =>
  writer(a) &&
  (!r || isAdmin(a) || r.ownerId === a.id || (r.department != null && worksIn(a, [r.department as PolicyDepartment])));
/** Writers among the record's owners, and admins. */
const ownersOf: Rule = (a, r) => writer(a) && (!r || isAdmin(a) || (r.ownerIds ?? []).includes(a.id));
/** Admins and the record's owner; anyone may make their own. */
const ownerOnly: Rule = (a, r) => !r || isAdmin(a) || r.ownerId === a.id;
/**
 * Whether the actor works with one of the departments' rights: their own department, or the host department
 * of a rotation they are in (`hostDepartment`, when the actor carries one). Admin status adds no department.
 */
const worksIn = (a: PolicyActor, names: readonly PolicyDepartment[]): boolean => {
  return names.includes(a.department) || (a.hostDepartment != null && names.includes(a.hostDepartment));
};

const rules = {
  // any logged-in user, on what is theirs (session, tokens, notifications, profile)
  'self.manage': anyone,

  'users.read': anyone,
  'users.manage': admin,
  /** Login lockouts (issue 15): admins see who is held back and clear it. */
  'users.lockouts': admin,
  /** A user's login security (issue 15): admins see it, reset their second factor and end their sessions. */
  'users.security': admin,

  // shared records: everyone reads, writers change, admins see and restore the trash
  'records.read': anyone,
  'records.write': writer,
  'records.trash': admin,
  /** Art. 15 export of a person and Art. 17 erasure: admins only (DSGVO). */
  'gdpr.admin': admin,

  'timeline.read': anyone,
  'timeline.write': writer,

  'forms.read': anyone,
  'forms.manage': departments('marketing'),

  'leads.ingest': writer,

  // imports write contacts, accounts and deals (records.write / deals.write); an import is its uploader's
  'imports.create': writer,
  'imports.manage': (a, r) => writer(a) && (!r || isAdmin(a) || r.ownerId === a.id),
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
  /** Webhook subscriptions send workspace data to outside systems: admins only. */
  'webhooks.manage': admin,
  /** The SLA is agreed between marketing and sales: either side proposes, admins apply directly. */
  'settings.sla.propose': departments('marketing', 'sales'),
  /** Admins apply an SLA change at once; anyone else's change waits for the other side. */
  'settings.sla.apply': admin,
  /** The other department decides a proposed SLA change; admins may too. */
  'settings.sla.decide': (a, r) =>
    writer(a) &&
    (isAdmin(a) ||
      !r ||
      [a.department, a.hostDepartment].some((d) => d != null && d !== r.department && d !== 'management')),

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

  /** Rotations are never private: everyone sees who visits which department, when. */
  'rotations.read': anyone,
  /** Members plan their own rotation (`ownerId`: the person); admins plan anyone's. */
  'rotations.create': (a, r) => writer(a) && (!r || isAdmin(a) || r.ownerId === a.id),
  /** The period, mentor, goals and activities are changed (or the rotation cancelled) by the person, the mentor and admins. */
  'rotations.edit': ownersOf,
  /** Check-ins are written only by the person and the mentor (`ownerIds`): an admin's note would not be one of theirs. */
  'rotations.checkin': (a, r) => writer(a) && (!r || (r.ownerIds ?? []).includes(a.id)),
  /** Only the person and the mentor report; asked with the person alone, it is the closing report's author. */
  'rotations.report': (a, r) => writer(a) && (!r || (r.ownerIds ?? []).includes(a.id)),
  /** Only the mentor (`ownerId`) rates the rotation and comments on it. */
  'rotations.rate': (a, r) => writer(a) && (!r || r.ownerId === a.id),

  /** Events are never private: everyone reads every event, its registrations and its report. */
  'events.read': anyone,
  /** Marketing organises events: creates, edits, cancels and closes them. */
  'events.manage': departments('marketing'),
  /** Sales reps invite their customers. */
  'events.invite': departments('sales'),
  /** Staff at the door check people in (and cancel for a guest who called): sales, and marketing as the organiser. */
  'events.checkin': departments('marketing', 'sales'),

  'dashboards.read': anyone,
  'dashboards.create': anyone,
  /** A dashboard is changed by its owner and admins. */
  'dashboards.edit': ownerOnly,

  /** Projects are never private: everyone reads every project, its plan and its pilots. */
  'projects.read': anyone,
  /** Members of any department (and admins) start a project. */
  'projects.create': writer,
  /** A project is changed and advanced by its two leads (`ownerIds`) and admins. */
  'projects.edit': ownersOf,
  /** A requirement (`department`) is written by that department's writers, the project's leads and admins. */
  'projects.requirements': (a, r) =>
    writer(a) &&
    (!r ||
      isAdmin(a) ||
      (r.ownerIds ?? []).includes(a.id) ||
      (r.department != null && worksIn(a, [r.department as PolicyDepartment]))),
  /** Writers sign off for the department they work in; an admin's status never stands in for one. */
  'projects.signoff': (a) => writer(a) && worksIn(a, ['marketing', 'sales']),
  /** Writers nominate pilot accounts; the service makes sales' (and the owner's) active, marketing's proposed. */
  'pilots.nominate': writer,
  /** A pilot is confirmed, declined, changed and ended by the account's owner (`ownerId`), sales and admins. */
  'pilots.decide': (a, r) => writer(a) && (!r || isAdmin(a) || r.ownerId === a.id || worksIn(a, ['sales'])),
  /** Sales logs what the pilot customer said; so may the project's leads (`ownerIds`) and admins. */
  'pilots.feedback': (a, r) =>
    writer(a) && (!r || isAdmin(a) || (r.ownerIds ?? []).includes(a.id) || worksIn(a, ['sales'])),
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
