import { type ImportDedupe, normalizeCompanyName, sortKey } from '@nenner/shared';
import type { Db } from '../../db/db.js';
import { stampedStages } from '../../db/migrations/0007_campaigns.js';
import type { AccountsTable, ContactsTable, TimelineEntriesTable } from '../../db/schema.js';
import { newId } from '../../lib/ids.js';
import { accountKeyColumns, contactKeyColumns, memoize } from '../quality/quality.keys.js';
import {
  accountsByKeys,
  type BatchWrites,
  changesOf,
  contactsByEmail,
  contactsByIds,
  contactsWithSeveralEmails,
} from './imports.repository.js';
import type { AccountValues, ContactValues, ConvertedRow } from './imports.rows.js';

/*
 * One batch of converted rows → what to create, update, skip or fail, with dedupe against the database and
 * the rows before it. A dry run asks the same questions and writes nothing, so its counts are the run's.
 */

export interface BatchScope {
  importId: string;
  fileName: string;
  dedupe: ImportDedupe;
  actor: { id: string; department: string } | null;
  /** Other emails of contacts with several (matched in memory; the first email has an index). */
  otherEmails: Map<string, string>;
  /**
   * Records the rows before this batch would have created (dry run: nothing is written, so the file's own
   * duplicates are found here); a run keeps only the current batch, the database has the rest.
   */
  pendingContacts: Map<string, string>;
  pendingAccounts: Map<string, string>;
}

export interface BatchCounts {
  created: number;
  updated: number;
  skipped: number;
  failed: number;
}

const contactKeys = memoize(contactKeyColumns);
const accountKeys = memoize((name: string, at: string) => accountKeyColumns({ name }, at));

/** Loads the emails beyond the first of contacts that have several (the few the index does not cover). */
export const loadOtherEmails = async (db: Db): Promise<Map<string, string>> => {
  const out = new Map<string, string>();
  for (const c of await contactsWithSeveralEmails(db)) {
    for (const e of (JSON.parse(c.emails) as string[]).slice(1)) out.set(e.toLowerCase(), c.id);
  }
  return out;
};

// a file names the same company on many rows: its normalised name is worked out once
const normalizedName = memoize(normalizeCompanyName);

const accountKeyOf = (a: { name: string; domain: string | null }) =>
  a.domain ? `d:${a.domain}` : `n:${normalizedName(a.name)}`;

const emptyWrites = (): BatchWrites => ({
  accounts: [],
  contacts: [],
  deals: [],
  contactUpdates: [],
  accountUpdates: [],
  timeline: [],
  changes: [],
  restamps: [],
  errors: [],
});

const isEmpty = (v: unknown) => v === null || v === undefined || v === '' || v === '[]';

/** The columns to set on an existing record: all given values (overwrite) or only where it is empty (fill). */
const changedColumns = <T extends object>(before: T, proposed: Partial<T>, mode: 'fill' | 'overwrite'): Partial<T> => {
  const was = before as Record<string, unknown>;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(proposed)) {
    if (isEmpty(v)) continue;
    if (mode === 'fill' && !isEmpty(was[k])) continue;
    if (was[k] !== v) out[k] = v;
  }
  return out as Partial<T>;
};

