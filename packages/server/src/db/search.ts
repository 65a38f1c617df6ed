import { searchDigraphs, searchFolds, searchKey, sortKey } from '@nenner/shared';
import { type Expression, type Kysely, type SqlBool, SqliteAdapter, sql } from 'kysely';
import { decodeCursor } from '../lib/cursor.js';
import type { Db } from './db.js';
import type { Engine } from './dialect.js';

/*
 * The search documents of contacts and accounts (issue 14), kept by triggers whatever code path writes:
 * `contact_search_docs` / `account_search_docs` hold one folded text per record, framed and separated by
 * spaces (" hans muller h.muller@stahlbau.de h muller stahlbau de … stahlbau rhein ag "). SQLite indexes it
 * with an FTS5 trigram table (substring LIKE through the index), PostgreSQL with a pg_trgm GIN index.
 * Folding is `searchKey` of @nenner/shared spelled in SQL from the same letter list, so a query folded in
 * JavaScript meets the document folded by the database letter for letter.
 */

const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;

/**
 * PostgreSQL: pg_trgm's GIN operator class, qualified by the schema the extension was installed in (migration
 * 0028), which is not necessarily the workspace's.
 */
export const trigramOpclass = async (db: Kysely<unknown>): Promise<string> => {
  const { rows } = await sql<{ schema: string }>`
    select n.nspname as schema from pg_extension e join pg_namespace n on n.oid = e.extnamespace
    where e.extname = 'pg_trgm'`.execute(db);
  return `"${rows[0]?.schema ?? 'public'}".gin_trgm_ops`;
};

/** `searchKey(expr)` in SQL. SQLite's lower() folds A–Z only, as the list does; PostgreSQL translates. */
export const foldSql = (engine: Engine, expr: string): string => {
  let out: string;
  if (engine === 'postgres') {
    const single = searchFolds.filter(([, to]) => to.length === 1);
    out = `translate(${expr}, ${lit(single.map(([f]) => f).join(''))}, ${lit(single.map(([, t]) => t).join(''))})`;
    for (const [from, to] of searchFolds.filter(([, t]) => t.length > 1))
      out = `replace(${out}, ${lit(from)}, ${lit(to)})`;
  } else {
    out = `lower(${expr})`;
    for (const [from, to] of searchFolds.filter(([f]) => !/[A-Z]/.test(f))) {
      out = `replace(${out}, ${lit(from)}, ${lit(to)})`;
    }
  }
  for (const [from, to] of searchDigraphs) out = `replace(${out}, ${lit(from)}, ${lit(to)})`;
  return out;
};

/** An address or a JSON list of addresses with its separators as spaces, so its parts are words too. */
const words = (expr: string) => {
  let out = `coalesce(${expr}, '')`;
  for (const ch of ['.', '@', '-', '_', '"', '[', ']', ',', '/']) out = `replace(${out}, ${lit(ch)}, ' ')`;
  return out;
};

const joined = (parts: string[]) => `' ' || ${parts.join(` || ' ' || `)} || ' '`;

/** The document of the contact in row `r` before folding: names, addresses, phone, job title, the account's name. */
export const contactDocText = (r: string) =>
  joined([
    `coalesce(${r}.first_name, '')`,
    `coalesce(${r}.last_name, '')`,
    // double names by their parts as well, so "Schmidt-Müller" is a whole-word match for "müller"
    words(`${r}.last_name`),
    `coalesce(${r}.email, '')`,
    words(`${r}.email`),
    words(`${r}.emails`),
    `coalesce(${r}.phone, '')`,
    `coalesce(${r}.job_title, '')`,
    `coalesce((SELECT name FROM accounts WHERE accounts.id = ${r}.account_id), '')`,
  ]);

/** The document of the contact in row `r`, folded. */
export const contactDocSql = (engine: Engine, r: string) => foldSql(engine, contactDocText(r));

/** The document of the account in row `r`: name, domain (whole and by its parts), city. */
export const accountDocText = (r: string) =>
  joined([`coalesce(${r}.name, '')`, `coalesce(${r}.domain, '')`, words(`${r}.domain`), `coalesce(${r}.city, '')`]);
export const accountDocSql = (engine: Engine, r: string) => foldSql(engine, accountDocText(r));

/** The document of the deal in row `r`: its name (migration 0036). */
export const dealDocText = (r: string) => joined([`coalesce(${r}.name, '')`]);
export const dealDocSql = (engine: Engine, r: string) => foldSql(engine, dealDocText(r));

