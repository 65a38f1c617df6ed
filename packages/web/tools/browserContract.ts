import { fileURLToPath } from 'node:url';
import { type Plugin, runnerImport } from 'vite';

/*
 * The browser's copy of the HTTP contract, without its schemas. The web app calls an endpoint by its
 * method and path (api/endpoints.ts); it never reads an entry's zod schemas, yet with them every page
 * would load zod and the schemas of all 200-odd endpoints (about 50 KB compressed) before it shows.
 * In a production build `contract` becomes a table of each entry's plain fields; a schema field is a
 * stand-in that says so if code ever reads it. The rest of the contract module (the endpoint groups,
 * `endpoint`, `pathOf`) is the real one, and the schemas themselves, imported by name, stay real.
 * `vite dev` and the tests use the full contract.
 */

const contractIndex = fileURLToPath(new URL('../../shared/src/contract/index.ts', import.meta.url));
const virtualId = '\0nenner:browser-contract';
/** Documentation only: the OpenAPI document has it, the browser does not need it. */
const docFields = new Set(['summary', 'tag']);

type Entry = Record<string, unknown>;

/** Marks a schema field in the browser's table; the generated module puts the stand-in there. */
export const leftOut = Symbol('schema');

/** One entry as the browser keeps it: plain fields as they are, schemas (objects) as the stand-in. */
export const toBrowserEntry = (entry: object): Record<string, unknown> =>
  Object.fromEntries(
    Object.entries(entry)
      .filter(([k]) => !docFields.has(k))
      .map(([k, v]) => [k, v !== null && typeof v === 'object' && !Array.isArray(v) ? leftOut : v]),
  );

/** The module that replaces shared/src/contract/index.ts in the browser build. */
export const browserContractSource = (contract: Record<string, Entry>): string => {
  const table = Object.fromEntries(Object.entries(contract).map(([name, e]) => [name, toBrowserEntry(e)]));
  const json = JSON.stringify(table, (_k, v: unknown) => (v === leftOut ? '__schema__' : v)).replaceAll(
    '"__schema__"',
    'schema',
  );
  return [
    `export * from ${JSON.stringify(contractIndex)};`,
    // A module's own export wins over `export *`: this `contract` replaces the real one.
    'const schema = /* @__PURE__ */ new Proxy({}, { get(_, key) {',
    "  if (typeof key === 'symbol') return undefined;",
    "  throw new Error('The browser build keeps no schemas in `contract`; import the schema from @nenner/shared by name.');",
    '} });',
    `export const contract = ${json};`,
  ].join('\n');
};

/** Vite plugin (build only): imports of the shared contract module get the schema-free `contract`. */
export const browserContract = (): Plugin => ({
  name: 'nenner-browser-contract',
  apply: 'build',
  enforce: 'pre',
  async resolveId(source, importer, options) {
    if (!source.includes('contract') || importer === virtualId) return null;
    const resolved = await this.resolve(source, importer, { ...options, skipSelf: true });
    return resolved?.id === contractIndex ? virtualId : null;
  },
  async load(id) {
    if (id !== virtualId) return null;
    const { module } = await runnerImport<{ contract: Record<string, Entry> }>(contractIndex, {
      configFile: false,
      logLevel: 'error',
    });
    return browserContractSource(module.contract);
  },
});
