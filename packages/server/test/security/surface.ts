import { createHash } from 'node:crypto';
import { contract, type Endpoint, type PolicyAction } from '@nenner/shared';
import { sql } from 'kysely';
import { MISSING_ID, type Session, startTestApp, type TestApp } from '../harness.js';

/*
 * What the security suite walks: every operation of the OpenAPI document the app serves, joined to its
 * contract entry (which declares the policy action), a seeded world of real records whose ids fill the path
 * parameters, request samples generated from the operations' JSON schemas, and a per-table hash of the
 * database read from the schema itself (so tables added later are covered without editing a list).
 */

export type JsonSchema = {
  type?: string | string[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
  minItems?: number;
  maxItems?: number;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  default?: unknown;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  $ref?: string;
};

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema: JsonSchema;
}

export interface Operation {
  method: string;
  /** Fastify style, `/api/campaigns/:id`: the contract's key. */
  path: string;
  /** As the document names it, `/api/campaigns/{id}`. */
  docPath: string;
  endpoint: Endpoint;
  parameters: Parameter[];
  body?: JsonSchema;
}

interface OpenApiOperation {
  parameters?: Parameter[];
  requestBody?: { content?: Record<string, { schema?: JsonSchema }> };
}
export interface OpenApiDocument {
  paths: Record<string, Record<string, OpenApiOperation>>;
  components?: { schemas?: Record<string, JsonSchema> };
}

const contractByRoute = new Map<string, Endpoint>(
  (Object.values(contract) as Endpoint[]).map((e) => [`${e.method} ${e.path}`, e] as const),
);

/** Every operation the app documents; one without a contract entry (so without a declared policy) throws. */
export const loadOperations = async (t: TestApp): Promise<{ doc: OpenApiDocument; operations: Operation[] }> => {
  const res = await t.get<OpenApiDocument>('/api/openapi.json');
  if (res.status !== 200) throw new Error(`openapi.json → ${res.status}`);
  const doc = res.body;
  const operations: Operation[] = [];
  for (const [docPath, methods] of Object.entries(doc.paths)) {
    for (const [m, op] of Object.entries(methods)) {
      const method = m.toUpperCase();
      const path = docPath.replace(/\{(\w+)\}/g, ':$1');
      const endpoint = contractByRoute.get(`${method} ${path}`);
      if (!endpoint) throw new Error(`${method} ${docPath} is documented but declares no policy in the contract`);
      operations.push({
        method,
        path,
        docPath,
        endpoint,
        parameters: op.parameters ?? [],
        body: op.requestBody?.content?.['application/json']?.schema,
      });
    }
  }
  operations.sort((a, b) => `${a.path} ${a.method}`.localeCompare(`${b.path} ${b.method}`));
  return { doc, operations };
};

export const guardedAction = (e: Endpoint): PolicyAction | undefined => (e.action === 'public' ? undefined : e.action);

/** Resolves a `$ref` to the document's components. */
export const resolve = (doc: OpenApiDocument, s: JsonSchema): JsonSchema => {
  if (!s.$ref) return s;
  const name = s.$ref.split('/').pop() ?? '';
  return resolve(doc, doc.components?.schemas?.[name] ?? {});
};

/** The object schema of a body (first object branch of a union), or undefined. */
export const objectSchema = (doc: OpenApiDocument, s: JsonSchema | undefined): JsonSchema | undefined => {
  if (!s) return undefined;
  const r = resolve(doc, s);
  if (r.properties) return r;
  for (const b of [...(r.anyOf ?? []), ...(r.oneOf ?? []), ...(r.allOf ?? [])]) {
    const o = objectSchema(doc, b);
    if (o) return o;
  }
  return undefined;
};

// ---------------------------------------------------------------------------------------------------------
// The seeded world

/** Real ids by resource: the path segment (`contacts`, `costs`, `occurrences`) that names them. */
export type Ids = Record<string, string>;