/** `words(expr)` in JavaScript: the separators of an address (or a JSON list of them) as spaces. */
const wordsOf = (s: string | null) => (s ?? '').replace(/[.@\-_"[\],/]/g, ' ');
const joinedOf = (parts: (string | null)[]) => ` ${parts.map((p) => p ?? '').join(' ')} `;

/**
 * The documents above in JavaScript, folded by `searchKey` (which folds letter for letter as `foldSql`): for
 * a bulk loader that has each row's fields at hand and writes its documents with the rows. The seed did it
 * in SQL after its load, one INSERT…SELECT per table: 10 s of one core for 1M contacts on SQLite, 152 s on
 * PostgreSQL. `seed-search.test.ts` compares the documents with those the triggers write.
 */
export const searchDocOf = {
  contact: (
    c: {
      first_name: string | null;
      last_name: string | null;
      email: string | null;
      emails: string | null;
      phone: string | null;
      job_title: string | null;
    },
    accountName: string | null,
  ) =>
    searchKey(
      joinedOf([
        c.first_name,
        c.last_name,
        wordsOf(c.last_name),
        c.email,
        wordsOf(c.email),
        wordsOf(c.emails),
        c.phone,
        c.job_title,
        accountName,
      ]),
    ),
  account: (a: { name: string | null; domain: string | null; city: string | null }) =>
    searchKey(joinedOf([a.name, a.domain, wordsOf(a.domain), a.city])),
  deal: (name: string | null) => searchKey(joinedOf([name])),
};

const contactFields = 'first_name, last_name, email, emails, phone, job_title, account_id';
const accountFields = 'name, domain, city';

/**
 * What a document carries beside its text, so a ranked search orders and filters its matches in the
 * documents alone and reads only the page's records. By generation: none (0028); the record's sort keys
 * and deletion time (0039); its creation and change times (0044). Migrations name the generation they
 * write; everything else writes the latest.
 */
export type DocKeyGeneration = 0 | 1 | 2;
const docKeyColumns = {
  contact: [
    ['sort_last_name', 'sort_first_name', 'deleted_at'],
    ['created_at', 'updated_at'],
  ],
  account: [
    ['sort_name', 'deleted_at'],
    ['created_at', 'updated_at'],
  ],
};
const keysOf = (kind: 'contact' | 'account', generation: DocKeyGeneration) =>
  docKeyColumns[kind].slice(0, generation).flat();
const keyColumns = (keys: string[]) => keys.map((k) => `, ${k}`).join('');
const keyValues = (keys: string[], r: string) => keys.map((k) => `, ${r}.${k}`).join('');

type DocKind = 'contact' | 'account' | 'deal';

/**
 * SQLite: the documents' FTS5 tables read their text from the documents (external content), kept by these:
 * the trigram index (`…_search_fts`, triggers `…_search_docs_<op>`) and, since 0040, the word index
 * (`…_search_words`, triggers `…_search_words_<op>`).
 */
const ftsSync = (t: DocKind, index: 'fts' | 'words' = 'fts') => {
  const fts = `${t}_search_${index}`;
  const name = `${t}_search_${index === 'fts' ? 'docs' : 'words'}`;
  return [
    `CREATE TRIGGER ${name}_insert AFTER INSERT ON ${t}_search_docs BEGIN INSERT INTO ${fts} (rowid, doc) VALUES (NEW.n, NEW.doc); END`,
    `CREATE TRIGGER ${name}_delete AFTER DELETE ON ${t}_search_docs BEGIN INSERT INTO ${fts} (${fts}, rowid, doc) VALUES ('delete', OLD.n, OLD.doc); END`,
    `CREATE TRIGGER ${name}_update AFTER UPDATE OF doc ON ${t}_search_docs BEGIN INSERT INTO ${fts} (${fts}, rowid, doc) VALUES ('delete', OLD.n, OLD.doc); INSERT INTO ${fts} (rowid, doc) VALUES (NEW.n, NEW.doc); END`,
  ];
};

const wordKinds = ['contact', 'account', 'deal'] as const;

/**
 * SQLite (migration 0040): a word index beside each trigram index, FTS5 with the unicode61 tokenizer over
 * the same documents. A ranked search finds its whole-word and word-beginning matches (rank 0 and 1) there:
 * one list per word instead of the intersection of every trigram's, which for a common name (`mueller`:
 * thousands of matches, trigrams such as `ell` in a fifth of all documents) was most of the query's time.
 */
export const wordIndexes = {
  tables: wordKinds.flatMap((t) => [
    `CREATE VIRTUAL TABLE ${t}_search_words USING fts5(doc, content='${t}_search_docs', content_rowid='n', tokenize='unicode61')`,
    // a deleted or rewritten document leaves no word behind in the index's pages (an erasure under DSGVO
    // Art. 17 must leave the name nowhere in the file); the trigram index holds no whole word to leave
    `INSERT INTO ${t}_search_words (${t}_search_words, rank) VALUES ('secure-delete', 1)`,
  ]),
  rebuild: wordKinds.map((t) => `INSERT INTO ${t}_search_words (${t}_search_words) VALUES ('rebuild')`),
  create: wordKinds.flatMap((t) => ftsSync(t, 'words')),
  drop: wordKinds.flatMap((t) =>
    ['insert', 'delete', 'update'].map((op) => `DROP TRIGGER IF EXISTS ${t}_search_words_${op}`),
  ),
};

/**
 * The triggers that keep the documents true. Exported so bulk loaders can drop them for a load and
 * recreate them after (`searchBulkLoad`).
 */
export const searchTriggers = (engine: Engine, generation: DocKeyGeneration = 2) => {
  const contactDoc = (r: string) => contactDocSql(engine, r);
  const accountDoc = (r: string) => accountDocSql(engine, r);
  const contactsOfAccount = `UPDATE contact_search_docs SET doc = (SELECT ${contactDoc('c')} FROM contacts c WHERE c.id = contact_search_docs.contact_id) WHERE contact_id IN (SELECT id FROM contacts WHERE account_id = NEW.id)`;
  // 0028 created the triggers without the keys; 0039 and 0044 replaced them by these
  const cKeys = keysOf('contact', generation);
  const aKeys = keysOf('account', generation);
  const setKeys = (keys: string[]) => keys.map((k) => `, ${k} = excluded.${k}`).join('');
  // since 0044 every edit moves `updated_at`: an edit that leaves the text's fields alone copies the keys
  // and does not fold the document again (PostgreSQL, 2,000 edits at 1M: 0.25 ms each with the folding,
  // 0.13–0.19 ms with the keys copied alone)
  const keysOnly = (table: string, id: string, fields: string, keys: string[]) => {
    if (generation < 2) return '';
    const row = (r: string) =>
      `ROW(${fields
        .split(', ')
        .map((f) => `${r}.${f}`)
        .join(', ')})`;
    return `IF TG_OP = 'UPDATE' AND ${row('NEW')} IS NOT DISTINCT FROM ${row('OLD')} THEN
    UPDATE ${table} SET ${keys.map((k) => `${k} = NEW.${k}`).join(', ')} WHERE ${id} = NEW.id; RETURN NULL;
  END IF;
  `;
  };
  if (engine === 'postgres') {
    return {
      create: [
        `CREATE OR REPLACE FUNCTION nenner_contact_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN DELETE FROM contact_search_docs WHERE contact_id = OLD.id; RETURN NULL; END IF;
  ${keysOnly('contact_search_docs', 'contact_id', contactFields, cKeys)}INSERT INTO contact_search_docs (contact_id, doc${keyColumns(cKeys)}) VALUES (NEW.id, ${contactDoc('NEW')}${keyValues(cKeys, 'NEW')})
    ON CONFLICT (contact_id) DO UPDATE SET doc = excluded.doc${setKeys(cKeys)};
  RETURN NULL;
END $$`,
        `CREATE OR REPLACE FUNCTION nenner_account_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN DELETE FROM account_search_docs WHERE account_id = OLD.id; RETURN NULL; END IF;
  ${keysOnly('account_search_docs', 'account_id', accountFields, aKeys)}INSERT INTO account_search_docs (account_id, doc${keyColumns(aKeys)}) VALUES (NEW.id, ${accountDoc('NEW')}${keyValues(aKeys, 'NEW')})
    ON CONFLICT (account_id) DO UPDATE SET doc = excluded.doc${setKeys(aKeys)};
  IF TG_OP = 'UPDATE' AND NEW.name IS DISTINCT FROM OLD.name THEN ${contactsOfAccount}; END IF;
  RETURN NULL;
END $$`,
        `CREATE TRIGGER contacts_search_doc AFTER INSERT OR DELETE OR UPDATE OF ${contactFields}${keyColumns(cKeys)} ON contacts FOR EACH ROW EXECUTE FUNCTION nenner_contact_search_doc()`,
        `CREATE TRIGGER accounts_search_doc AFTER INSERT OR DELETE OR UPDATE OF ${accountFields}${keyColumns(aKeys)} ON accounts FOR EACH ROW EXECUTE FUNCTION nenner_account_search_doc()`,
      ],
      drop: [
        'DROP TRIGGER IF EXISTS contacts_search_doc ON contacts',
        'DROP TRIGGER IF EXISTS accounts_search_doc ON accounts',
      ],
    };
  }
  return {
    create: [
      ...ftsSync('contact'),
      ...ftsSync('account'),
      `CREATE TRIGGER contacts_search_insert AFTER INSERT ON contacts BEGIN INSERT INTO contact_search_docs (contact_id, doc${keyColumns(cKeys)}) VALUES (NEW.id, ${contactDoc('NEW')}${keyValues(cKeys, 'NEW')}); END`,
      `CREATE TRIGGER contacts_search_update AFTER UPDATE OF ${contactFields} ON contacts BEGIN UPDATE contact_search_docs SET doc = ${contactDoc('NEW')} WHERE contact_id = NEW.id; END`,
      'CREATE TRIGGER contacts_search_delete AFTER DELETE ON contacts BEGIN DELETE FROM contact_search_docs WHERE contact_id = OLD.id; END',
      `CREATE TRIGGER accounts_search_insert AFTER INSERT ON accounts BEGIN INSERT INTO account_search_docs (account_id, doc${keyColumns(aKeys)}) VALUES (NEW.id, ${accountDoc('NEW')}${keyValues(aKeys, 'NEW')}); END`,
      `CREATE TRIGGER accounts_search_update AFTER UPDATE OF ${accountFields} ON accounts BEGIN UPDATE account_search_docs SET doc = ${accountDoc('NEW')} WHERE account_id = NEW.id; END`,
      `CREATE TRIGGER accounts_search_rename AFTER UPDATE OF name ON accounts WHEN OLD.name IS NOT NEW.name BEGIN ${contactsOfAccount}; END`,
      'CREATE TRIGGER accounts_search_delete AFTER DELETE ON accounts BEGIN DELETE FROM account_search_docs WHERE account_id = OLD.id; END',
      // the keys apart from the text: a rename or a deletion does not rewrite the trigram index for them
      ...(generation > 0
        ? [
            `CREATE TRIGGER contacts_search_keys AFTER UPDATE OF ${cKeys.join(', ')} ON contacts BEGIN UPDATE contact_search_docs SET ${cKeys.map((k) => `${k} = NEW.${k}`).join(', ')} WHERE contact_id = NEW.id; END`,
            `CREATE TRIGGER accounts_search_keys AFTER UPDATE OF ${aKeys.join(', ')} ON accounts BEGIN UPDATE account_search_docs SET ${aKeys.map((k) => `${k} = NEW.${k}`).join(', ')} WHERE account_id = NEW.id; END`,
          ]
        : []),
    ],
    drop: [
      ...['contact', 'account'].flatMap((t) =>
        ['insert', 'delete', 'update'].map((op) => `DROP TRIGGER IF EXISTS ${t}_search_docs_${op}`),
      ),
      ...['contacts_search_insert', 'contacts_search_update', 'contacts_search_delete', 'contacts_search_keys'].map(
        (t) => `DROP TRIGGER IF EXISTS ${t}`,
      ),
      ...[
        'accounts_search_insert',
        'accounts_search_update',
        'accounts_search_rename',
        'accounts_search_delete',
        'accounts_search_keys',
      ].map((t) => `DROP TRIGGER IF EXISTS ${t}`),
    ],
  };
};

/**
 * The triggers of the deals' documents (migration 0036): the global search found deals by folding every
 * deal's name per query, a scan that took seconds at 100,000 deals. Apart from `searchTriggers`, which
 * migration 0028 ran as it stands.
 */
export const dealSearchTriggers = (engine: Engine) => {
  const doc = dealDocSql(engine, 'NEW');
  if (engine === 'postgres') {
    return {
      create: [
        `CREATE OR REPLACE FUNCTION nenner_deal_search_doc() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN DELETE FROM deal_search_docs WHERE deal_id = OLD.id; RETURN NULL; END IF;
  INSERT INTO deal_search_docs (deal_id, doc) VALUES (NEW.id, ${doc})
    ON CONFLICT (deal_id) DO UPDATE SET doc = excluded.doc;
  RETURN NULL;
END $$`,
        'CREATE TRIGGER deals_search_doc AFTER INSERT OR DELETE OR UPDATE OF name ON deals FOR EACH ROW EXECUTE FUNCTION nenner_deal_search_doc()',
      ],
      drop: ['DROP TRIGGER IF EXISTS deals_search_doc ON deals'],
    };
  }
  return {
    create: [
      ...ftsSync('deal'),
      `CREATE TRIGGER deals_search_insert AFTER INSERT ON deals BEGIN INSERT INTO deal_search_docs (deal_id, doc) VALUES (NEW.id, ${doc}); END`,
      `CREATE TRIGGER deals_search_update AFTER UPDATE OF name ON deals BEGIN UPDATE deal_search_docs SET doc = ${doc} WHERE deal_id = NEW.id; END`,
      'CREATE TRIGGER deals_search_delete AFTER DELETE ON deals BEGIN DELETE FROM deal_search_docs WHERE deal_id = OLD.id; END',
    ],
    drop: [
      ...['insert', 'delete', 'update'].map((op) => `DROP TRIGGER IF EXISTS deal_search_docs_${op}`),
      ...['deals_search_insert', 'deals_search_update', 'deals_search_delete'].map(
        (t) => `DROP TRIGGER IF EXISTS ${t}`,
      ),
    ],
  };
};

/**
 * SQLite (migration 0047): the deal list's text filter is a substring of the deal's sort key (`sort_name
 * LIKE '%…%'`, unfolded beyond `sortKey`), which no B-tree serves. This FTS5 trigram index holds the sort keys
 * themselves, so a text of three letters or more, as one phrase of its trigrams, finds the same deals. Its
 * rowid is the deal's document `n`: the deals' own rowid is no key (VACUUM may renumber a table without an
 * INTEGER PRIMARY KEY). The document is written with the deal (0036's triggers), so the index follows it.
 */
export const dealNameIndex = {
  table: "CREATE VIRTUAL TABLE deal_name_fts USING fts5(sort_name, tokenize='trigram')",
  create: [
    'CREATE TRIGGER deal_name_fts_insert AFTER INSERT ON deal_search_docs BEGIN INSERT INTO deal_name_fts (rowid, sort_name) SELECT NEW.n, d.sort_name FROM deals d WHERE d.id = NEW.deal_id; END',
    'CREATE TRIGGER deal_name_fts_delete AFTER DELETE ON deal_search_docs BEGIN DELETE FROM deal_name_fts WHERE rowid = OLD.n; END',
    'CREATE TRIGGER deals_name_fts_update AFTER UPDATE OF sort_name ON deals BEGIN UPDATE deal_name_fts SET sort_name = NEW.sort_name WHERE rowid = (SELECT s.n FROM deal_search_docs s WHERE s.deal_id = NEW.id); END',
  ],
  drop: ['deal_name_fts_insert', 'deal_name_fts_delete', 'deals_name_fts_update'].map(
    (t) => `DROP TRIGGER IF EXISTS ${t}`,
  ),
  /** After the deals' documents were written anew (a bulk load without the triggers). */
  rebuild: [
    'DELETE FROM deal_name_fts',
    'INSERT INTO deal_name_fts (rowid, sort_name) SELECT s.n, d.sort_name FROM deal_search_docs s JOIN deals d ON d.id = s.deal_id',
  ],
};

/** Writes every deal's document anew (migration 0036). */
export const rebuildDealSearchDocs = (engine: Engine): string[] => [
  'DELETE FROM deal_search_docs',
  `INSERT INTO deal_search_docs (deal_id, doc) SELECT d.id, ${dealDocSql(engine, 'd')} FROM deals d`,
];

/**
 * Writes every document anew from the records (migration 0028): one INSERT…SELECT each; with the keys of
 * the given generation (0028 wrote the documents before there were any).
 */
export const rebuildSearchDocs = (engine: Engine, generation: DocKeyGeneration): string[] => {
  const a = keysOf('account', generation);
  const c = keysOf('contact', generation);
  return [
    'DELETE FROM contact_search_docs',
    'DELETE FROM account_search_docs',
    `INSERT INTO account_search_docs (account_id, doc${keyColumns(a)}) SELECT a.id, ${accountDocSql(engine, 'a')}${keyValues(a, 'a')} FROM accounts a`,
    `INSERT INTO contact_search_docs (contact_id, doc${keyColumns(c)}) SELECT c.id, ${contactDocSql(engine, 'c')}${keyValues(c, 'c')} FROM contacts c`,
  ];
};

/** SQLite: the FTS5 indexes over the search documents (external content), the trigram and the word index of each kind. */
const documentIndexes = wordKinds.flatMap((t) =>
  ['fts', 'words'].map((index) => ({ name: `${t}_search_${index}`, docs: `${t}_search_docs` })),
);

/**
 * A bulk load without the per-row triggers that write the search documents: the loader writes each row's
 * document with it (`searchDocOf`). `before` the load drops the triggers; `create` brings them back after.
 * On SQLite the FTS5 indexes of the documents in `indexed` are built anew from them after the load, in one
 * pass each (seed.search.ts; indexed as they came in, by the triggers, 1M contacts took 118 s to load
 * against 22 s and a 23 s rebuild), and `after` rebuilds the deals' name index. PostgreSQL's indexes are
 * ordinary ones of the document tables, which the loader drops and recreates with the others.
 */
export const searchBulkLoad = (engine: Engine) => {
  const sqlite = engine === 'sqlite';
  return {
    before: [
      ...searchTriggers(engine).drop,
      ...dealSearchTriggers(engine).drop,
      ...(sqlite ? [...wordIndexes.drop, ...dealNameIndex.drop] : []),
    ],
    indexed: sqlite ? documentIndexes : [],
    after: sqlite ? dealNameIndex.rebuild : [],
    create: [
      ...searchTriggers(engine).create,
      ...dealSearchTriggers(engine).create,
      ...(sqlite ? [...wordIndexes.create, ...dealNameIndex.create] : []),
    ],
  };
};

/**
 * SQLite: every search index emptied at once, after the documents were deleted with their triggers off
 * (`seed --force`): FTS5's `delete-all` frees an external-content index's pages instead of removing each
 * document's terms one by one; the deals' name index keeps its own content and is emptied as a table.
 */
export const emptySearchIndexes = [
  ...documentIndexes.map(({ name }) => `INSERT INTO ${name} (${name}) VALUES ('delete-all')`),
  'DELETE FROM deal_name_fts',
];

const escapeLike = (s: string) => s.replace(/[%_\\]/g, '');

/**
 * SQLite: every word (3 letters or more) in the FTS5 table `f`, each a phrase of its trigrams: a substring
 * match found in the index alone, without reading the text of each candidate as a LIKE through the index
 * does (1.4–1.6× faster for thousands of matches; the same rows).
 */
const ftsPhrases = (words: string[]): Expression<SqlBool> =>
  sql<SqlBool>`f.doc match ${words.map((w) => `"${w.replace(/"/g, '""')}"`).join(' ')}`;

