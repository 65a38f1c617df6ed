import { type Kysely, sql } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';
import { versionBumpFunctions } from './0024_version_lock_order.js';

/** Lifecycle stages that get a "reached at" stamp on the contact, in funnel order. */
export const stampedStages = ['lead', 'mql', 'sal', 'sql', 'opportunity', 'customer'] as const;

/** Tables whose writes change attribution results (the report cache is keyed by their version). */
const attributionSources = ['touchpoints', 'deals', 'deal_contacts', 'campaigns', 'settings'] as const;

/**
 * The triggers that keep two derived facts true whatever code path writes: each contact's stage stamps
 * (`<stage>_at`, set once, from the row's own clock so back-dated imports stay back-dated) and the
 * attribution data version. Exported so bulk loaders can drop them for a load and recreate them after.
 */
export const derivedFactTriggers = (engine: Engine) => {
  // Whoever enters the funnel at any stage has become a lead at that moment; every other stage is
  // stamped when the contact is in it.
  const reaches = (stage: (typeof stampedStages)[number]) =>
    stage === 'lead'
      ? `NEW.lifecycle_stage IN (${stampedStages.map((s) => `'${s}'`).join(', ')})`
      : `NEW.lifecycle_stage = '${stage}'`;
  if (engine === 'postgres') {
    const stageLines = stampedStages
      .map(
        (s) =>
          `IF ${reaches(s)} AND NEW.${s}_at IS NULL THEN NEW.${s}_at := CASE WHEN TG_OP = 'INSERT' THEN NEW.created_at ELSE NEW.updated_at END; END IF;`,
      )
      .join('\n  ');
    return {
      create: [
        `CREATE OR REPLACE FUNCTION nenner_stamp_stage() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  ${stageLines}
  RETURN NEW;
END $$`,
        `CREATE TRIGGER contacts_stage_stamp BEFORE INSERT OR UPDATE OF lifecycle_stage ON contacts FOR EACH ROW EXECUTE FUNCTION nenner_stamp_stage()`,
        // the same function 0024 replaces it with (both version rows locked in name order)
        versionBumpFunctions.attribution,
        ...attributionSources.map(
          (t) =>
            `CREATE TRIGGER ${t}_attribution_version AFTER INSERT OR UPDATE OR DELETE ON ${t} FOR EACH STATEMENT EXECUTE FUNCTION nenner_bump_attribution()`,
        ),
        `CREATE TRIGGER contacts_attribution_version AFTER UPDATE OF account_id, lead_at ON contacts FOR EACH STATEMENT EXECUTE FUNCTION nenner_bump_attribution()`,
      ],
      drop: [
        'DROP TRIGGER IF EXISTS contacts_stage_stamp ON contacts',
        ...attributionSources.map((t) => `DROP TRIGGER IF EXISTS ${t}_attribution_version ON ${t}`),
        'DROP TRIGGER IF EXISTS contacts_attribution_version ON contacts',
      ],
    };
  }
  // SQLite triggers are per row and cannot change NEW: they update the row after the write, and only
  // when a stamp is missing, so most writes pay nothing.
  const stamp = (clock: string) =>
    `UPDATE contacts SET ${stampedStages
      .map((s) => `${s}_at = COALESCE(${s}_at, CASE WHEN ${reaches(s)} THEN NEW.${clock} END)`)
      .join(', ')} WHERE id = NEW.id;`;
  const missing = stampedStages.map((s) => `(${reaches(s)} AND NEW.${s}_at IS NULL)`).join(' OR ');
  const bump = `UPDATE data_versions SET version = version + 1 WHERE name = 'attribution';`;
  return {
    create: [
      `CREATE TRIGGER contacts_stage_stamp_insert AFTER INSERT ON contacts WHEN ${missing} BEGIN ${stamp('created_at')} END`,
      `CREATE TRIGGER contacts_stage_stamp_update AFTER UPDATE OF lifecycle_stage ON contacts WHEN ${missing} BEGIN ${stamp('updated_at')} END`,
      ...attributionSources.flatMap((t) =>
        ['INSERT', 'UPDATE', 'DELETE'].map(
          (op) => `CREATE TRIGGER ${t}_attribution_${op.toLowerCase()} AFTER ${op} ON ${t} BEGIN ${bump} END`,
        ),
      ),
      `CREATE TRIGGER contacts_attribution_version AFTER UPDATE OF account_id, lead_at ON contacts BEGIN ${bump} END`,
    ],
    drop: [
      'DROP TRIGGER IF EXISTS contacts_stage_stamp_insert',
      'DROP TRIGGER IF EXISTS contacts_stage_stamp_update',
      ...attributionSources.flatMap((t) =>
        ['insert', 'update', 'delete'].map((op) => `DROP TRIGGER IF EXISTS ${t}_attribution_${op}`),
      ),
      'DROP TRIGGER IF EXISTS contacts_attribution_version',
    ],
  };
};