const plural = (name: string): string =>
  name.endsWith('s') ? name : name.endsWith('y') ? `${name.slice(0, -1)}ies` : `${name}s`;
const userish = /owner|user|mentor|person|host|participant|member|assignee|lead|author|by|to$/i;

/** The id a property or parameter named `name` most likely wants. */
export const idFor = (ids: Ids, name: string, segment?: string): string => {
  const base = name.replace(/Ids?$/, '');
  if (base && base !== name) {
    const hit = ids[plural(base)] ?? ids[base];
    if (hit) return hit;
    if (userish.test(base) && ids.users) return ids.users;
  }
  if (segment) {
    const hit = ids[segment];
    if (hit) return hit;
  }
  return MISSING_ID;
};

/** A value for a schema: the smallest one likely to validate, with real ids for id-like fields. */
export const sample = (doc: OpenApiDocument, schema: JsonSchema, ids: Ids, name = '', depth = 0): unknown => {
  const s = resolve(doc, schema);
  if (s.const !== undefined) return s.const;
  if (s.enum?.length) return s.enum[0];
  if (s.default !== undefined && depth > 0) return s.default;
  const branches = s.anyOf ?? s.oneOf;
  if (branches?.length) {
    const pick = branches.find((b) => resolve(doc, b).type !== 'null') ?? branches[0];
    return sample(doc, pick ?? {}, ids, name, depth);
  }
  if (s.allOf?.length) return sample(doc, s.allOf[0] ?? {}, ids, name, depth);
  const type = Array.isArray(s.type) ? s.type.find((x) => x !== 'null') : s.type;
  switch (type) {
    case 'object': {
      const out: Record<string, unknown> = {};
      if (depth > 6) return out;
      for (const key of s.required ?? []) {
        const p = s.properties?.[key];
        if (p) out[key] = sample(doc, p, ids, key, depth + 1);
      }
      return out;
    }
    case 'array': {
      const n = s.minItems ?? 0;
      return Array.from({ length: n }, () => sample(doc, s.items ?? {}, ids, name.replace(/s$/, ''), depth + 1));
    }
    case 'integer':
    case 'number':
      return s.minimum ?? (s.exclusiveMinimum !== undefined ? s.exclusiveMinimum + 1 : 1);
    case 'boolean':
      return true;
    case 'string': {
      if (s.format === 'uuid') return idFor(ids, name.endsWith('Id') || name.endsWith('Ids') ? name : `${name}Id`);
      if (s.format === 'email') return 'probe@example.org';
      if (s.format === 'date-time') return '2026-12-01T09:00:00.000Z';
      if (s.format === 'date' || /^\^?\\d\{4\}-\\d\{2\}-\\d\{2\}\$?$/.test(s.pattern ?? '')) return '2026-12-01';
      if (s.format === 'uri' || s.format === 'url') return 'https://www.example.org/';
      if (s.pattern?.includes('#')) return '#336699';
      if (/date$|Date$|On$/.test(name)) return '2026-12-01';
      if (/slug/i.test(name)) return `probe-${Math.random().toString(36).slice(2, 8)}`;
      if (/url/i.test(name)) return 'https://www.example.org/';
      const min = s.minLength ?? 0;
      const text = `Probe ${name}`.trim();
      return text.length >= min ? text.slice(0, s.maxLength ?? 200) : text.padEnd(min, 'x');
    }
    default:
      return null;
  }
};

/** The path with real ids (the segment before a parameter, or the parameter's own name, picks the resource). */
export const pathWithIds = (path: string, ids: Ids): string =>
  path.replace(/\/([^/]+)\/:([A-Za-z]+)/g, (_all, segment: string, name: string) => {
    const id = name === 'id' ? (ids[segment] ?? MISSING_ID) : idFor(ids, name, segment);
    return `/${segment}/${encodeURIComponent(id)}`;
  });