/** The shortest word the trigram indexes can look up; shorter queries use the lists' prefix search. */
export const MIN_INDEXED_WORD = 3;

/**
 * Whether the search document `s.doc` (its table aliased `s`) holds every word, each anywhere. On SQLite
 * the words long enough for trigrams go through the FTS5 table first (its LIKE uses the trigram index).
 */
export const docMatches = (engine: Engine, kind: DocKind, words: string[], idColumn: string): Expression<SqlBool> => {
  const likes = words.map(escapeLike).filter(Boolean);
  const outer = likes.map((w) => sql`s.doc like ${`%${w}%`}`);
  const long = likes.filter((w) => w.length >= MIN_INDEXED_WORD);
  if (engine === 'sqlite' && long.length > 0) {
    const fts = sql.table(`${kind}_search_fts`);
    const docs = sql.table(`${kind}_search_docs`);
    const inner = ftsPhrases(long);
    // the records by their primary key from the index's matches; CROSS JOIN keeps SQLite's join order
    // (the trigram index first, then each match's document by its rowid), whatever its statistics say
    outer.unshift(
      sql`${sql.ref(idColumn)} in (select d.${sql.ref(`${kind}_id`)} from ${fts} f cross join ${docs} d on d.n = f.rowid where ${inner})`,
    );
  }
  return sql<SqlBool>`(${sql.join(outer, sql` and `)})`;
};

