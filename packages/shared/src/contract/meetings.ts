import { z } from 'zod';
import { IdParams, pageOf } from '../schemas/common.js';
import {
  CreateMeetingInput,
  Meeting,
  MeetingListQuery,
  Occurrence,
  OccurrenceDetail,
  OccurrenceIdParams,
  OccurrenceListQuery,
  UpdateMeetingInput,
  UpdateOccurrenceInput,
} from '../schemas/meetings.js';
import { endpoint } from './endpoint.js';

const tag = 'meetings';

export const meetingEndpoints = {
  listMeetings: endpoint({
    method: 'GET',
    path: '/api/meetings',
    tag,
    summary: 'Meeting series (Abstimmungen), newest first; everyone sees every series',
    query: MeetingListQuery,
    response: pageOf(Meeting),
    action: 'meetings.read',
  }),
  createMeeting: endpoint({
    method: 'POST',
    path: '/api/meetings',
    tag,
    summary: 'Create a series (members and admins); every participant gets an iCalendar invitation',
    body: CreateMeetingInput,
    response: Meeting,
    status: 201,
    action: 'meetings.create',
  }),
  getMeeting: endpoint({
    method: 'GET',
    path: '/api/meetings/:id',
    tag,
    summary: 'One series with its rule, participants and warnings',
    params: IdParams,
    response: Meeting,
    action: 'meetings.read',
  }),
  updateMeeting: endpoint({
    method: 'PATCH',
    path: '/api/meetings/:id',
    tag,
    summary: 'Edit a series (its participants and admins; If-Match: "<version>"); participants get the update',
    params: IdParams,
    body: UpdateMeetingInput,
    response: Meeting,
    ifMatch: true,
    action: 'meetings.edit',
  }),
  deleteMeeting: endpoint({
    method: 'DELETE',
    path: '/api/meetings/:id',
    tag,
    summary: 'Cancel a series (its participants and admins); participants get METHOD:CANCEL',
    params: IdParams,
    action: 'meetings.edit',
  }),
  listOccurrences: endpoint({
    method: 'GET',
    path: '/api/meetings/:id/occurrences',
    tag,
    summary:
      'Occurrences starting in [from, to) (default: the next 8 weeks; at most 366 days), cancelled ones included',
    params: IdParams,
    query: OccurrenceListQuery,
    response: z.array(Occurrence),
    action: 'meetings.read',
  }),
  getMeetingInvite: endpoint({
    method: 'GET',
    path: '/api/meetings/:id/invite.ics',
    tag,
    summary: 'The series as an iCalendar file (METHOD:REQUEST, VTIMEZONE, RRULE, EXDATE, moved occurrences)',
    params: IdParams,
    produces: 'text/calendar',
    action: 'meetings.read',
  }),
  getOccurrence: endpoint({
    method: 'GET',
    path: '/api/occurrences/:id',
    tag,
    summary: 'One occurrence (id: <series id>:<original start>) with its agenda',
    params: OccurrenceIdParams,
    response: OccurrenceDetail,
    action: 'meetings.read',
  }),
  updateOccurrence: endpoint({
    method: 'PATCH',
    path: '/api/occurrences/:id',
    tag,
    summary:
      'Move one occurrence or cancel it (participants and admins; If-Match: the series version); participants get the update',
    params: OccurrenceIdParams,
    body: UpdateOccurrenceInput,
    response: OccurrenceDetail,
    ifMatch: true,
    action: 'meetings.edit',
  }),
};