/** The query of the required parameters, sampled. */
export const requiredQuery = (doc: OpenApiDocument, op: Operation, ids: Ids): Record<string, string> => {
  const out: Record<string, string> = {};
  for (const p of op.parameters)
    if (p.in === 'query' && p.required) out[p.name] = String(sample(doc, p.schema, ids, p.name, 1));
  return out;
};

export const withQuery = (path: string, query: Record<string, string>): string => {
  const q = new URLSearchParams(query).toString();
  return q ? `${path}?${q}` : path;
};

const idOf = (body: unknown): string | undefined => {
  if (!body || typeof body !== 'object') return undefined;
  const b = body as Record<string, unknown>;
  if (typeof b.id === 'string') return b.id;
  for (const v of Object.values(b)) {
    if (v && typeof v === 'object' && typeof (v as Record<string, unknown>).id === 'string')
      return (v as { id: string }).id;
  }
  return undefined;
};
const firstItemId = (body: unknown): string | undefined => {
  const list = Array.isArray(body) ? body : (body as { items?: unknown[] } | undefined)?.items;
  return Array.isArray(list) ? idOf(list[0]) : undefined;
};

const lastSegment = (path: string): string =>
  path
    .split('/')
    .filter((s) => s && !s.startsWith(':'))
    .pop() ?? '';

/**
 * Creates one record of every kind through the API (as an admin, and as a marketing member for what
 * marketing owns), by walking the document's create operations until no more succeed, then reads the ids of
 * what only lists show (occurrences, registrations, deliveries, notifications).
 */
