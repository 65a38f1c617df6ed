import { type Kysely, sql } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';
import { derivedFactTriggers } from './0007_campaigns.js';

/*
 * Incremental attribution (issue 17). Each deal's credits are kept (`attribution_credits`, one row per
 * deal, measure and credited campaign, '' for an unattributed deal), and a write that can change a deal's
 * credits marks that deal in `attribution_dirty`, by a row trigger in the write's own transaction, whatever
 * code path writes (API, merge, import, GDPR erasure). The report recomputes only the marked deals.
 *
 * This replaces the `attribution` row of `data_versions` that every touchpoint, deal, deal-contact,
 * campaign and settings write updated (PostgreSQL queued every such writer on that one row): a mark is a
 * row per deal, so writers of different deals never wait on each other. `attribution_state` (one row) is
 * written only by report readers when they store recomputed credits: `version` keys each instance's
 * in-memory totals, `settings` is what the credits were computed with (a settings change, or '' after a
 * bulk load, recomputes every deal).
 */

/** The columns of one credit row, one per model (attributionModels order). */
export const creditColumns = [
  'credit_first',
  'credit_last',
  'credit_linear',
  'credit_u',
  'credit_w',
  'credit_full',
  'credit_decay',
] as const;

const upsert = 'ON CONFLICT (deal_id) DO UPDATE SET mark = attribution_dirty.mark + 1';

/** Deals whose journeys include a contact (its deals, and its account's deals for account-wide journeys). */
const dealsOfContact = (contact: string) =>
  `SELECT deal_id FROM deal_contacts WHERE contact_id = ${contact}
   UNION SELECT d.id FROM contacts c JOIN deals d ON d.account_id = c.account_id WHERE c.id = ${contact}`;
const dealsOfAccount = (account: string) => `SELECT id AS deal_id FROM deals WHERE account_id = ${account}`;

const contactChanged =
  'OLD.account_id IS NOT NEW.account_id OR OLD.lead_at IS NOT NEW.lead_at OR OLD.deleted_at IS NOT NEW.deleted_at';
const dealChanged = ['amount', 'status', 'created_at', 'closed_at', 'currency', 'deleted_at', 'account_id']
  .map((c) => `OLD.${c} IS NOT NEW.${c}`)
  .join(' OR ');
const pg = (condition: string) => condition.replaceAll(' IS NOT ', ' IS DISTINCT FROM ');