/** Plans (and, with `write`, collects the writes of) one batch. */
export const planBatch = async (
  db: Db,
  scope: BatchScope,
  rows: ConvertedRow[],
  now: string,
): Promise<{ counts: BatchCounts; writes: BatchWrites }> => {
  const w = emptyWrites();
  const counts: BatchCounts = { created: 0, updated: 0, skipped: 0, failed: 0 };
  const actorId = scope.actor?.id ?? null;
  const department = scope.actor?.department ?? null;
  const entry = (type: string, id: string, action: string, accountId: string | null, note: string | null) =>
    w.timeline.push({
      id: newId(),
      entity_type: type,
      entity_id: id,
      kind: 'import',
      action,
      actor_id: actorId,
      department,
      body: note,
      data: JSON.stringify({ importId: scope.importId, file: scope.fileName }),
      created_at: now,
      account_id: accountId,
    } satisfies TimelineEntriesTable);
  const created = (type: string, id: string) =>
    w.changes.push({
      id: newId(),
      import_id: scope.importId,
      entity_type: type,
      entity_id: id,
      action: 'created',
      before: null,
      stamp: now,
    });

  // what the batch needs from the database, in three queries
  const accountsWanted = rows.flatMap((r) =>
    r.values && 'account' in r.values && r.values.account ? [r.values.account] : [],
  );
  const existingAccounts = await accountsByKeys(
    db,
    [...new Set(accountsWanted.flatMap((a) => (a.domain ? [a.domain] : [])))],
    [...new Set(accountsWanted.map((a) => normalizedName(a.name)).filter(Boolean))],
  );
  const accountIndex = new Map<string, AccountsTable>();
  for (const a of existingAccounts) {
    if (a.name_key) accountIndex.set(`n:${a.name_key}`, a);
    if (a.domain) accountIndex.set(`d:${a.domain.toLowerCase()}`, a);
  }
  const emails = [
    ...new Set(
      rows.flatMap((r) => (r.values?.entity === 'contacts' ? r.values.contact.emails.map((e) => e.toLowerCase()) : [])),
    ),
  ];
  const byEmail = new Map<string, ContactsTable>();
  for (const c of await contactsByEmail(db, emails)) if (c.email) byEmail.set(c.email, c);
  const otherIds = emails.flatMap((e) =>
    scope.otherEmails.has(e) && !byEmail.has(e) ? [scope.otherEmails.get(e) as string] : [],
  );
  const byId = new Map((await contactsByIds(db, [...new Set(otherIds)])).map((c) => [c.id, c]));
  const touchedIds = new Set<string>();

  /** The account a row names: an existing one (domain, then name), one created earlier in the file, or a new one. */
  const resolveAccount = (a: Pick<AccountValues, 'name' | 'domain'>, full?: AccountValues): string => {
    const found = (a.domain && accountIndex.get(`d:${a.domain}`)) || accountIndex.get(`n:${normalizedName(a.name)}`);
    if (found) return found.id;
    const key = accountKeyOf(a);
    const pending = scope.pendingAccounts.get(key) ?? (a.domain ? undefined : undefined);
    if (pending) return pending;
    const id = newId();
    scope.pendingAccounts.set(key, id);
    w.accounts.push(
      newAccountRow(
        id,
        full ?? { ...a, industry: null, country: null, city: null, postcode: null, tags: [] },
        actorId,
        now,
      ),
    );
    created('account', id);
    entry('account', id, 'created', id, null);
    return id;
  };

  const pendingUpdates = new Map<string, { table: 'contacts' | 'accounts'; before: Record<string, unknown> }>();
  for (const r of rows) {
    if (!r.values) {
      counts.failed += 1;
      for (const e of r.errors)
        w.errors.push({
          import_id: scope.importId,
          row_number: e.row,
          column_name: e.column,
          value: e.value,
          message: e.message,
        });
      continue;
    }
    const v = r.values;
    if (v.entity === 'accounts') {
      const found =
        (v.account.domain && accountIndex.get(`d:${v.account.domain}`)) ||
        accountIndex.get(`n:${normalizedName(v.account.name)}`);
      const pending = scope.pendingAccounts.get(accountKeyOf(v.account));
      if ((found || pending) && scope.dedupe !== 'create') {
        if (!found || scope.dedupe === 'skip') {
          counts.skipped += 1;
          continue;
        }
        const set = changedColumns(found, accountProposal(v.account), scope.dedupe);
        if (Object.keys(set).length === 0 || touchedIds.has(found.id)) {
          counts.skipped += 1;
          continue;
        }
        touchedIds.add(found.id);
        const next = {
          ...set,
          ...accountKeys(set.name ?? found.name, now),
          version: found.version + 1,
          updated_at: now,
        };
        w.accountUpdates.push({ id: found.id, set: next });
        pendingUpdates.set(found.id, { table: 'accounts', before: found as unknown as Record<string, unknown> });
        entry('account', found.id, 'updated', found.id, r.note);
        counts.updated += 1;
        continue;
      }
      const id = newId();
      scope.pendingAccounts.set(accountKeyOf(v.account), id);
      w.accounts.push(newAccountRow(id, v.account, actorId, now));
      created('account', id);
      entry('account', id, 'created', id, r.note);
      counts.created += 1;
      continue;
    }
    if (v.entity === 'deals') {
      const accountId = resolveAccount(v.account);
      const id = newId();
      w.deals.push({
        id,
        name: v.deal.name,
        sort_name: sortKey(v.deal.name),
        account_id: accountId,
        pipeline_id: v.deal.pipelineId,
        stage_id: v.deal.stageId,
        status: v.deal.status,
        amount: v.deal.amount,
        currency: v.deal.currency,
        close_date: v.deal.closeDate,
        owner_id: actorId,
        source: 'sales',
        handoff_id: null,
        campaign_key: null,
        next_step: v.deal.nextStep,
        close_reason: null,
        close_comment: null,
        lost_to_competitor_id: null,
        closed_at: v.deal.status === 'open' ? null : now,
        stage_changed_at: now,
        version: 1,
        created_at: now,
        updated_at: now,
        deleted_at: null,
      });
      created('deal', id);
      entry('deal', id, 'created', accountId, r.note);
      counts.created += 1;
      continue;
    }
    // contacts
    const lower = v.contact.emails.map((e) => e.toLowerCase());
    let existing: ContactsTable | undefined;
    let pendingId: string | undefined;
    for (const e of lower) {
      existing = byEmail.get(e) ?? byId.get(scope.otherEmails.get(e) ?? '');
      pendingId = scope.pendingContacts.get(e);
      if (existing || pendingId) break;
    }
    if ((existing || pendingId) && scope.dedupe !== 'create') {
      if (!existing || scope.dedupe === 'skip' || touchedIds.has(existing.id)) {
        // a row repeating one earlier in the file: the first one wins
        counts.skipped += 1;
        continue;
      }
      const accountId = v.account ? resolveAccount(v.account) : null;
      const set = changedColumns(existing, contactProposal(v.contact, existing, accountId), scope.dedupe);
      if (Object.keys(set).length === 0) {
        counts.skipped += 1;
        continue;
      }
      touchedIds.add(existing.id);
      const first = set.first_name ?? existing.first_name;
      const last = set.last_name ?? existing.last_name;
      const phone = set.phone ?? existing.phone;
      w.contactUpdates.push({
        id: existing.id,
        set: {
          ...set,
          ...contactKeys({ firstName: first, lastName: last, phone }, now),
          version: existing.version + 1,
          updated_at: now,
        },
      });
      pendingUpdates.set(existing.id, { table: 'contacts', before: existing as unknown as Record<string, unknown> });
      entry('contact', existing.id, 'updated', set.account_id ?? existing.account_id, r.note);
      counts.updated += 1;
      continue;
    }
    const accountId = v.account ? resolveAccount(v.account) : null;
    const id = newId();
    for (const e of lower) scope.pendingContacts.set(e, id);
    w.contacts.push(newContactRow(id, v.contact, accountId, actorId, now));
    created('contact', id);
    entry('contact', id, 'created', accountId, r.note);
    counts.created += 1;
  }

  // a record this import created or changed before keeps its first entry, with the new stamp
  const earlier = await changesOf(db, scope.importId, [...pendingUpdates.keys()]);
  const earlierIds = new Map(earlier.map((c) => [c.entity_id, c.id]));
  for (const [id, u] of pendingUpdates) {
    const change = earlierIds.get(id);
    if (change) w.restamps.push({ id: change, stamp: now });
    else
      w.changes.push({
        id: newId(),
        import_id: scope.importId,
        entity_type: u.table === 'contacts' ? 'contact' : 'account',
        entity_id: id,
        action: 'updated',
        before: JSON.stringify(u.before),
        stamp: now,
      });
  }
  return { counts, writes: w };
};