export const seedWorld = async (
  t: TestApp,
  doc: OpenApiDocument,
  operations: Operation[],
  admin: Session,
): Promise<Ids> => {
  const ids: Ids = { users: admin.user.id };
  const victim = await t.createUser({ department: 'sales', role: 'member', name: 'Ziel Person' });
  ids.users = victim.id;
  // the default pipeline and its first stage
  const pipelines = await t.get<{ id: string; stages?: { id: string }[] }[]>('/api/pipelines', admin);
  const firstPipeline = Array.isArray(pipelines.body) ? pipelines.body[0] : undefined;
  if (firstPipeline) {
    ids.pipelines = firstPipeline.id;
    if (firstPipeline.stages?.[0]) ids.stages = firstPipeline.stages[0].id;
  }
  const mentor = await t.createUser({ department: 'marketing', role: 'member', name: 'Mentorin Probe' });
  // what a sample from the schema alone cannot know: the rules a create checks beyond its schema
  const recipes: Record<string, () => Record<string, unknown>> = {
    '/api/contacts': () => ({ firstName: 'Erika', lastName: 'Probe', accountId: ids.accounts ?? null }),
    '/api/activities': () => ({ entityType: 'account', entityId: ids.accounts }),
    '/api/events': () => ({ startsAt: '2026-12-01T09:00:00.000Z', endsAt: '2026-12-01T17:00:00.000Z', capacity: 50 }),
    '/api/forms': () => ({ fields: [{ key: 'email', required: true }, { key: 'firstName' }] }),
    '/api/goals': () => ({ metric: 'mqls', target: 10 }),
    '/api/pipelines': () => ({
      stages: [
        { nameDe: 'Offen', nameEn: 'Open', probability: 10, kind: 'open' },
        { nameDe: 'Gewonnen', nameEn: 'Won', probability: 100, kind: 'won' },
        { nameDe: 'Verloren', nameEn: 'Lost', probability: 0, kind: 'lost' },
      ],
    }),
    '/api/rotations': () => ({
      userId: victim.id,
      mentorId: mentor.id,
      hostDepartment: 'marketing',
      startsOn: '2026-12-01',
      endsOn: '2026-12-12',
    }),
    '/api/touchpoints': () => ({ contactId: ids.contacts }),
  };
  const skip =
    /^\/api\/(auth|tokens|calendar-feed|imports|lockouts|notifications|duplicates|contacts\/merge|accounts\/merge|merges)/;
  const creates = operations.filter(
    (o) => (o.method === 'POST' || o.method === 'PUT') && !skip.test(o.path) && o.endpoint.status === 201,
  );
  for (let pass = 0; pass < 3; pass++) {
    for (const op of creates) {
      const noun = lastSegment(op.path);
      if (ids[noun]) continue;
      if ((op.path.match(/:/g) ?? []).length > 1) continue;
      const path = pathWithIds(op.path, ids);
      if (path.includes(MISSING_ID)) continue;
      const sampled = op.body ? sample(doc, op.body, ids) : undefined;
      const recipe = recipes[op.path]?.();
      const body = recipe && sampled && typeof sampled === 'object' ? { ...sampled, ...recipe } : sampled;
      const res = await t.request(op.method, path, { cookie: admin.cookie, body });
      const id = res.status < 300 ? idOf(res.body) : undefined;
      if (id) ids[noun] = id;
      else if (pass === 2 && process.env.NENNER_SEED_DEBUG)
        console.log(`seed ${op.method} ${path} ${JSON.stringify(body)} → ${res.status} ${res.text.slice(0, 300)}`);
    }
  }
  // a lead through the API gives a handoff once its score reaches the threshold
  if (!ids.handoffs) {
    await t.request('PUT', '/api/settings/scoring', {
      cookie: admin.cookie,
      body: {
        mqlThreshold: 10,
        fit: [],
        engagement: [{ id: 'form', touchpointType: 'form_submission', points: 20, halfLifeDays: 30 }],
      },
    });
    const lead = await t.request('POST', '/api/leads', {
      cookie: admin.cookie,
      body: { email: 'lead.probe@example.org', firstName: 'Lea', lastName: 'Probe', company: 'Probe GmbH' },
    });
    const handoffs = await t.get('/api/handoffs', admin);
    ids.handoffs = firstItemId(handoffs.body) ?? idOf(lead.body) ?? '';
    if (!ids.handoffs) delete ids.handoffs;
  }
  // an import (a raw CSV upload, not JSON)
  const up = await fetch(`${t.url}/api/imports?entity=contacts&fileName=probe.csv`, {
    method: 'POST',
    headers: { cookie: admin.cookie, 'content-type': 'text/csv' },
    body: Buffer.from('E-Mail,Vorname\r\nimport.probe@example.org,Ina\r\nkeine-mail@,Kai\r\n', 'utf8'),
  });
  if (up.ok) ids.imports = ((await up.json()) as { id: string }).id;
  // a proposed SLA change: a member's change waits for the other side
  const proposer = await t.session('marketing', 'member');
  const sla = await t.get<Record<string, unknown>>('/api/settings/sla', admin);
  const proposal = await t.request('PUT', '/api/settings/sla', {
    cookie: proposer.cookie,
    body: (sla.body as { value?: unknown }).value ?? sla.body,
  });
  const proposalId = JSON.stringify(proposal.body).match(/"proposal[^"]*":\{"id":"([^"]+)"/)?.[1];
  if (proposalId) ids.proposals = proposalId;
  const token = await t.createToken(admin, 'seeded');
  ids.tokens = token.id;
  // what only a list shows
  for (const op of operations) {
    if (op.method !== 'GET') continue;
    const noun = lastSegment(op.path);
    if (ids[noun] || op.path.endsWith(':id')) continue;
    const path = pathWithIds(op.path, ids);
    if (path.includes(MISSING_ID)) continue;
    const id = firstItemId((await t.get(withQuery(path, requiredQuery(doc, op, ids)), admin)).body);
    if (id) ids[noun] = id;
  }
  return ids;
};

// ---------------------------------------------------------------------------------------------------------
// The database, hashed per table

const touched = (table: string, column: string): boolean =>
  /^last_(seen|used)(_at)?$/.test(column) || (table === 'sessions' && column === 'expires_at');

const tableNames = async (t: TestApp): Promise<string[]> => {
  if (t.ctx.engine === 'postgres') {
    const r = await sql<{ name: string }>`select table_name as name from information_schema.tables
      where table_schema = current_schema() and table_type = 'BASE TABLE'`.execute(t.ctx.db);
    return r.rows.map((x) => x.name).sort();
  }
  const r = await sql<{ name: string }>`select name from sqlite_master where type = 'table'`.execute(t.ctx.db);
  return r.rows.map((x) => x.name).sort();
};

const stable = (_k: string, v: unknown) =>
  typeof v === 'bigint' ? v.toString() : v instanceof Uint8Array ? Buffer.from(v).toString('hex') : v;

/** A hash per table of every row (order-free), with the columns a read merely touches left out. */
export const hashTables = async (t: TestApp): Promise<Record<string, string>> => {
  const names = await tableNames(t);
  const out: Record<string, string> = {};
  if (t.ctx.engine === 'postgres') {
    // hashed in the database, in one round trip: the rows never cross the wire
    const parts = names.map((table) => {
      const row = sql`(to_jsonb(r) - ${sql.lit('last_seen_at')} - ${sql.lit('last_used_at')} - ${sql.lit('last_seen')} - ${sql.lit('last_used')}${table === 'sessions' ? sql` - ${sql.lit('expires_at')}` : sql``})::text`;
      return sql`select ${sql.lit(table)} as name, md5(coalesce(string_agg(${row}, ${sql.lit('\n')} order by ${row}), '')) as hash from ${sql.table(table)} r`;
    });
    const r = await sql<{ name: string; hash: string }>`${sql.join(parts, sql` union all `)}`.execute(t.ctx.db);
    for (const x of r.rows) out[x.name] = x.hash;
    return out;
  }
  await Promise.all(
    names.map(async (table) => {
      const rows = await sql<Record<string, unknown>>`select * from ${sql.table(table)}`.execute(t.ctx.db);
      const lines = rows.rows
        .map((r) => {
          const copy: Record<string, unknown> = {};
          for (const [k, v] of Object.entries(r)) if (!touched(table, k)) copy[k] = v;
          return JSON.stringify(copy, stable);
        })
        .sort();
      out[table] = createHash('sha256').update(lines.join('\n')).digest('hex');
    }),
  );
  return out;
};

/** The tables whose hash differs. */
export const changedTables = (before: Record<string, string>, after: Record<string, string>): string[] =>
  [...new Set([...Object.keys(before), ...Object.keys(after)])].filter((k) => before[k] !== after[k]);

/** Any SQL or driver text in an answer (the payload the request carried is taken out first). */
const SQL_TEXT =
  /\bSELECT\b|\bINSERT INTO\b|\bDELETE FROM\b|syntax error|SQLITE_|\brelation "|invalid input syntax|violates [a-z -]*constraint|unterminated quoted|better-sqlite3|\bkysely\b/;

export const sqlTextIn = (answer: string, sent: readonly string[]): string | undefined => {
  let text = answer;
  for (const s of sent) {
    if (!s) continue;
    for (const form of [s, JSON.stringify(s).slice(1, -1)]) text = text.split(form).join('');
  }
  return SQL_TEXT.exec(text)?.[0];
};

/** A sweep over the whole surface: the app, its operations, an admin with an API token, and a seeded world. */
export interface Sweep {
  t: TestApp;
  doc: OpenApiDocument;
  operations: Operation[];
  admin: Session;
  token: string;
  ids: Ids;
}

/** Starts an app with `env`, reads its operations, signs an admin in with a token named `tokenName`, seeds. */
export const startSweep = async (env: Record<string, string>, tokenName: string): Promise<Sweep> => {
  const t = await startTestApp(env);
  try {
    const { doc, operations } = await loadOperations(t);
    const admin = await t.session('management', 'admin');
    const token = (await t.createToken(admin, tokenName)).token;
    const ids = await seedWorld(t, doc, operations, admin);
    return { t, doc, operations, admin, token, ids };
  } catch (e) {
    await t.close();
    throw e;
  }
};
