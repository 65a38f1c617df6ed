import type { Kysely } from 'kysely';
import { columnTypes, type Engine } from '../dialect.js';

/**
 * CSV and XLSX imports (issue 16). The uploaded file is kept in the database in pieces (`import_chunks`),
 * so a run streams it back with bounded memory and resumes after a restart from `processed` (the rows done,
 * committed in the same transaction as each batch). `import_changes` records what the run created or
 * changed (with the row before, and the `updated_at` the import left), which is what undo works from.
 */
export const imports = (engine: Engine) => ({
  async up(db: Kysely<unknown>): Promise<void> {
    const { timestamp: ts } = columnTypes(engine);
    const bytes = engine === 'postgres' ? 'bytea' : 'blob';
    await db.schema
      .createTable('imports')
      .addColumn('id', 'text', (c) => c.primaryKey())
      // contacts | accounts | deals
      .addColumn('entity', 'text', (c) => c.notNull())
      .addColumn('file_name', 'text', (c) => c.notNull())
      // csv | xlsx
      .addColumn('format', 'text', (c) => c.notNull())
      // uploaded | queued | running | done | failed | undone
      .addColumn('status', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('encoding', 'text', (c) => c.notNull())
      .addColumn('delimiter', 'text')
      .addColumn('preset', 'text', (c) => c.notNull())
      .addColumn('columns', 'text', (c) => c.notNull())
      .addColumn('mapping', 'text', (c) => c.notNull())
      .addColumn('dedupe', 'text', (c) => c.notNull())
      .addColumn('date_format', 'text', (c) => c.notNull())
      .addColumn('decimal', 'text', (c) => c.notNull())
      .addColumn('file_bytes', 'integer', (c) => c.notNull())
      .addColumn('total', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('processed', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('created', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('updated', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('skipped', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('failed', 'integer', (c) => c.notNull().defaultTo(0))
      // milliseconds spent running, for the rate and the time left
      .addColumn('run_ms', 'integer', (c) => c.notNull().defaultTo(0))
      .addColumn('started_at', ts)
      .addColumn('finished_at', ts)
      .addColumn('version', 'integer', (c) => c.notNull().defaultTo(1))
      .addColumn('created_at', ts, (c) => c.notNull())
      .addColumn('updated_at', ts, (c) => c.notNull())
      .execute();
    await db.schema.createIndex('imports_created').on('imports').columns(['created_at', 'id']).execute();

    await db.schema
      .createTable('import_chunks')
      .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
      .addColumn('seq', 'integer', (c) => c.notNull())
      .addColumn('data', bytes, (c) => c.notNull())
      .addPrimaryKeyConstraint('import_chunks_pk', ['import_id', 'seq'])
      .execute();

    await db.schema
      .createTable('import_changes')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
      // account | contact | deal
      .addColumn('entity_type', 'text', (c) => c.notNull())
      .addColumn('entity_id', 'text', (c) => c.notNull())
      // created | updated
      .addColumn('action', 'text', (c) => c.notNull())
      // the whole row before an update (JSON); null for a created record
      .addColumn('before', 'text')
      // the updated_at the import left: a later one means a person edited the record since
      .addColumn('stamp', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('import_changes_import')
      .on('import_changes')
      .columns(['import_id', 'entity_id'])
      .execute();

    await db.schema
      .createTable('import_errors')
      .addColumn('import_id', 'text', (c) => c.notNull().references('imports.id').onDelete('cascade'))
      .addColumn('row_number', 'integer', (c) => c.notNull())
      .addColumn('column_name', 'text')
      .addColumn('value', 'text')
      .addColumn('message', 'text', (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('import_errors_import')
      .on('import_errors')
      .columns(['import_id', 'row_number'])
      .execute();

    await db.schema
      .createTable('import_mappings')
      .addColumn('id', 'text', (c) => c.primaryKey())
      .addColumn('entity', 'text', (c) => c.notNull())
      // the file's column headers, sorted and joined: the same columns get the same mapping
      .addColumn('signature', 'text', (c) => c.notNull())
      .addColumn('mapping', 'text', (c) => c.notNull())
      .addColumn('created_by', 'text', (c) => c.references('users.id'))
      .addColumn('updated_at', ts, (c) => c.notNull())
      .execute();
    await db.schema
      .createIndex('import_mappings_signature')
      .on('import_mappings')
      .columns(['entity', 'signature'])
      .unique()
      .execute();
  },
});
