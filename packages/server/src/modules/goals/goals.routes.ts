import { goalEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import {
  createGoal,
  deleteGoal,
  getGoal,
  goalChain,
  goalProgressOf,
  listGoalMetrics,
  listGoals,
  updateGoal,
} from './goals.service.js';

export const registerGoalRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, goalEndpoints, {
    listGoalMetrics: async () => listGoalMetrics(),
    listGoals: (ctx, _actor, { query }) => listGoals(ctx, query),
    createGoal: (ctx, actor, { body }) => createGoal(ctx, actor, body),
    getGoal: (ctx, _actor, { params }) => getGoal(ctx, params.id),
    updateGoal: (ctx, actor, { params, version, body }) => updateGoal(ctx, actor, params.id, version, body),
    deleteGoal: (ctx, actor, { params }) => deleteGoal(ctx, actor, params.id),
    getGoalProgress: (ctx, _actor, { params }) => goalProgressOf(ctx, params.id),
    getGoalChain: (ctx, _actor, { params }) => goalChain(ctx, params.id),
  });
