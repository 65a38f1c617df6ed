import { meetingEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { calendarFile, registerEndpoints } from '../../http/endpoints.js';
import {
  createMeeting,
  deleteMeeting,
  getMeeting,
  listMeetings,
  meetingCalendar,
  updateMeeting,
} from './meetings.service.js';
import {
  closeOccurrence,
  createActionItem,
  createAgendaItem,
  createDecision,
  followThrough,
  rateOccurrence,
  refreshAgenda,
  startOccurrence,
  updateAgendaItem,
} from './minutes.service.js';
import { getOccurrence, listOccurrences, updateOccurrence } from './occurrences.service.js';

export const registerMeetingRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, meetingEndpoints, {
    listMeetings: (ctx, _actor, { query }) => listMeetings(ctx, query),
    createMeeting: (ctx, actor, { body }) => createMeeting(ctx, actor, body),
    getMeeting: (ctx, _actor, { params }) => getMeeting(ctx, params.id),
    updateMeeting: (ctx, actor, { params, version, body }) => updateMeeting(ctx, actor, params.id, version, body),
    deleteMeeting: (ctx, actor, { params }) => deleteMeeting(ctx, actor, params.id),
    listOccurrences: (ctx, _actor, { params, query }) => listOccurrences(ctx, params.id, query),
    getMeetingInvite: async (ctx, _actor, { params }) =>
      calendarFile(`nenner-meeting-${params.id}.ics`, await meetingCalendar(ctx, params.id)),
    getOccurrence: (ctx, _actor, { params }) => getOccurrence(ctx, params.id),
    updateOccurrence: (ctx, actor, { params, version, body }) => updateOccurrence(ctx, actor, params.id, version, body),
    getFollowThrough: (ctx, _actor, { params }) => followThrough(ctx, params.id),
    refreshAgenda: (ctx, actor, { params }) => refreshAgenda(ctx, actor, params.id),
    createAgendaItem: (ctx, actor, { params, body }) => createAgendaItem(ctx, actor, params.id, body),
    updateAgendaItem: (ctx, actor, { params, body }) => updateAgendaItem(ctx, actor, params.id, params.itemId, body),
    createDecision: (ctx, actor, { params, body }) => createDecision(ctx, actor, params.id, body),
    createActionItem: (ctx, actor, { params, body }) => createActionItem(ctx, actor, params.id, body),
    startOccurrence: (ctx, actor, { params }) => startOccurrence(ctx, actor, params.id),
    closeOccurrence: (ctx, actor, { params }) => closeOccurrence(ctx, actor, params.id),
    rateOccurrence: (ctx, actor, { params, body }) => rateOccurrence(ctx, actor, params.id, body),
  });