/** Where a ranked page continues: after the row of this rank, sort value and id. */
export interface RankedCursor {
  rank: number;
  value: string | number;
  id: string;
}

/** What the documents carry per kind (0039, 0044): their record's id column and the sort keys a ranked page orders by. */
const docKeys = {
  contact: { id: 'contact_id', sorts: ['sort_last_name', 'sort_first_name', 'created_at', 'updated_at'] },
  account: { id: 'account_id', sorts: ['sort_name', 'created_at', 'updated_at'] },
} as const;

/** Whether a ranked list sorted by `column` (e.g. `c.sort_last_name`) can be read from the documents alone. */
export const docSortable = (kind: 'contact' | 'account', column: string): boolean =>
  (docKeys[kind].sorts as readonly string[]).includes(column.replace(/^\w+\./, ''));

/**
 * One ranked page of live (or, for the trash, deleted) records from their search documents alone: the
 * matches, their rank (`docRank`), ordered by rank, then the sort key, then the id, `limit` rows after
 * `cursor`. Only the page's ids come back, so the caller reads just those records: a query with thousands
 * of matches (`mueller`) no longer reads every match's record to sort them. For a list with no filter
 * but the query and the trash, sorted by a key the documents carry (`docSortable`). On SQLite the page is
 * read rank by rank, the whole words and beginnings of words from the word index (0040).
 */
