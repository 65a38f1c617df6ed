import { z } from 'zod';
import { endpoint } from './endpoint.js';

export const systemEndpoints = {
  getHealth: endpoint({
    method: 'GET',
    path: '/api/health',
    tag: 'system',
    summary: 'Liveness check',
    response: z.object({ status: z.literal('ok') }),
    action: 'public',
  }),
};