const accountProposal = (a: AccountValues): Partial<AccountsTable> =>
  ({
    name: a.name,
    sort_name: sortKey(a.name),
    domain: a.domain,
    industry: a.industry,
    country: a.country,
    city: a.city,
    postcode: a.postcode,
    tags: a.tags.length > 0 ? JSON.stringify(a.tags) : null,
  }) as Partial<AccountsTable>;

const contactProposal = (
  c: ContactValues,
  existing: ContactsTable,
  accountId: string | null,
): Partial<ContactsTable> => {
  const known = JSON.parse(existing.emails) as string[];
  const added = c.emails.filter((e) => !known.some((k) => k.toLowerCase() === e.toLowerCase()));
  return {
    first_name: c.firstName,
    last_name: c.lastName,
    ...(c.firstName && { sort_first_name: sortKey(c.firstName) }),
    ...(c.lastName && { sort_last_name: sortKey(c.lastName) }),
    // emails are never lost: the file's new addresses are added after the known ones
    emails: added.length > 0 ? JSON.stringify([...known, ...added]) : null,
    phone: c.phone,
    job_title: c.jobTitle,
    account_id: accountId,
    source: c.source,
    tags: c.tags.length > 0 ? JSON.stringify(c.tags) : null,
  } as Partial<ContactsTable>;
};

