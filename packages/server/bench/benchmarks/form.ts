/*
 * Public form posts: POST /f/{slug} under load, as JSON (form) or as a browser's form post
 * (form-urlencoded), each a new contact at a seeded company domain; the baseline always takes JSON.
 */
import type { BenchContext, Benchmark } from '../lib/context.js';
import { log } from '../lib/env.js';
import { compare, cycle } from '../lib/load.js';
import { loginCookie } from '../lib/servers.js';

export const slug = 'bench-kontakt';

/** The bench's public form (created by a marketing user on first use): its slug. */
export const ensureBenchForm = async (fx: BenchContext['fx'], nenner: BenchContext['nenner']) => {
  const api = nenner.url;
  const marketing = await loginCookie(nenner.port, fx.marketingEmail, fx.password);
  const forms = (await (await fetch(`${api}/api/forms`, { headers: { cookie: marketing } })).json()) as {
    items: { slug: string }[];
  };
  if (!forms.items.some((f) => f.slug === slug)) {
    const created = await fetch(`${api}/api/forms`, {
      method: 'POST',
      headers: { cookie: marketing, origin: api, 'content-type': 'application/json' },
      body: JSON.stringify({
        name: 'Bench Kontakt',
        slug,
        fields: [{ key: 'email', required: true }, { key: 'firstName' }, { key: 'lastName' }, { key: 'company' }],
      }),
    });
    if (created.status !== 201) throw new Error(`Creating the form failed: ${created.status} ${await created.text()}`);
  }
  return slug;
};

const postForms =
  (encoding: 'json' | 'form'): Benchmark =>
  async ({ engine, fx, nenner, baselinePort, options, results, explain }) => {
    const name = encoding === 'json' ? 'form' : 'form-urlencoded';
    await ensureBenchForm(fx, nenner);
    const type = encoding === 'json' ? 'application/json' : 'application/x-www-form-urlencoded';
    log(`  public form post: POST /f/${slug} as ${type}, a new contact at a seeded company domain each time`);
    const started = new Date().toISOString();
    try {
      const m = await compare(
        cycle(baselinePort, 'POST', [`/f/${slug}`], { 'content-type': 'application/json' }, fx.formBodies('json')),
        cycle(nenner.port, 'POST', [`/f/${slug}`], { 'content-type': type }, fx.formBodies(encoding)),
        options,
      );
      results.throughput.push({ engine, bench: name, ...m });
      log(`  target ≥ 500 submissions/s: ${m.nenner.rps >= 500 ? 'met' : 'MISSED'} (${Math.round(m.nenner.rps)}/s)`);
    } finally {
      log(`  removed ${await fx.removeFormPostsSince(started)} contacts created by the form posts`);
    }
    if (explain && encoding === 'json') {
      const { ingestLead } = await import('../../src/modules/leads/leads.service.js');
      const body = JSON.parse(fx.formBodies('json')()) as Record<string, string>;
      const t0 = new Date().toISOString();
      await explain.plan('ingestLead for a form post', (ctx) =>
        ingestLead(ctx, { ...body, consent: false, formId: null } as never, {
          form: null,
          actor: null,
          locale: 'de',
        }),
      );
      await fx.removeFormPostsSince(t0);
    }
  };

/** form: the post as JSON. */
export const form = postForms('json');
/** form-urlencoded: the same post as a browser form sends it. */
export const formUrlencoded = postForms('form');