export const rankedDocPage = (
  db: Db,
  kind: 'contact' | 'account',
  words: string[],
  o: { sortColumn: string; desc: boolean; trash: boolean; limit: number; cursor?: RankedCursor },
): Promise<{ id: string; search_rank: number }[]> =>
  engineOf(db) === 'postgres' && !db.isTransaction
    ? db.transaction().execute(async (trx) => {
        // PostgreSQL plans a page over thousands of matches across parallel workers: no faster alone
        // (`muller` at 1M: 22 ms serial, 26 parallel), and at 20 searches at once a third fewer per second
        await sql`set local max_parallel_workers_per_gather = 0`.execute(trx);
        return readRankedDocPage(trx, kind, words, o);
      })
    : readRankedDocPage(db, kind, words, o);

const readRankedDocPage = async (
  db: Db,
  kind: 'contact' | 'account',
  words: string[],
  o: { sortColumn: string; desc: boolean; trash: boolean; limit: number; cursor?: RankedCursor },
): Promise<{ id: string; search_rank: number }[]> => {
  const key = docKeys[kind];
  const sortField = o.sortColumn.replace(/^\w+\./, '');
  const orderKey = sql.ref(`s.${sortField}`);
  const id = sql.ref(`s.${key.id}`);
  const engine = engineOf(db);
  const rank = docRank(engine, words);
  const dir = sql.raw(o.desc ? 'desc' : 'asc');
  const after = sql.raw(o.desc ? '<' : '>');
  const likes = words.map(escapeLike).filter(Boolean);
  const docs = sql.table(`${kind}_search_docs`);
  const live = sql<SqlBool>`s.deleted_at ${sql.raw(o.trash ? 'is not null' : 'is null')}`;
  const page = (
    from: Expression<unknown>,
    conditions: Expression<SqlBool>[],
    rankOf: Expression<number>,
    limit: number,
  ) =>
    sql<{ id: string; search_rank: number }>`
      select ${id} as id, ${rankOf} as search_rank from ${from}
      where ${sql.join([...conditions, live], sql` and `)}
      order by search_rank, ${orderKey} ${dir}, ${id} ${dir}
      limit ${limit}`
      .execute(db)
      .then((r) => r.rows.map((row) => ({ id: row.id, search_rank: Number(row.search_rank) })));
  // every match through the trigram index: on SQLite its matches first, then each match's document by its
  // rowid; CROSS JOIN keeps that order whatever the statistics say (left to itself SQLite may scan the
  // documents instead). The words too short for trigrams are tested on the documents.
  const long = engine === 'sqlite' ? likes.filter((w) => w.length >= MIN_INDEXED_WORD) : [];
  const everyMatch =
    long.length > 0 ? sql`${sql.table(`${kind}_search_fts`)} f cross join ${docs} s on s.n = f.rowid` : sql`${docs} s`;
  const matching: Expression<SqlBool>[] = [
    ...(long.length > 0 ? [ftsPhrases(long)] : []),
    ...likes.filter((w) => !long.includes(w)).map((w) => sql<SqlBool>`s.doc like ${`%${w}%`}`),
  ];
  const phrase = likes.join(' ');
  const byWords = wordLookup(engine, kind, phrase);
  if (byWords) {
    // rank by rank: the whole-word and word-beginning matches from the word index (0040, 0042), ordered
    // and cut there; the matches inside words through the trigram index only when those do not fill the
    // page. The same rows in the same order as one query over every match ordered by rank.
    const out: { id: string; search_rank: number }[] = [];
    for (const tier of [0, 1, 2] as const) {
      if (o.cursor && tier < o.cursor.rank) continue;
      const conditions: Expression<SqlBool>[] = [sql<SqlBool>`${rank} = ${tier}`];
      if (o.cursor && tier === o.cursor.rank) {
        conditions.push(sql<SqlBool>`(${orderKey}, ${id}) ${after} (${String(o.cursor.value)}, ${o.cursor.id})`);
      }
      out.push(
        ...(await (tier === 2
          ? page(everyMatch, [...matching, ...conditions], sql.lit(tier), o.limit - out.length)
          : page(byWords.from, [byWords.match(tier), ...conditions], sql.lit(tier), o.limit - out.length))),
      );
      if (out.length >= o.limit) break;
    }
    return out;
  }
  if (o.cursor) matching.push(afterRanked(rank, `s.${sortField}`, `s.${key.id}`, o.cursor, o.desc));
  return page(everyMatch, matching, rank, o.limit);
};