const newAccountRow = (id: string, a: AccountValues, ownerId: string | null, now: string): AccountsTable => ({
  id,
  name: a.name,
  sort_name: sortKey(a.name),
  domain: a.domain,
  industry: a.industry,
  employee_band: null,
  country: a.country,
  city: a.city,
  postcode: a.postcode,
  owner_id: ownerId,
  marketing_partner_id: null,
  team_id: null,
  tags: JSON.stringify(a.tags),
  version: 1,
  created_at: now,
  updated_at: now,
  deleted_at: null,
  ...accountKeys(a.name, now),
});

/**
 * The stage stamps the database's trigger (0007) would set after the insert, set in the insert itself:
 * the trigger then finds nothing missing and does not update the row it just wrote (a third of a contact's
 * insert cost in a bulk load). Whoever enters the funnel is a lead at that moment; the stage itself too.
 */
const stageStamps = (stage: string, at: string): Partial<ContactsTable> => {
  if (!(stampedStages as readonly string[]).includes(stage)) return {};
  return { lead_at: at, ...(stage !== 'lead' && { [`${stage}_at`]: at }) };
};

const newContactRow = (
  id: string,
  c: ContactValues,
  accountId: string | null,
  ownerId: string | null,
  now: string,
): ContactsTable => ({
  ...stageStamps(c.lifecycleStage ?? 'lead', now),
  id,
  first_name: c.firstName,
  last_name: c.lastName,
  sort_first_name: sortKey(c.firstName),
  sort_last_name: sortKey(c.lastName),
  email: c.emails[0]?.toLowerCase() ?? null,
  emails: JSON.stringify(c.emails),
  phone: c.phone,
  job_title: c.jobTitle,
  account_id: accountId,
  owner_id: ownerId,
  lifecycle_stage: c.lifecycleStage ?? 'lead',
  source: c.source ?? 'import',
  tags: JSON.stringify(c.tags),
  version: 1,
  created_at: now,
  updated_at: now,
  deleted_at: null,
  ...contactKeys({ firstName: c.firstName, lastName: c.lastName, phone: c.phone }, now),
});