/** The triggers that mark deals dirty; exported so bulk loaders can drop them for a load. */
export const attributionDirtyTriggers = (engine: Engine) => {
  if (engine === 'postgres') {
    // sorted, so two writers marking overlapping deals lock them in the same order
    const mark = (select: string) =>
      `INSERT INTO attribution_dirty (deal_id, mark) SELECT x.deal_id, 1 FROM (${select}) x (deal_id) WHERE x.deal_id IS NOT NULL ORDER BY 1 ${upsert};`;
    const fn = (name: string, body: string) =>
      `CREATE OR REPLACE FUNCTION ${name}() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${body}
  RETURN NULL;
END $$`;
    return {
      create: [
        fn(
          'nenner_dirty_touchpoints',
          `IF TG_OP <> 'INSERT' THEN ${mark(dealsOfContact('OLD.contact_id'))} END IF;
  IF TG_OP <> 'DELETE' THEN ${mark(dealsOfContact('NEW.contact_id'))} END IF;`,
        ),
        fn(
          'nenner_dirty_contacts',
          `${mark(`${dealsOfContact('OLD.id')} UNION ${dealsOfAccount('OLD.account_id')}`)}
  IF TG_OP = 'UPDATE' THEN ${mark(dealsOfAccount('NEW.account_id'))} END IF;`,
        ),
        fn(
          'nenner_dirty_deal_contacts',
          `IF TG_OP <> 'INSERT' THEN ${mark('SELECT OLD.deal_id')} END IF;
  IF TG_OP <> 'DELETE' THEN ${mark('SELECT NEW.deal_id')} END IF;`,
        ),
        fn('nenner_dirty_deals', `${mark(`SELECT CASE WHEN TG_OP = 'DELETE' THEN OLD.id ELSE NEW.id END`)}`),
        // touches without a campaign never count
        `CREATE TRIGGER touchpoints_attribution_dirty AFTER INSERT ON touchpoints FOR EACH ROW WHEN (NEW.campaign_id IS NOT NULL) EXECUTE FUNCTION nenner_dirty_touchpoints()`,
        `CREATE TRIGGER touchpoints_attribution_dirty_update AFTER UPDATE ON touchpoints FOR EACH ROW EXECUTE FUNCTION nenner_dirty_touchpoints()`,
        `CREATE TRIGGER touchpoints_attribution_dirty_delete AFTER DELETE ON touchpoints FOR EACH ROW WHEN (OLD.campaign_id IS NOT NULL) EXECUTE FUNCTION nenner_dirty_touchpoints()`,
        // not UPDATE OF: the lead date set by the BEFORE stage-stamp trigger is not in the statement's columns
        `CREATE TRIGGER contacts_attribution_dirty AFTER UPDATE ON contacts FOR EACH ROW WHEN (${pg(contactChanged)}) EXECUTE FUNCTION nenner_dirty_contacts()`,
        `CREATE TRIGGER contacts_attribution_dirty_delete AFTER DELETE ON contacts FOR EACH ROW EXECUTE FUNCTION nenner_dirty_contacts()`,
        `CREATE TRIGGER deal_contacts_attribution_dirty AFTER INSERT OR UPDATE OR DELETE ON deal_contacts FOR EACH ROW EXECUTE FUNCTION nenner_dirty_deal_contacts()`,
        `CREATE TRIGGER deals_attribution_dirty AFTER INSERT OR DELETE ON deals FOR EACH ROW EXECUTE FUNCTION nenner_dirty_deals()`,
        `CREATE TRIGGER deals_attribution_dirty_update AFTER UPDATE ON deals FOR EACH ROW WHEN (${pg(dealChanged)}) EXECUTE FUNCTION nenner_dirty_deals()`,
      ],
      drop: [
        'DROP TRIGGER IF EXISTS touchpoints_attribution_dirty ON touchpoints',
        'DROP TRIGGER IF EXISTS touchpoints_attribution_dirty_update ON touchpoints',
        'DROP TRIGGER IF EXISTS touchpoints_attribution_dirty_delete ON touchpoints',
        'DROP TRIGGER IF EXISTS contacts_attribution_dirty ON contacts',
        'DROP TRIGGER IF EXISTS contacts_attribution_dirty_delete ON contacts',
        'DROP TRIGGER IF EXISTS deal_contacts_attribution_dirty ON deal_contacts',
        'DROP TRIGGER IF EXISTS deals_attribution_dirty ON deals',
        'DROP TRIGGER IF EXISTS deals_attribution_dirty_update ON deals',
      ],
    };
  }
  // SQLite: an upsert from a SELECT needs a WHERE clause (the parser's ON ambiguity)
  const mark = (select: string) =>
    `INSERT INTO attribution_dirty (deal_id, mark) SELECT deal_id, 1 FROM (${select}) WHERE deal_id IS NOT NULL ${upsert};`;
  const create = [
    `CREATE TRIGGER touchpoints_attribution_dirty_insert AFTER INSERT ON touchpoints WHEN NEW.campaign_id IS NOT NULL BEGIN ${mark(dealsOfContact('NEW.contact_id'))} END`,
    `CREATE TRIGGER touchpoints_attribution_dirty_update AFTER UPDATE ON touchpoints BEGIN ${mark(dealsOfContact('OLD.contact_id'))} ${mark(dealsOfContact('NEW.contact_id'))} END`,
    `CREATE TRIGGER touchpoints_attribution_dirty_delete AFTER DELETE ON touchpoints WHEN OLD.campaign_id IS NOT NULL BEGIN ${mark(dealsOfContact('OLD.contact_id'))} END`,
    `CREATE TRIGGER contacts_attribution_dirty AFTER UPDATE OF account_id, lead_at, deleted_at ON contacts WHEN ${contactChanged} BEGIN ${mark(`${dealsOfContact('OLD.id')} UNION ${dealsOfAccount('OLD.account_id')} UNION ${dealsOfAccount('NEW.account_id')}`)} END`,
    `CREATE TRIGGER contacts_attribution_dirty_delete AFTER DELETE ON contacts BEGIN ${mark(`${dealsOfContact('OLD.id')} UNION ${dealsOfAccount('OLD.account_id')}`)} END`,
    `CREATE TRIGGER deal_contacts_attribution_dirty_insert AFTER INSERT ON deal_contacts BEGIN ${mark('SELECT NEW.deal_id AS deal_id')} END`,
    `CREATE TRIGGER deal_contacts_attribution_dirty_update AFTER UPDATE ON deal_contacts BEGIN ${mark('SELECT OLD.deal_id AS deal_id UNION SELECT NEW.deal_id')} END`,
    `CREATE TRIGGER deal_contacts_attribution_dirty_delete AFTER DELETE ON deal_contacts BEGIN ${mark('SELECT OLD.deal_id AS deal_id')} END`,
    `CREATE TRIGGER deals_attribution_dirty_insert AFTER INSERT ON deals BEGIN ${mark('SELECT NEW.id AS deal_id')} END`,
    `CREATE TRIGGER deals_attribution_dirty_update AFTER UPDATE ON deals WHEN ${dealChanged} BEGIN ${mark('SELECT NEW.id AS deal_id')} END`,
    `CREATE TRIGGER deals_attribution_dirty_delete AFTER DELETE ON deals BEGIN ${mark('SELECT OLD.id AS deal_id')} END`,
  ];
  const names = create.map((s) => /CREATE TRIGGER (\S+)/.exec(s)?.[1] as string);
  return { create, drop: names.map((n) => `DROP TRIGGER IF EXISTS ${n}`) };
};

