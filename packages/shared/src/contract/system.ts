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
  getReady: endpoint({
    method: 'GET',
    path: '/api/ready',
    tag: 'system',
    summary:
      'Readiness check: the database answers and is at the migration this build expects (503 not_ready otherwise)',
    response: z.object({ status: z.literal('ready'), migration: z.string() }),
    action: 'public',
  }),
};
