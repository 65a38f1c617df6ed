import { CreateFormInput, Form, IdParams, LeadInput, UpdateFormInput, utmKeys } from '@nenner/shared';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { requireVersion } from '../../http/access.js';
import { requireActor } from '../../http/auth.js';
import { AppError } from '../../http/errors.js';
import { takeRateLimit } from '../auth/auth.service.js';
import { confirmConsent, ingestLead } from '../leads/leads.service.js';
import { formPage, messagePage, type PageLocale, pageLocale, pageText } from './forms.page.js';
import {
  createForm,
  deleteForm,
  findPublicForm,
  getForm,
  listForms,
  type PublicForm,
  updateForm,
} from './forms.service.js';

const PUBLIC_BODY_LIMIT = 16 * 1024;
const HONEYPOT = 'website';

const wantsJson = (request: FastifyRequest) =>
  (request.headers['content-type'] ?? '').includes('application/json') ||
  (request.headers.accept ?? '').split(',')[0]?.includes('application/json') === true;

const html = (reply: FastifyReply, status: number, page: string) =>
  reply.status(status).type('text/html; charset=utf-8').header('cache-control', 'no-store').send(page);

/** Reads what a public post may carry: the form's fields, UTM keys, referrer, landing page, consent. */
const readSubmission = (form: PublicForm, body: Record<string, unknown>, locale: PageLocale) => {
  const t = pageText(locale);
  const errors: Record<string, string> = {};
  const values: Record<string, string> = {};
  const take = (key: string) => {
    const v = body[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string' && typeof v !== 'number' && typeof v !== 'boolean') {
      errors[key] = 'Expected text';
      return undefined;
    }
    return String(v).trim();
  };
  for (const f of form.fields) {
    const v = take(f.key);
    if (v) values[f.key] = v;
    else if (f.required) errors[f.key] = t.missing;
  }
  const hidden: Record<string, string> = {};
  for (const key of [...utmKeys, 'referrer', 'landingPage']) {
    const v = take(key);
    if (v) hidden[key] = v;
  }
  const consentRaw = take('consent');
  const consent = consentRaw === 'true' || consentRaw === 'on' || consentRaw === '1';
  if (consent) values.consent = 'true';
  if (form.consent.enabled && form.consent.required && !consent) errors.consent = t.consentMissing;
  const candidate = { ...values, ...hidden, consent, formId: form.id };
  const parsed = LeadInput.safeParse(candidate);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'form');
      errors[key] ??= issue.message;
    }
  }
  return { values, hidden, errors, lead: parsed.success ? parsed.data : null };
};

