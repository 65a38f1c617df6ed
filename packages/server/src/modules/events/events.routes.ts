import { eventEndpoints } from '@nenner/shared';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { z } from 'zod';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { html, isCode, PUBLIC_BODY_LIMIT, registerPublicScope, wantsJson } from '../../http/public.js';
import { messagePage, type PageLocale, pageLocale } from '../forms/forms.page.js';
import { cancelPage, eventMessagePage, eventPageText, registeredPage, registrationPage } from './events.page.js';
import type { EventRow } from './events.repository.js';
import { createEvent, deleteEvent, getEvent, listEvents, updateEvent } from './events.service.js';
import { closeEvent, eventReport } from './followups.service.js';
import { createInvitations, listInvitations } from './invitations.service.js';
import { cancelRegistration, checkIn, getRegistration, listRegistrations } from './seats.service.js';
import {
  cancelFromLink,
  findPublicEvent,
  invitationPrefill,
  presentPublicEvent,
  publicEventCalendar,
  refusalOf,
  submitRegistration,
} from './visitors.service.js';

type Refusal = 'event_not_open' | 'registration_deadline_passed' | 'event_full';

/** The page text for a refusal of this event. */
const refusalText = (r: EventRow, code: Refusal, locale: PageLocale): string => {
  const t = eventPageText(locale);
  if (code === 'registration_deadline_passed') return t.deadlinePassed;
  if (code === 'event_full') return t.full;
  return r.status === 'cancelled' ? t.cancelledEvent : t.notOpen;
};

const refusals: readonly string[] = ['event_not_open', 'registration_deadline_passed', 'event_full'];