/**
 * PostgreSQL (migration 0042): the words of a document as its GIN index holds them. `translate` first
 * turns the characters into spaces after which the parser would make a token it does not index (a URL's
 * protocol, an XML tag, an entity), so every word that begins after a space in the document begins a
 * word here too: a whole word (` muller `) is a word, a beginning (` schro`) begins one. The expression
 * is spelled as the index's, or the planner cannot use it.
 */
export const pgWordVector = (alias?: string) =>
  `to_tsvector('simple'::regconfig, translate(${alias ? `${alias}.` : ''}doc, ':/<>&', '     '))`;

/**
 * Where a ranked page reads its whole-word (tier 0) and word-beginning (tier 1) matches: SQLite's FTS5
 * word index (0040) for a phrase with a letter or digit; PostgreSQL's word index (0042) for one word of
 * letters and digits, as the parser reads it whole (anything else goes to the trigram index alone). The
 * rank condition beside each match keeps the tier exact: the index finds candidates, the rank decides.
 */
const wordLookup = (engine: Engine, kind: DocKind, phrase: string) => {
  const docs = sql.table(`${kind}_search_docs`);
  if (engine === 'sqlite') {
    if (!/[\p{L}\p{N}]/u.test(phrase)) return null;
    const quoted = `"${phrase.replace(/"/g, '""')}"`;
    return {
      from: sql`${sql.table(`${kind}_search_words`)} w cross join ${docs} s on s.n = w.rowid`,
      match: (tier: 0 | 1) => sql<SqlBool>`w.doc match ${tier === 0 ? quoted : `${quoted} *`}`,
    };
  }
  if (!/^[a-z0-9]+$/.test(phrase)) return null;
  return {
    from: sql`${docs} s`,
    match: (tier: 0 | 1) =>
      sql<SqlBool>`${sql.raw(pgWordVector('s'))} @@ to_tsquery('simple', ${tier === 0 ? phrase : `${phrase}:*`})`,
  };
};

