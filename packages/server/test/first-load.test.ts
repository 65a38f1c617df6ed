import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gunzipSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectProblem, startTestApp, type TestApp } from './harness.js';

/*
 * The first load (issue 14): the server sends the web app's files in the brotli or gzip copy the build
 * wrote, hashed assets cached for a year, index.html revalidated; JSON answers above 1 KB are compressed;
 * the session probe answers 200 whether or not anyone is logged in.
 */

const APP_JS = `export const greet = (name) => 'Hallo ' + name;\n${'console.log(greet("Nenner"));\n'.repeat(200)}`;
const INDEX_HTML = `<!doctype html><html lang="de"><head><title>Nenner</title>${'<link rel="modulepreload" href="/assets/app-Ab12Cd34.js">'.repeat(30)}</head><body><div id="root"></div></body></html>`;

/** A built web app as Vite leaves it: index.html, hashed assets, .br and .gz copies of the larger files. */
const writeWebDist = (): string => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'nenner-web-dist-'));
  fs.mkdirSync(path.join(dir, 'assets'));
  const write = (file: string, text: string, compressed: boolean) => {
    fs.writeFileSync(path.join(dir, file), text);
    if (!compressed) return;
    fs.writeFileSync(path.join(dir, `${file}.br`), brotliCompressSync(text));
    fs.writeFileSync(path.join(dir, `${file}.gz`), gzipSync(text));
  };
  write('index.html', INDEX_HTML, true);
  write('assets/app-Ab12Cd34.js', APP_JS, true);
  write('assets/tiny-Ef56Gh78.js', 'export const x = 1;\n', false);
  return dir;
};

interface RawRes {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: Buffer;
}

/** A request through node:http, so the body arrives as sent (fetch would decompress it). */
const raw = (url: string, headers: Record<string, string> = {}): Promise<RawRes> =>
  new Promise((ok, fail) => {
    http
      .get(url, { headers }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => ok({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }));
        res.on('error', fail);
      })
      .on('error', fail);
  });

const IMMUTABLE = 'public, max-age=31536000, immutable';

let t: TestApp;
let webDist: string;
beforeAll(async () => {
  webDist = writeWebDist();
  t = await startTestApp({ NENNER_WEB_DIST: webDist });
});
afterAll(async () => {
  await t.close();
  fs.rmSync(webDist, { recursive: true, force: true });
});