export const registerFormRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tags = ['forms'];

  r.get(
    '/api/forms',
    { schema: { tags, summary: 'Lead forms', response: { 200: z.object({ items: z.array(Form) }) } } },
    async (request) => {
      requireActor(request);
      return { items: await listForms(ctx) };
    },
  );
  r.post(
    '/api/forms',
    { schema: { tags, summary: 'Create a lead form (marketing)', body: CreateFormInput, response: { 201: Form } } },
    async (request, reply) => reply.status(201).send(await createForm(ctx, requireActor(request), request.body)),
  );
  r.get(
    '/api/forms/:id',
    { schema: { tags, summary: 'One form', params: IdParams, response: { 200: Form } } },
    async (request) => {
      requireActor(request);
      return getForm(ctx, request.params.id);
    },
  );
  r.patch(
    '/api/forms/:id',
    {
      schema: {
        tags,
        summary: 'Edit a form (If-Match)',
        params: IdParams,
        body: UpdateFormInput,
        response: { 200: Form },
      },
    },
    async (request) =>
      updateForm(
        ctx,
        requireActor(request),
        request.params.id,
        requireVersion(request.headers['if-match']),
        request.body,
      ),
  );
  r.delete(
    '/api/forms/:id',
    { schema: { tags, summary: 'Delete a form', params: IdParams } },
    async (request, reply) => {
      await deleteForm(ctx, requireActor(request), request.params.id);
      return reply.status(204).send();
    },
  );

  // The public side lives in its own scope: only here are URL-encoded bodies parsed, so the API
  // itself never accepts a cross-site form post.
  void app.register(async (scope) => {
    scope.addContentTypeParser(
      'application/x-www-form-urlencoded',
      { parseAs: 'string', bodyLimit: PUBLIC_BODY_LIMIT },
      (_request, body, done) => done(null, Object.fromEntries(new URLSearchParams(String(body)))),
    );
    const s = scope.withTypeProvider<ZodTypeProvider>();
    const SlugParams = z.object({ slug: z.string().max(80) });
    const Query = z.record(z.string(), z.unknown());

    s.get('/f/:slug', { schema: { hide: true, params: SlugParams, querystring: Query } }, async (request, reply) => {
      const locale = pageLocale(request.headers['accept-language'], request.query.lang);
      const embed = request.query.embed === '1';
      let form: PublicForm;
      try {
        form = await findPublicForm(ctx, request.params.slug);
      } catch {
        return html(reply, 404, messagePage(locale, 'Nenner', pageText(locale).notFound, embed));
      }
      const hidden: Record<string, string> = {};
      for (const key of utmKeys) {
        const v = request.query[key];
        if (typeof v === 'string' && v.length <= 200) hidden[key] = v;
      }
      const referer = request.headers.referer;
      if (referer && referer.length <= 2000) hidden.referrer = referer;
      hidden.landingPage = `${ctx.config.publicUrl}${request.url}`.slice(0, 2000);
      return html(reply, 200, formPage(form, locale, { values: {}, errors: {}, hidden, embed }));
    });

    s.post(
      '/f/:slug',
      { bodyLimit: PUBLIC_BODY_LIMIT, schema: { hide: true, params: SlugParams, querystring: Query } },
      async (request, reply) => {
        const json = wantsJson(request);
        const locale = pageLocale(request.headers['accept-language'], request.query.lang);
        const embed = request.query.embed === '1';
        const t = pageText(locale);
        const form = await findPublicForm(ctx, request.params.slug).catch(() => null);
        if (!form) {
          if (json) throw new AppError('form_not_found');
          return html(reply, 404, messagePage(locale, 'Nenner', t.notFound, embed));
        }
        if (!(await takeRateLimit(ctx.db, `form:ip:${request.ip}`, ctx.config.formPostsPerMinute, 60_000))) {
          if (json) throw new AppError('rate_limited', undefined, { headers: { 'retry-after': '60' } });
          return html(reply.header('retry-after', '60'), 429, messagePage(locale, form.name, t.tooMany, embed));
        }
        const body = (request.body ?? {}) as Record<string, unknown>;
        if (typeof body !== 'object' || Array.isArray(body)) throw new AppError('validation_failed');
        const thanks = form.thankYouMessage || t.thanks;
        const success = (doubleOptIn: boolean, duplicate: boolean) => {
          const message = doubleOptIn ? `${thanks} ${t.doi}` : thanks;
          if (json) return reply.status(201).send({ status: 'ok', message, duplicate });
          if (form.redirectUrl) return reply.redirect(form.redirectUrl, 303);
          return html(reply, 200, messagePage(locale, form.name, message, embed));
        };
        const submission = readSubmission(form, body, locale);
        const consented = form.doubleOptIn && submission.values.consent === 'true';
        // A bot filled the hidden field: answer exactly like a success, keep nothing.
        if (typeof body[HONEYPOT] === 'string' && body[HONEYPOT] !== '') return success(consented, false);
        if (!submission.lead || Object.keys(submission.errors).length > 0) {
          if (json) {
            throw new AppError('validation_failed', undefined, {
              errors: Object.entries(submission.errors).map(([path, message]) => ({ path, message })),
            });
          }
          return html(reply, 400, formPage(form, locale, { ...submission, embed }));
        }
        const result = await ingestLead(ctx, submission.lead, {
          form: {
            id: form.id,
            slug: form.slug,
            name: form.name,
            doubleOptIn: form.doubleOptIn,
            consent: form.consent,
            campaignId: form.campaignId,
            campaignKey: form.campaignKey,
          },
          actor: null,
          locale,
        });
        return success(consented, result.duplicate);
      },
    );

    s.get(
      '/f/confirm/:token',
      { schema: { hide: true, params: z.object({ token: z.string().max(200) }), querystring: Query } },
      async (request, reply) => {
        const locale = pageLocale(request.headers['accept-language'], request.query.lang);
        const t = pageText(locale);
        try {
          const outcome = await confirmConsent(ctx, request.params.token);
          return html(
            reply,
            200,
            messagePage(locale, 'Nenner', outcome === 'confirmed' ? t.confirmed : t.alreadyConfirmed, false),
          );
        } catch {
          return html(reply, 404, messagePage(locale, 'Nenner', t.badLink, false));
        }
      },
    );
  });
};