/**
 * A ranked page of a list (its filters `f`: trash, page size, cursor and sort) through the documents: the
 * page's ids from `rankedDocPage`, then only those records, read by `read`, in the page's order with their
 * ranks. One more than the page is read, so the caller knows whether a next page follows.
 */
export const rankedRecords = async <R extends { id: string }>(
  db: Db,
  kind: 'contact' | 'account',
  words: string[],
  f: { trash?: boolean | undefined; limit: number; cursor?: string | undefined; sort: string },
  order: { column: string; desc: boolean; timestamp: boolean },
  read: (ids: string[]) => Promise<R[]>,
) => {
  const page = await rankedDocPage(db, kind, words, {
    sortColumn: order.column,
    desc: order.desc,
    trash: Boolean(f.trash),
    limit: f.limit + 1,
    cursor: f.cursor ? decodeRankedCursor(f.cursor, f.sort, order.timestamp) : undefined,
  });
  return inPageOrder(page, page.length > 0 ? await read(page.map((p) => p.id)) : []);
};

/** After `at` in a ranked list ordered by rank, then `column` and `idColumn`: a later rank, or later in it. */
export const afterRanked = (
  rank: Expression<number>,
  column: string,
  idColumn: string,
  at: RankedCursor,
  desc: boolean,
): Expression<SqlBool> =>
  sql<SqlBool>`(${rank} > ${at.rank} or (${rank} = ${at.rank} and (${sql.ref(column)}, ${sql.ref(idColumn)}) ${sql.raw(desc ? '<' : '>')} (${String(at.value)}, ${at.id})))`;