describe('the web app’s files', () => {
  it('sends a hashed asset as its brotli copy, cached for a year', async () => {
    const res = await raw(`${t.url}/assets/app-Ab12Cd34.js`, { 'accept-encoding': 'gzip, deflate, br, zstd' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBe('br');
    expect(res.headers['content-type']).toMatch(/^(text|application)\/javascript/);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    expect(res.headers.vary).toMatch(/accept-encoding/i);
    expect(brotliDecompressSync(res.body).toString()).toBe(APP_JS);
    expect(res.body.length).toBeLessThan(APP_JS.length / 10);
  });

  it('sends the gzip copy to a browser without brotli, and the file itself to one without either', async () => {
    const gz = await raw(`${t.url}/assets/app-Ab12Cd34.js`, { 'accept-encoding': 'gzip, deflate' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(gunzipSync(gz.body).toString()).toBe(APP_JS);
    expect(gz.headers['cache-control']).toBe(IMMUTABLE);

    const plain = await raw(`${t.url}/assets/app-Ab12Cd34.js`);
    expect(plain.headers['content-encoding']).toBeUndefined();
    expect(plain.body.toString()).toBe(APP_JS);
    expect(plain.headers['cache-control']).toBe(IMMUTABLE);
  });

  it('caches a small asset without compressed copies for a year too', async () => {
    const res = await raw(`${t.url}/assets/tiny-Ef56Gh78.js`, { 'accept-encoding': 'br' });
    expect(res.status).toBe(200);
    expect(res.headers['cache-control']).toBe(IMMUTABLE);
    // the stream is compressed on the way (it carries no length the plugin could check), and arrives whole
    const body = res.headers['content-encoding'] === 'br' ? brotliDecompressSync(res.body) : res.body;
    expect(body.toString()).toBe('export const x = 1;\n');
  });

  it('revalidates index.html on every visit, at / and at every route of the app', async () => {
    for (const url of ['/', '/index.html', '/contacts/0190a1b2-c3d4-7e5f-8a9b-0c1d2e3f4a5b', '/leads?tab=inbox']) {
      const res = await raw(`${t.url}${url}`, { 'accept-encoding': 'gzip, deflate, br' });
      expect(res.status, url).toBe(200);
      expect(res.headers['cache-control'], url).toBe('no-cache');
      expect(res.headers['content-type'], url).toMatch(/^text\/html/);
      expect(res.headers['content-encoding'], url).toBe('br');
      expect(brotliDecompressSync(res.body).toString(), url).toBe(INDEX_HTML);
    }
  });

  it('answers a missing asset (an old hash after a deploy) with 404, not with the app’s HTML', async () => {
    const res = await t.get('/assets/app-00000000.js');
    expectProblem(res, 404, 'route_not_found');
  });
});

describe('compressed API answers', () => {
  it('compresses JSON above 1 KB with brotli, or gzip when brotli is not accepted', async () => {
    const plain = await raw(`${t.url}/api/openapi.json`);
    expect(plain.status).toBe(200);
    expect(plain.headers['content-encoding']).toBeUndefined();
    const doc = JSON.parse(plain.body.toString()) as { openapi: string };
    expect(doc.openapi).toMatch(/^3\.1\./);

    const br = await raw(`${t.url}/api/openapi.json`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers.vary).toMatch(/accept-encoding/i);
    expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(doc);
    expect(br.body.length).toBeLessThan(plain.body.length / 4);

    const gz = await raw(`${t.url}/api/openapi.json`, { 'accept-encoding': 'gzip' });
    expect(gz.headers['content-encoding']).toBe('gzip');
    expect(JSON.parse(gunzipSync(gz.body).toString())).toEqual(doc);
  });

  it('compresses a list page in one piece: it carries its compressed length, not chunks', async () => {
    const sales = await t.session('sales', 'member');
    for (let i = 0; i < 40; i++) {
      await t.createContact(sales, { firstName: 'Jörg', lastName: `Weißmüller ${i}`, jobTitle: 'Einkaufsleiter' });
    }
    const headers = { cookie: sales.cookie };
    const plain = await raw(`${t.url}/api/contacts?sort=lastName&limit=50`, headers);
    // a page of this size went through the thread pool as a stream before (two cores: the plugin's
    // default limit for one call is 8 KiB), ~6 ms of server time per page
    expect(plain.body.length).toBeGreaterThan(8 * 1024);
    const br = await raw(`${t.url}/api/contacts?sort=lastName&limit=50`, { ...headers, 'accept-encoding': 'br' });
    expect(br.headers['content-encoding']).toBe('br');
    expect(br.headers['transfer-encoding']).toBeUndefined();
    expect(Number(br.headers['content-length'])).toBe(br.body.length);
    expect(JSON.parse(brotliDecompressSync(br.body).toString())).toEqual(JSON.parse(plain.body.toString()));
  });

  it('leaves answers below 1 KB as they are', async () => {
    const res = await raw(`${t.url}/api/health`, { 'accept-encoding': 'gzip, deflate, br' });
    expect(res.status).toBe(200);
    expect(res.headers['content-encoding']).toBeUndefined();
    expect(JSON.parse(res.body.toString())).toEqual({ status: 'ok' });
  });

  it('does not inflate a compressed request body: it is refused as malformed JSON and changes nothing', async () => {
    const user = await t.createUser();
    const body = gzipSync(JSON.stringify({ email: user.email, password: 'correct horse battery' }));
    const res = await t.unchanged(
      () =>
        new Promise<RawRes>((ok, fail) => {
          const req = http.request(
            `${t.url}/api/auth/login`,
            { method: 'POST', headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' } },
            (r) => {
              const chunks: Buffer[] = [];
              r.on('data', (c: Buffer) => chunks.push(c));
              r.on('end', () => ok({ status: r.statusCode ?? 0, headers: r.headers, body: Buffer.concat(chunks) }));
            },
          );
          req.on('error', fail);
          req.end(body);
        }),
    );
    expect(res.status).toBe(400);
    expect(JSON.parse(res.body.toString())).toMatchObject({ code: 'malformed_json' });
    expect(res.headers['set-cookie']).toBeUndefined();
  });
});

describe('GET /api/auth/session', () => {
  it('answers 200 with no user without a session, with a forged cookie, and after logout', async () => {
    const none = await t.get('/api/auth/session');
    expect(none.status).toBe(200);
    expect(none.body).toEqual({ user: null });

    const forged = await t.request('GET', '/api/auth/session', { cookie: 'nenner_session=forged' });
    expect(forged.status).toBe(200);
    expect(forged.body).toEqual({ user: null });

    const s = await t.session('marketing', 'member');
    expect(((await t.get('/api/auth/session', s)).body as { user: { id: string } | null }).user?.id).toBe(s.user.id);
    expect((await t.request('POST', '/api/auth/logout', { cookie: s.cookie })).status).toBe(204);
    expect((await t.get('/api/auth/session', s)).body).toEqual({ user: null });
  });

  it('answers the logged-in user exactly as /api/auth/me does, by session cookie and by API token', async () => {
    const s = await t.session('sales', 'viewer', 'Vera Viewer');
    const me = await t.get('/api/auth/me', s);
    expect(me.status).toBe(200);
    const probe = await t.get('/api/auth/session', s);
    expect(probe.status).toBe(200);
    expect(probe.body).toEqual({ user: me.body });
    expect(probe.body).toMatchObject({ user: { name: 'Vera Viewer', department: 'sales', role: 'viewer' } });

    const token = await t.createToken(s);
    expect((await t.get('/api/auth/session', token.token)).body).toEqual({ user: me.body });
  });
});