export const registerEventRoutes = (app: FastifyInstance, ctx: AppContext): void => {
  registerEndpoints(app, ctx, eventEndpoints, {
    listEvents: (ctx, _actor, { query }) => listEvents(ctx, query),
    createEvent: (ctx, actor, { body }) => createEvent(ctx, actor, body),
    getEvent: (ctx, _actor, { params }) => getEvent(ctx, params.id),
    updateEvent: (ctx, actor, { params, version, body }) => updateEvent(ctx, actor, params.id, version, body),
    deleteEvent: (ctx, actor, { params }) => deleteEvent(ctx, actor, params.id),
    listInvitations: (ctx, _actor, { params, query }) => listInvitations(ctx, params.id, query),
    createInvitations: (ctx, actor, { params, body }) => createInvitations(ctx, actor, params.id, body),
    listRegistrations: (ctx, _actor, { params, query }) => listRegistrations(ctx, params.id, query),
    getRegistration: (ctx, _actor, { params }) => getRegistration(ctx, params.id, params.registrationId),
    checkinRegistration: (ctx, actor, { params }) => checkIn(ctx, actor, params.id, params.registrationId),
    cancelRegistration: (ctx, actor, { params }) => cancelRegistration(ctx, actor, params.id, params.registrationId),
    closeEvent: (ctx, actor, { params }) => closeEvent(ctx, actor, params.id),
    eventReport: (ctx, actor, { params }) => eventReport(ctx, actor, params.id),
  });

  // The visitors' pages (/e/{slug}) live in the public scope the forms use (http/public.ts): HTML for a
  // browser's form post, JSON for `application/json`, hidden from the API document.
  registerPublicScope(app, (s) => {
    const SlugParams = z.object({ slug: z.string().max(80) });
    const Query = z.record(z.string(), z.unknown());
    const notFound = (reply: FastifyReply, locale: PageLocale, embed: boolean) =>
      html(reply, 404, messagePage(locale, 'Nenner', eventPageText(locale).notFound, embed));

    /** The event by its address; for a page, a missing one is a 404 page. */
    const find = async (slug: string, json: boolean): Promise<EventRow | null> => {
      try {
        return await findPublicEvent(ctx, slug);
      } catch (error) {
        if (json || !isCode(error, 'event_not_found')) throw error;
        return null;
      }
    };

    s.get('/e/:slug', { schema: { hide: true, params: SlugParams, querystring: Query } }, async (request, reply) => {
      const json = wantsJson(request);
      const locale = pageLocale(request.headers['accept-language'], request.query.lang);
      const embed = request.query.embed === '1';
      const r = await find(request.params.slug, json);
      if (!r) return notFound(reply, locale, embed);
      const ev = presentPublicEvent(r);
      if (json) return reply.header('cache-control', 'no-store').send(ev);
      const refusal = refusalOf(r);
      if (refusal) return html(reply, 200, eventMessagePage(ev, locale, refusalText(r, refusal, locale), embed));
      const token = typeof request.query.invitation === 'string' ? request.query.invitation.slice(0, 200) : null;
      const values = (token && (await invitationPrefill(ctx, r, token))) || {};
      return html(reply, 200, registrationPage(ev, locale, { values, errors: {}, invitation: token, embed }));
    });

    s.post(
      '/e/:slug',
      { bodyLimit: PUBLIC_BODY_LIMIT, schema: { hide: true, params: SlugParams, querystring: Query } },
      async (request, reply) => {
        const json = wantsJson(request);
        const locale = pageLocale(request.headers['accept-language'], request.query.lang);
        const embed = request.query.embed === '1';
        const r = await find(request.params.slug, json);
        if (!r) return notFound(reply, locale, embed);
        const ev = presentPublicEvent(r);
        let outcome: Awaited<ReturnType<typeof submitRegistration>>;
        try {
          outcome = await submitRegistration(ctx, r, request.body, { ip: request.ip, locale });
        } catch (error) {
          if (json || !(error instanceof AppError) || !refusals.includes(error.code)) throw error;
          const page = eventMessagePage(ev, locale, refusalText(r, error.code as Refusal, locale), embed);
          return html(reply, error.status, page);
        }
        switch (outcome.kind) {
          case 'rate_limited':
            if (json) throw new AppError('rate_limited', undefined, { headers: { 'retry-after': '60' } });
            return html(
              reply.header('retry-after', '60'),
              429,
              eventMessagePage(ev, locale, eventPageText(locale).tooMany, embed),
            );
          case 'invalid':
            if (json) {
              throw new AppError('validation_failed', undefined, {
                errors: Object.entries(outcome.errors).map(([path, message]) => ({ path, message })),
              });
            }
            return html(reply, 400, registrationPage(ev, locale, { ...outcome, embed }));
          case 'accepted':
            if (json) return reply.status(outcome.created ? 201 : 200).send(outcome.result);
            return html(reply, outcome.created ? 201 : 200, registeredPage(ev, locale, outcome.result, embed));
        }
      },
    );

    s.get(
      '/e/:slug/cancel',
      { schema: { hide: true, params: SlugParams, querystring: Query } },
      async (request, reply) => {
        const locale = pageLocale(request.headers['accept-language'], request.query.lang);
        const r = await find(request.params.slug, false);
        if (!r) return notFound(reply, locale, false);
        const token = typeof request.query.token === 'string' ? request.query.token.slice(0, 200) : '';
        return html(reply, 200, cancelPage(presentPublicEvent(r), locale, token));
      },
    );

    s.post(
      '/e/:slug/cancel',
      { bodyLimit: PUBLIC_BODY_LIMIT, schema: { hide: true, params: SlugParams, querystring: Query } },
      async (request, reply) => {
        const json = wantsJson(request);
        const locale = pageLocale(request.headers['accept-language'], request.query.lang);
        const r = await find(request.params.slug, json);
        if (!r) return notFound(reply, locale, false);
        const ev = presentPublicEvent(r);
        const t = eventPageText(locale);
        const body = (request.body ?? {}) as Record<string, unknown>;
        const token = typeof body.token === 'string' ? body.token.trim() : '';
        if (token.length < 10 || token.length > 200) {
          if (json)
            throw new AppError('validation_failed', undefined, {
              errors: [{ path: 'token', message: 'The link’s token' }],
            });
          return html(reply, 404, eventMessagePage(ev, locale, t.badLink, false));
        }
        let registrationId: string;
        try {
          registrationId = await cancelFromLink(ctx, r, token);
        } catch (error) {
          if (json || !(error instanceof AppError)) throw error;
          if (error.code === 'registration_not_found')
            return html(reply, 404, eventMessagePage(ev, locale, t.badLink, false));
          if (error.code === 'event_not_open') return html(reply, 409, eventMessagePage(ev, locale, t.notOpen, false));
          throw error;
        }
        if (json) return reply.send({ status: 'cancelled', registrationId });
        return html(reply, 200, eventMessagePage(ev, locale, t.cancelDone, false));
      },
    );

    s.get('/e/:slug/event.ics', { schema: { hide: true, params: SlugParams } }, async (request, reply) => {
      const r = await findPublicEvent(ctx, request.params.slug);
      return reply
        .type('text/calendar; charset=utf-8')
        .header('content-disposition', `attachment; filename="${r.slug}.ics"`)
        .header('cache-control', 'no-store')
        .send(publicEventCalendar(ctx, r));
    });
  });
};