/**
 * What a bulk loader drops for a load and recreates after: the stage stamps of 0007 and the dirty marks.
 * 0007's list still names the attribution version triggers this migration removed; they are left out.
 */
export const bulkLoadTriggers = (engine: Engine) => {
  const stamps = derivedFactTriggers(engine);
  const keep = (s: string) => !s.includes('attribution');
  const dirty = attributionDirtyTriggers(engine);
  return { create: [...stamps.create.filter(keep), ...dirty.create], drop: [...stamps.drop, ...dirty.drop] };
};

/** After a bulk load: every deal's credits are recomputed on the next read. */
export const RECOMPUTE_ALL = `UPDATE attribution_state SET settings = '', version = version + 1 WHERE id = 1`;

export const attributionCredits = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const { timestamp: ts, money } = columnTypes(engine);
    let credits = db.schema
      .createTable('attribution_credits')
      .addColumn('deal_id', 'text', (c) => c.notNull())
      .addColumn('measure', 'text', (c) => c.notNull())
      // '' for a deal without an eligible touch: its amount is unattributed under every model
      .addColumn('campaign_id', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('converted_at', ts, (c) => c.notNull());
    for (const column of creditColumns) credits = credits.addColumn(column, money, (c) => c.notNull());
    await credits.addPrimaryKeyConstraint('attribution_credits_pk', ['deal_id', 'measure', 'campaign_id']).execute();
    // the report sums one measure and currency over a period: one index range holding every column read
    await db.schema
      .createIndex('attribution_credits_period')
      .on('attribution_credits')
      .columns(['measure', 'currency', 'converted_at', 'campaign_id', 'deal_id', ...creditColumns])
      .execute();
    await db.schema
      .createTable('attribution_dirty')
      .addColumn('deal_id', 'text', (c) => c.primaryKey())
      // raised by every further mark, so a reader deletes only the marks it has seen
      .addColumn('mark', 'integer', (c) => c.notNull())
      .execute();
    await db.schema
      .createTable('attribution_state')
      .addColumn('id', 'integer', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .addColumn('settings', 'text', (c) => c.notNull())
      .execute();
    await sql`insert into attribution_state (id, version, settings) values (1, 1, '')`.execute(db);

    // the data-version triggers of 0007 and 0009 and their row go
    const old = derivedFactTriggers(engine).drop.filter((s) => s.includes('attribution'));
    for (const statement of old) await sql.raw(statement).execute(db);
    await sql
      .raw(
        engine === 'postgres'
          ? 'DROP TRIGGER IF EXISTS contacts_attribution_trash ON contacts'
          : 'DROP TRIGGER IF EXISTS contacts_attribution_trash',
      )
      .execute(db);
    if (engine === 'postgres') {
      await sql.raw('DROP FUNCTION IF EXISTS nenner_bump_attribution()').execute(db);
      // the facts bump locked both rows in name order (0024); only its own is left
      await sql
        .raw(`CREATE OR REPLACE FUNCTION nenner_bump_facts() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  UPDATE data_versions SET version = version + 1 WHERE name = 'facts';
  RETURN NULL;
END $$`)
        .execute(db);
    }
    await sql`delete from data_versions where name = 'attribution'`.execute(db);
    for (const statement of attributionDirtyTriggers(engine).create) await sql.raw(statement).execute(db);
  },
});