/** Campaigns with costs and members, campaign touchpoints, stage stamps for the funnel, dashboards. */
export const campaigns = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const { timestamp: ts, money } = columnTypes(engine);

    await db.schema
      .createTable('campaigns')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('sort_name', 'text', (c) => c.notNull())
      .addColumn('channel', 'text', (c) => c.notNull())
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('start_date', 'text')
      .addColumn('end_date', 'text')
      .addColumn('owner_id', 'text', (c) => c.references('users.id'))
      .addColumn('team_id', 'text', (c) => c.references('teams.id'))
      // whose campaign it is in the department view (defaults to the owner's department)
      .addColumn('department', 'text', (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('budget', money, (c) => c.notNull().defaultTo(0))
      .addColumn('expected_leads', 'integer')
      .addColumn('expected_pipeline', money)
      .addColumn('utm_keys', 'text', (c) => c.notNull().defaultTo('[]'))
      .addColumn('description', 'text')
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addColumn('deleted_at', ts)
      .execute();
    await db.schema
      .createIndex('campaigns_live_name')
      .on('campaigns')
      .columns(['sort_name', 'id'])
      .where(sql<boolean>`deleted_at is null`)
      .execute();

    // One row per UTM key: a key belongs to one campaign, and a form post finds it by primary key.
    await db.schema
      .createTable('campaign_utm_keys')
      .addColumn('key', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
      .execute();
    await db.schema.createIndex('campaign_utm_keys_campaign').on('campaign_utm_keys').column('campaign_id').execute();

    await db.schema
      .createTable('campaign_costs')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
      .addColumn('description', 'text', (c) => c.notNull())
      .addColumn('amount', money, (c) => c.notNull())
      .addColumn('currency', 'text', (c) => c.notNull())
      .addColumn('incurred_on', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('created_at', ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('campaign_costs_campaign').on('campaign_costs').column('campaign_id').execute();

    await db.schema
      .createTable('campaign_members')
      .addColumn('campaign_id', 'text', (c) => c.notNull().references('campaigns.id').onDelete('cascade'))
      .addColumn('contact_id', 'text', (c) => c.notNull().references('contacts.id'))
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('added_via', 'text', (c) => c.notNull())
      .addColumn('responded_at', ts)
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .addPrimaryKeyConstraint('campaign_members_pk', ['campaign_id', 'contact_id'])
      .execute();
    await db.schema
      .createIndex('campaign_members_status')
      .on('campaign_members')
      .columns(['campaign_id', 'status', 'contact_id'])
      .execute();
    await db.schema.createIndex('campaign_members_contact').on('campaign_members').column('contact_id').execute();

    // Touchpoints know their campaign (resolved when they are recorded); attribution reads a contact's
    // touches from one covering index.
    await db.schema
      .alterTable('touchpoints')
      .addColumn('campaign_id', 'text', (c) => c.references('campaigns.id'))
      .execute();
    await db.schema.dropIndex('touchpoints_contact').execute();
    await db.schema
      .createIndex('touchpoints_contact')
      .on('touchpoints')
      .columns(['contact_id', 'occurred_at', 'campaign_id', 'type', 'id'])
      .execute();
    await db.schema
      .createIndex('touchpoints_campaign')
      .on('touchpoints')
      .columns(['campaign_id', 'occurred_at'])
      .execute();

    // A form links to a campaign by id now; the old free-text key stays as a UTM fallback.
    await db.schema
      .alterTable('forms')
      .addColumn('campaign_id', 'text', (c) => c.references('campaigns.id'))
      .execute();

    // Funnel facts on the contact: when it first reached each stage, and the campaign of its first
    // campaign touch.
    for (const stage of stampedStages) {
      await db.schema.alterTable('contacts').addColumn(`${stage}_at`, ts).execute();
    }
    await db.schema
      .alterTable('contacts')
      .addColumn('source_campaign_id', 'text', (c) => c.references('campaigns.id'))
      .execute();
    await db.schema
      .createIndex('contacts_funnel')
      .on('contacts')
      .columns(['lead_at', ...stampedStages.filter((s) => s !== 'lead').map((s) => `${s}_at`)])
      .where(sql<boolean>`deleted_at is null and lead_at is not null`)
      .execute();
    // Existing contacts: every funnel contact became a lead when it was created, the stage it is in now
    // was reached when it was last updated; handoffs and deals tell the rest.
    await sql`update contacts set lead_at = created_at where lifecycle_stage in (${sql.join([...stampedStages])})`.execute(
      db,
    );
    for (const stage of stampedStages.filter((s) => s !== 'lead')) {
      await sql`update contacts set ${sql.ref(`${stage}_at`)} = updated_at where lifecycle_stage = ${stage}`.execute(
        db,
      );
    }
    await sql`update contacts set mql_at = (select min(h.qualified_at) from handoffs h where h.contact_id = contacts.id)
      where mql_at is null and exists (select 1 from handoffs h where h.contact_id = contacts.id)`.execute(db);
    await sql`update contacts set sal_at = (select min(h.accepted_at) from handoffs h where h.contact_id = contacts.id)
      where sal_at is null and exists (select 1 from handoffs h where h.contact_id = contacts.id and h.accepted_at is not null)`.execute(
      db,
    );
    await sql`update contacts set opportunity_at = (select min(d.created_at) from deal_contacts dc join deals d on d.id = dc.deal_id where dc.contact_id = contacts.id)
      where opportunity_at is null and exists (select 1 from deal_contacts dc where dc.contact_id = contacts.id)`.execute(
      db,
    );
    await sql`update contacts set customer_at = (select min(d.closed_at) from deal_contacts dc join deals d on d.id = dc.deal_id where dc.contact_id = contacts.id and d.status = 'won')
      where customer_at is null and exists (select 1 from deal_contacts dc join deals d on d.id = dc.deal_id where dc.contact_id = contacts.id and d.status = 'won')`.execute(
      db,
    );

    await db.schema
      .createTable('dashboards')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('owner_id', 'text', (c) => c.notNull().references('users.id'))
      .addColumn('name', 'text', (c) => c.notNull())
      .addColumn('widgets', 'text', (c) => c.notNull())
      .addColumn('shared', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('dashboards_owner').on('dashboards').columns(['owner_id', 'name']).execute();

    await db.schema
      .createTable('data_versions')
      .addColumn('name', 'text', (c) => c.primaryKey())
      .addColumn('version', 'integer', (c) => c.notNull())
      .execute();
    await sql`insert into data_versions (name, version) values ('attribution', 1)`.execute(db);

    for (const statement of derivedFactTriggers(engine).create) await sql.raw(statement).execute(db);
  },
});
