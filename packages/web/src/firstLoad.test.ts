// @vitest-environment node
import { readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { contract } from '@nenner/shared';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { leftOut, toBrowserEntry } from '../tools/browserContract';
import { buildWeb, currentDist, measureInitialJs, type RouteJs } from '../tools/initialJs';

/*
 * The first load (issue 14): the login page and the start page need at most 250 KB of compressed
 * JavaScript before they show. Measured on a production build: packages/web/dist when it is current
 * (`npm test` builds it first), else a fresh build in a temporary folder.
 */

const BUDGET = 250 * 1024;
let dist = '';
let built = false;
let routes: RouteJs[] = [];

beforeAll(() => {
  const current = currentDist();
  built = current === null;
  dist = current ?? buildWeb();
  routes = measureInitialJs(dist);
}, 180_000);

afterAll(() => {
  if (built) rmSync(dist, { recursive: true, force: true });
});

const route = (name: string): RouteJs => {
  const r = routes.find((x) => x.route === name);
  if (!r) throw new Error(`no figures for ${name}`);
  return r;
};
/** The first load's code, as one string. */
const initialCode = (name: string): string =>
  route(name)
    .files.map((f) => readFileSync(join(dist, f.file), 'utf8'))
    .join('\n');

describe('first load', () => {
  it.each(['login', 'start'])('the %s page loads at most 250 KB of compressed JavaScript before it shows', (name) => {
    const r = route(name);
    expect(r.files.length).toBeGreaterThan(1);
    // brotli: what the server sends to every browser that asks for it (over HTTPS, and on localhost)
    expect(r.brotli).toBeLessThanOrEqual(BUDGET);
    expect(r.gzip).toBeGreaterThan(r.brotli);
  });

  it('leaves the chart library to the screens that draw charts', () => {
    const assets = readdirSync(join(dist, 'assets')).filter((f) => f.endsWith('.js'));
    const charts = assets.filter((f) => readFileSync(join(dist, 'assets', f), 'utf8').includes('[ECharts]'));
    expect(charts.length).toBeGreaterThan(0);
    for (const name of ['login', 'start']) {
      for (const f of route(name).files) expect(charts, name).not.toContain(f.file.replace('assets/', ''));
    }
  });

  it('carries the contract without zod: the endpoints are there, the schemas are not', () => {
    // (big strings: compared as booleans, so a failure does not print the bundle)
    const code = initialCode('start');
    expect(code.includes('/api/auth/session')).toBe(true);
    expect(code.includes('/api/goals/:id')).toBe(true);
    expect(code.includes('ZodError')).toBe(false);
  });
});

describe('the browser contract', () => {
  it('keeps method, path and policy of every endpoint and leaves out its schemas and documentation', () => {
    expect(toBrowserEntry(contract.login)).toEqual({
      method: 'POST',
      path: '/api/auth/login',
      action: 'public',
      body: leftOut,
      response: leftOut,
    });
    for (const [name, e] of Object.entries(contract)) {
      const kept = toBrowserEntry(e);
      expect(kept.method, name).toBe(e.method);
      expect(kept.path, name).toBe(e.path);
      for (const field of ['params', 'query', 'body', 'response'] as const) {
        expect(kept[field], `${name}.${field}`).toBe(e[field] === undefined ? undefined : leftOut);
      }
      expect(Object.keys(kept), name).not.toContain('summary');
    }
  });
});
