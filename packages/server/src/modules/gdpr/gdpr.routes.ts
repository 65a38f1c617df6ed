import { escapeHtml as e, gdprEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { FileAnswer, registerEndpoints } from '../../http/endpoints.js';
import { html, isCode, PUBLIC_BODY_LIMIT, registerPublicScope } from '../../http/public.js';
import { layout, messagePage, pageLocale } from '../forms/forms.page.js';
import { listContactConsents, recordContactConsent, unsubscribeByToken } from './consents.service.js';
import { eraseContact } from './erasure.service.js';
import { gdprExport, gdprExportHtml } from './gdprExport.service.js';

const unsubscribeText = {
  de: {
    title: 'Abmelden',
    ask: 'Möchtest du keine Marketing-E-Mails mehr von uns erhalten?',
    button: 'Abmelden',
    done: 'Du bist abgemeldet. Wir schicken dir keine Marketing-E-Mails mehr.',
    already: 'Du warst bereits abgemeldet.',
    badLink: 'Dieser Link ist ungültig.',
  },
  en: {
    title: 'Unsubscribe',
    ask: 'Do you no longer want to receive marketing emails from us?',
    button: 'Unsubscribe',
    done: 'You are unsubscribed. We will not send you marketing emails any more.',
    already: 'You were unsubscribed already.',
    badLink: 'This link is not valid.',
  },
} as const;

export const registerGdprRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  registerEndpoints(app, ctx, gdprEndpoints, {
    listContactConsents: async (ctx, _actor, { params }) => ({ items: await listContactConsents(ctx, params.id) }),
    recordContactConsent: (ctx, actor, { params, body }) => recordContactConsent(ctx, actor, params.id, body),
    gdprExport: async (ctx, actor, { params, query }) => {
      const data = await gdprExport(ctx, actor, params.id);
      if (query.format !== 'html') return data;
      const page = gdprExportHtml(data, actor.locale ?? 'de');
      return new FileAnswer(`nenner-auskunft-${params.id}.html`, page, 'text/html; charset=utf-8');
    },
    eraseContact: (ctx, actor, { params, body }) => eraseContact(ctx, actor, params.id, body.reason),
  });

  // The unsubscribe link of every marketing mail: a page with one button (a GET alone changes nothing,
  // so a mail scanner following links does not unsubscribe anyone), and the POST that withdraws.
  registerPublicScope(app, (s) => {
    const Params = z.object({ token: z.string().max(200) });
    const Query = z.record(z.string(), z.unknown());
    s.get('/u/:token', { schema: { hide: true, params: Params, querystring: Query } }, async (request, reply) => {
      const locale = pageLocale(request.headers['accept-language'], request.query.lang);
      const t = unsubscribeText[locale];
      const action = `/u/${encodeURIComponent(request.params.token)}?lang=${locale}`;
      const body =
        `<h1>${e(t.title)}</h1><p>${e(t.ask)}</p>` +
        `<form method="post" action="${e(action)}"><button type="submit">${e(t.button)}</button></form>`;
      return html(reply, 200, layout(locale, t.title, body, false));
    });
    s.post(
      '/u/:token',
      { bodyLimit: PUBLIC_BODY_LIMIT, schema: { hide: true, params: Params, querystring: Query } },
      async (request, reply) => {
        const locale = pageLocale(request.headers['accept-language'], request.query.lang);
        const t = unsubscribeText[locale];
        try {
          const done = await unsubscribeByToken(ctx, request.params.token);
          return html(reply, 200, messagePage(locale, t.title, done === 'withdrawn' ? t.done : t.already, false));
        } catch (error) {
          if (!isCode(error, 'link_not_found')) throw error;
          return html(reply, 404, messagePage(locale, t.title, t.badLink, false));
        }
      },
    );
  });
};
