import { formEndpoints, utmKeys } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { html, isCode, PUBLIC_BODY_LIMIT, registerPublicScope, wantsJson } from '../../http/public.js';
import { confirmConsent } from '../leads/leads.service.js';
import { formPage, messagePage, pageLocale, pageText } from './forms.page.js';
import {
  createForm,
  deleteForm,
  findPublicForm,
  getForm,
  listForms,
  type PublicForm,
  type PublicFormOutcome,
  redirectTarget,
  submitPublicForm,
  updateForm,
} from './forms.service.js';

export const registerFormRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  registerEndpoints(app, ctx, formEndpoints, {
    listForms: async (ctx) => ({ items: await listForms(ctx) }),
    createForm: (ctx, actor, { body }) => createForm(ctx, actor, body),
    getForm: (ctx, _actor, { params }) => getForm(ctx, params.id),
    updateForm: (ctx, actor, { params, version, body }) => updateForm(ctx, actor, params.id, version, body),
    deleteForm: (ctx, actor, { params }) => deleteForm(ctx, actor, params.id),
  });

  // The public side lives in its own scope (http/public.ts). Visitors get HTML pages, so these stay hand-written.
  registerPublicScope(app, (s) => {
    const SlugParams = z.object({ slug: z.string().max(80) });
    const Query = z.record(z.string(), z.unknown());

    s.get('/f/:slug', { schema: { hide: true, params: SlugParams, querystring: Query } }, async (request, reply) => {
      const locale = pageLocale(request.headers['accept-language'], request.query.lang);
      const embed = request.query.embed === '1';
      let form: PublicForm;
      try {
        form = await findPublicForm(ctx, request.params.slug);
      } catch (error) {
        if (!isCode(error, 'form_not_found')) throw error;
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
        let outcome: PublicFormOutcome;
        try {
          outcome = await submitPublicForm(ctx, request.params.slug, request.body, { ip: request.ip, locale });
        } catch (error) {
          if (json || !isCode(error, 'form_not_found')) throw error;
          return html(reply, 404, messagePage(locale, 'Nenner', t.notFound, embed));
        }
        const { form } = outcome;
        switch (outcome.kind) {
          case 'rate_limited':
            if (json) throw new AppError('rate_limited', undefined, { headers: { 'retry-after': '60' } });
            return html(reply.header('retry-after', '60'), 429, messagePage(locale, form.name, t.tooMany, embed));
          case 'invalid':
            if (json) {
              throw new AppError('validation_failed', undefined, {
                errors: Object.entries(outcome.submission.errors).map(([path, message]) => ({ path, message })),
              });
            }
            return html(reply, 400, formPage(form, locale, { ...outcome.submission, embed }));
          case 'accepted': {
            if (json)
              return reply.status(201).send({ status: 'ok', message: outcome.message, duplicate: outcome.duplicate });
            const target = await redirectTarget(ctx, form);
            if (target) return reply.redirect(target, 303);
            return html(reply, 200, messagePage(locale, form.name, outcome.message, embed));
          }
        }
      },
    );

    s.get(
      '/f/confirm/:token',
      { schema: { hide: true, params: z.object({ token: z.string().max(200) }), querystring: Query } },
      async (request, reply) => {
        const locale = pageLocale(request.headers['accept-language'], request.query.lang);
        const t = pageText(locale);
        let confirmed: Awaited<ReturnType<typeof confirmConsent>>;
        try {
          confirmed = await confirmConsent(ctx, request.params.token);
        } catch (error) {
          if (!isCode(error, 'link_not_found')) throw error;
          return html(reply, 404, messagePage(locale, 'Nenner', t.badLink, false));
        }
        return html(
          reply,
          200,
          messagePage(locale, 'Nenner', confirmed === 'confirmed' ? t.confirmed : t.alreadyConfirmed, false),
        );
      },
    );
  });
};
