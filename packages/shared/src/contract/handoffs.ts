import { IdParams, pageOf } from '../schemas/common.js';
import {
  ConvertHandoffInput,
  Handoff,
  ListHandoffsQuery,
  ReassignHandoffInput,
  RecycleHandoffInput,
  RejectHandoffInput,
} from '../schemas/leads.js';
import { endpoint } from './endpoint.js';

const tag = 'handoffs';

export const handoffEndpoints = {
  listHandoffs: endpoint({
    method: 'GET',
    path: '/api/handoffs',
    tag,
    summary:
      'Lead handoffs, newest first (status open|accepted|rejected|converted|recycled|breached; assignee me|none|<id>)',
    query: ListHandoffsQuery,
    response: pageOf(Handoff),
    action: 'handoffs.read',
  }),
  getHandoff: endpoint({
    method: 'GET',
    path: '/api/handoffs/:id',
    tag,
    summary: 'One handoff',
    params: IdParams,
    response: Handoff,
    action: 'handoffs.read',
  }),
  acceptHandoff: endpoint({
    method: 'POST',
    path: '/api/handoffs/:id/accept',
    tag,
    summary: 'Accept the lead (sales)',
    params: IdParams,
    response: Handoff,
    action: 'handoffs.answer',
  }),
  rejectHandoff: endpoint({
    method: 'POST',
    path: '/api/handoffs/:id/reject',
    tag,
    summary: 'Return the lead with a reason (sales)',
    params: IdParams,
    body: RejectHandoffInput,
    response: Handoff,
    action: 'handoffs.answer',
  }),
  logFirstTouch: endpoint({
    method: 'POST',
    path: '/api/handoffs/:id/first-touch',
    tag,
    summary: "Log sales' first contact (sales)",
    params: IdParams,
    response: Handoff,
    action: 'handoffs.answer',
  }),
  convertHandoff: endpoint({
    method: 'POST',
    path: '/api/handoffs/:id/convert',
    tag,
    summary: 'Convert to SQL or opportunity (sales); an opportunity, or `deal`, opens a deal on the contact’s account',
    params: IdParams,
    // fastify hands a missing body over as null: converting without one means sql
    body: ConvertHandoffInput.nullish(),
    response: Handoff,
    action: 'handoffs.answer',
  }),
  reassignHandoff: endpoint({
    method: 'POST',
    path: '/api/handoffs/:id/reassign',
    tag,
    summary: 'Hand to another user (sales)',
    params: IdParams,
    body: ReassignHandoffInput,
    response: Handoff,
    action: 'handoffs.answer',
  }),
  recycleHandoff: endpoint({
    method: 'POST',
    path: '/api/handoffs/:id/recycle',
    tag,
    summary: 'Send a returned lead back to nurture (marketing)',
    params: IdParams,
    body: RecycleHandoffInput,
    response: Handoff,
    action: 'handoffs.recycle',
  }),
};
