import { IdParams, pageOf } from '../schemas/common.js';
import {
  CloseEventResult,
  CreateEventInput,
  CreateInvitationsInput,
  Event,
  EventListQuery,
  EventRegistrationParams,
  EventReport,
  Invitation,
  InvitationListQuery,
  InvitationsResult,
  Registration,
  RegistrationListQuery,
  UpdateEventInput,
} from '../schemas/events.js';
import { endpoint } from './endpoint.js';

// The public pages are for visitors (HTML for a browser's form post, JSON for `application/json`) and
// are registered by hand, hidden from the API document:
//   GET  /e/:slug            the hosted page (Accept: application/json → PublicEvent)
//   POST /e/:slug            register (PublicRegistrationInput → 201/200 PublicRegistrationResult)
//   GET  /e/:slug/cancel     the page behind the email's cancellation link (?token=…)
//   POST /e/:slug/cancel     { token } → CancelRegistrationResult
//   GET  /e/:slug/event.ics  the event as an iCalendar file (METHOD:PUBLISH)
const tag = 'events';

export const eventEndpoints = {
  listEvents: endpoint({
    method: 'GET',
    path: '/api/events',
    tag,
    summary: 'Customer events (Veranstaltungen) by start, filtered by text, status, type or time',
    query: EventListQuery,
    response: pageOf(Event),
    action: 'events.read',
  }),
  createEvent: endpoint({
    method: 'POST',
    path: '/api/events',
    tag,
    summary:
      'Create an event (marketing and admins); without campaignId a campaign is created with it; a taken slug answers 409 slug_taken',
    body: CreateEventInput,
    response: Event,
    status: 201,
    action: 'events.manage',
  }),
  getEvent: endpoint({
    method: 'GET',
    path: '/api/events/:id',
    tag,
    summary: 'One event with its seats, counts and public links',
    params: IdParams,
    response: Event,
    action: 'events.read',
  }),
  updateEvent: endpoint({
    method: 'PATCH',
    path: '/api/events/:id',
    tag,
    summary:
      'Edit an event (marketing and admins; If-Match: "<version>"); a new time sends updated invitations, status cancelled sends METHOD:CANCEL',
    params: IdParams,
    body: UpdateEventInput,
    response: Event,
    ifMatch: true,
    action: 'events.manage',
  }),
  deleteEvent: endpoint({
    method: 'DELETE',
    path: '/api/events/:id',
    tag,
    summary:
      'Delete an event nobody registered for (409 event_has_registrations otherwise: cancel it instead); its campaign stays',
    params: IdParams,
    action: 'events.manage',
  }),
  listInvitations: endpoint({
    method: 'GET',
    path: '/api/events/:id/invitations',
    tag,
    summary: 'Who was invited by whom, and who registered; newest first',
    params: IdParams,
    query: InvitationListQuery,
    response: pageOf(Invitation),
    action: 'events.read',
  }),
  createInvitations: endpoint({
    method: 'POST',
    path: '/api/events/:id/invitations',
    tag,
    summary:
      'Invite contacts (sales and admins): each gets a personal email from the rep with a registration link; contacts without marketing consent, opted out, without email or already invited are skipped with the reason',
    params: IdParams,
    body: CreateInvitationsInput,
    response: InvitationsResult,
    action: 'events.invite',
  }),
  listRegistrations: endpoint({
    method: 'GET',
    path: '/api/events/:id/registrations',
    tag,
    summary: 'Registrations in order of arrival, searchable by name, email or company (the check-in list)',
    params: IdParams,
    query: RegistrationListQuery,
    response: pageOf(Registration),
    action: 'events.read',
  }),
  getRegistration: endpoint({
    method: 'GET',
    path: '/api/events/:id/registrations/:registrationId',
    tag,
    summary: "One registration (the person a guest's QR code opens at the door), with its place on the waiting list",
    params: EventRegistrationParams,
    response: Registration,
    action: 'events.read',
  }),
  checkinRegistration: endpoint({
    method: 'POST',
    path: '/api/events/:id/registrations/:registrationId/checkin',
    tag,
    summary:
      "Mark a confirmed person attended (sales, marketing and admins; again: no change): an event_attendance touchpoint of the event's campaign, rescored",
    params: EventRegistrationParams,
    response: Registration,
    action: 'events.checkin',
  }),
  cancelRegistration: endpoint({
    method: 'POST',
    path: '/api/events/:id/registrations/:registrationId/cancel',
    tag,
    summary:
      "Cancel for a guest (sales, marketing and admins), as the guest's link does: the seat is freed and the first on the waiting list is confirmed",
    params: EventRegistrationParams,
    response: Registration,
    action: 'events.checkin',
  }),
  closeEvent: endpoint({
    method: 'POST',
    path: '/api/events/:id/close',
    tag,
    summary:
      'Close the event after it started (marketing and admins): confirmed people who did not come become no_show, account owners get follow-up tasks, attendees without owner go through lead routing',
    params: IdParams,
    response: CloseEventResult,
    action: 'events.manage',
  }),
  eventReport: endpoint({
    method: 'GET',
    path: '/api/events/:id/report',
    tag,
    summary:
      "Invited, registered, waitlisted, cancelled, attended, no-show rate; by inviting rep; the campaign's leads, MQLs, attributed pipeline and revenue; cost per attendee",
    params: IdParams,
    response: EventReport,
    action: 'events.read',
  }),
};