/** The records of a ranked page (`rankedDocPage`) in its order, each with its rank. */
export const inPageOrder = <R extends { id: string }>(
  page: { id: string; search_rank: number }[],
  rows: R[],
): (R & { search_rank: number })[] => {
  const byId = new Map(rows.map((r) => [r.id, r]));
  return page.flatMap((p) => {
    const row = byId.get(p.id);
    return row ? [{ ...row, search_rank: p.search_rank }] : [];
  });
};

/** 0 when the query is a whole word of the document, 1 when it begins one, 2 when it is inside one. */
export const docRank = (engine: Engine, words: string[]) => {
  const q = words.map(escapeLike).join(' ');
  // a plain substring test (the documents and the words are folded already): cheaper than LIKE per match
  const has = sql.raw(engine === 'postgres' ? 'strpos' : 'instr');
  return sql<number>`(case when ${has}(s.doc, ${` ${q} `}) > 0 then 0 when ${has}(s.doc, ${` ${q}`}) > 0 then 1 else 2 end)`;
};

/**
 * Letters the sort key keeps (`sortKey` drops accents only) that the search folds to one letter: ø → o,
 * ł → l, æ → ae → a, œ → oe → o …
 */
const keptBySortKey = searchFolds
  .map(([from]) => [from, searchKey(from)] as const)
  .filter(([from, to]) => sortKey(from) === from && to.length === 1);

/**
 * The beginnings of sort keys (`sortKey`, what sort_last_name and the like hold) whose search key
 * (`searchKey`) begins with `p`, a folded word of a short query: `p` itself, with a kept letter for its
 * letter (ø for o), and ae/oe/ue for a/o/u followed by more (so "ab" meets "Aebi", whose search key is
 * "abi"). Each is a range of the sort key's index. Meant for the short words (under three letters) the
 * trigram indexes cannot look up; the result grows with the product of the letters' spellings.
 */
export const sortKeyPrefixes = (p: string): string[] => {
  const letters = [...p];
  let out = [''];
  letters.forEach((c, i) => {
    const spellings = [c, ...keptBySortKey.filter(([, to]) => to === c).map(([from]) => from)];
    if (i < letters.length - 1 && 'aou'.includes(c)) spellings.push(`${c}e`);
    out = out.flatMap((o) => spellings.map((s) => o + s));
  });
  return out;
};

/**
 * `column` begins with `prefix`, as a range of the column's index (a LIKE is not one on PostgreSQL's
 * collation-aware indexes, and an OR of LIKEs is none on either engine). Both engines compare text by
 * code point here (SQLite BINARY, PostgreSQL C.UTF-8), so U+10FFFF after the prefix is above every
 * continuation.
 */
export const prefixRange = (column: string, prefix: string, unindexed = false): Expression<SqlBool> => {
  // SQLite's unary `+` takes the column out of index selection (see db/plans.ts `notIndexed`)
  const c = unindexed ? sql`+${sql.ref(column)}` : sql.ref(column);
  return sql<SqlBool>`(${c} >= ${prefix} and ${c} < ${`${prefix}\u{10ffff}`})`;
};

/** Some of the sort key `column` begins with a spelling of `p` (`sortKeyPrefixes`). */
export const anySortKeyPrefix = (column: string, p: string): Expression<SqlBool> =>
  sql<SqlBool>`(${sql.join(
    sortKeyPrefixes(p).map((t) => prefixRange(column, t)),
    sql` or `,
  )})`;

/** Whether a query has a word long enough for the trigram indexes. */
export const isIndexedQuery = (words: string[]) => words.some((w) => escapeLike(w).length >= MIN_INDEXED_WORD);

/** The engine a query builder talks to. */
export const engineOf = (db: { getExecutor(): { adapter: unknown } }): Engine =>
  db.getExecutor().adapter instanceof SqliteAdapter ? 'sqlite' : 'postgres';

/** The sort a ranked page's cursor is made for: it carries the rank of the page's last row. */
export const rankedSort = (sort: string, rank: number) => `${sort}~rank${rank}`;

/**
 * Reads the cursor of a ranked page (made with `rankedSort`): its rank, sort value and id. A cursor of the
 * plain list, or of another sort, is refused as invalid, as `decodeCursor` refuses it.
 */
export const decodeRankedCursor = (
  cursor: string,
  sort: string,
  timestamp: boolean,
): { rank: number; value: string | number; id: string } => {
  let refusal: unknown;
  for (const rank of [0, 1, 2]) {
    try {
      const [value, id] = decodeCursor(cursor, { sort: rankedSort(sort, rank), timestamp });
      return { rank, value, id };
    } catch (e) {
      refusal = e;
    }
  }
  throw refusal;
};
