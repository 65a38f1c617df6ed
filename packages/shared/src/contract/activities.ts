import { pageOf } from '../schemas/common.js';
import { Activity, CreateActivityInput, ListActivitiesQuery } from '../schemas/deals.js';
import { endpoint } from './endpoint.js';

const tag = 'activities';

export const activityEndpoints = {
  listActivities: endpoint({
    method: 'GET',
    path: '/api/activities',
    tag,
    summary: 'Logged calls, emails, meetings and notes, newest first (optionally of one record)',
    query: ListActivitiesQuery,
    response: pageOf(Activity),
    action: 'activities.read',
  }),
  createActivity: endpoint({
    method: 'POST',
    path: '/api/activities',
    tag,
    summary: 'Log a call, email, meeting or note on an account, contact or deal (also on its timeline)',
    body: CreateActivityInput,
    response: Activity,
    status: 201,
    action: 'activities.write',
  }),
};
