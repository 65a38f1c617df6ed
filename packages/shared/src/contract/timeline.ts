import { IdParams, pageOf } from '../schemas/common.js';
import {
  AccountTimelineQuery,
  CreateCommentInput,
  CreateNoteInput,
  TimelineEntry,
  TimelineQuery,
  type TimelineRecordType,
} from '../schemas/timeline.js';
import { endpoint } from './endpoint.js';

const tag = 'timeline';

/** Notes and comments are written the same way on every record that has a timeline. */
const entriesOn = (type: TimelineRecordType, records: string) => ({
  note: endpoint({
    method: 'POST',
    path: `/api/${records}/:id/notes`,
    tag,
    summary: `Add a markdown note to the ${type}`,
    params: IdParams,
    body: CreateNoteInput,
    response: TimelineEntry,
    status: 201,
    action: 'timeline.write',
  }),
  comment: endpoint({
    method: 'POST',
    path: `/api/${records}/:id/comments`,
    tag,
    summary: `Comment on the ${type}, mentioning colleagues`,
    params: IdParams,
    body: CreateCommentInput,
    response: TimelineEntry,
    status: 201,
    action: 'timeline.write',
  }),
});

// only an account has a 360° scope; `scope` on another record is refused as an unknown parameter
const timelineOf = (type: Exclude<TimelineRecordType, 'account'>, records: string) =>
  endpoint({
    method: 'GET',
    path: `/api/${records}/:id/timeline`,
    tag,
    summary: `The ${type}'s timeline: notes, comments, activities and audit entries, newest first`,
    params: IdParams,
    query: TimelineQuery,
    response: pageOf(TimelineEntry),
    action: 'timeline.read',
  });

const account = entriesOn('account', 'accounts');
const contact = entriesOn('contact', 'contacts');
const deal = entriesOn('deal', 'deals');
const campaign = entriesOn('campaign', 'campaigns');

export const timelineEndpoints = {
  listAccountTimeline: endpoint({
    method: 'GET',
    path: '/api/accounts/:id/timeline',
    tag,
    summary:
      "The account's timeline, newest first; scope=account is the 360° view with its contacts' and deals' entries",
    params: IdParams,
    query: AccountTimelineQuery,
    response: pageOf(TimelineEntry),
    action: 'timeline.read',
  }),
  createAccountNote: account.note,
  createAccountComment: account.comment,
  listContactTimeline: timelineOf('contact', 'contacts'),
  createContactNote: contact.note,
  createContactComment: contact.comment,
  listDealTimeline: timelineOf('deal', 'deals'),
  createDealNote: deal.note,
  createDealComment: deal.comment,
  listCampaignTimeline: timelineOf('campaign', 'campaigns'),
  createCampaignNote: campaign.note,
  createCampaignComment: campaign.comment,
};
