import { CreateTouchpointInput, Touchpoint } from '../schemas/campaigns.js';
import { endpoint } from './endpoint.js';

const tag = 'touchpoints';

export const touchpointEndpoints = {
  createTouchpoint: endpoint({
    method: 'POST',
    path: '/api/touchpoints',
    tag,
    summary: 'Record a touch of a contact with a campaign that happened earlier (never in the future)',
    body: CreateTouchpointInput,
    response: Touchpoint,
    status: 201,
    action: 'touchpoints.create',
  }),
};
