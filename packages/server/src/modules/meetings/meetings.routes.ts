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
  });
