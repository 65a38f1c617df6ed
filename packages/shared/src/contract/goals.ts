import { z } from 'zod';
import { IdParams, pageOf } from '../schemas/common.js';
import {
  CreateGoalInput,
  Goal,
  GoalChain,
  GoalListQuery,
  GoalMetric,
  GoalProgressResult,
  UpdateGoalInput,
} from '../schemas/goals.js';
import { endpoint } from './endpoint.js';

const tag = 'goals';

export const goalEndpoints = {
  listGoalMetrics: endpoint({
    method: 'GET',
    path: '/api/goals/metrics',
    tag,
    summary: 'The metric catalogue: key, name and definition in German and English, unit, direction, filters',
    response: z.array(GoalMetric),
    action: 'goals.read',
  }),
  listGoals: endpoint({
    method: 'GET',
    path: '/api/goals',
    tag,
    summary: 'Goals (Gemeinsame Ziele), newest period first; everyone sees every goal',
    query: GoalListQuery,
    response: pageOf(Goal),
    action: 'goals.read',
  }),
  createGoal: endpoint({
    method: 'POST',
    path: '/api/goals',
    tag,
    summary: 'Create a goal (members and admins); money targets in minor units with a currency',
    body: CreateGoalInput,
    response: Goal,
    status: 201,
    action: 'goals.create',
  }),
  getGoal: endpoint({
    method: 'GET',
    path: '/api/goals/:id',
    tag,
    summary: 'One goal',
    params: IdParams,
    response: Goal,
    action: 'goals.read',
  }),
  updateGoal: endpoint({
    method: 'PATCH',
    path: '/api/goals/:id',
    tag,
    summary: 'Edit a goal (its owners and admins; If-Match: "<version>" required)',
    params: IdParams,
    body: UpdateGoalInput,
    response: Goal,
    ifMatch: true,
    action: 'goals.edit',
  }),
  deleteGoal: endpoint({
    method: 'DELETE',
    path: '/api/goals/:id',
    tag,
    summary: 'Delete a goal (its owners and admins); goals below it lose their parent',
    params: IdParams,
    action: 'goals.edit',
  }),
  getGoalProgress: endpoint({
    method: 'GET',
    path: '/api/goals/:id/progress',
    tag,
    summary: 'Actual, pace, forecast and status, computed from the records, with a daily series for the burn-up chart',
    params: IdParams,
    response: GoalProgressResult,
    action: 'goals.read',
  }),
  getGoalChain: endpoint({
    method: 'GET',
    path: '/api/goals/:id/chain',
    tag,
    summary: 'The goals above and below this one (revenue ← pipeline ← SQLs ← MQLs), each with its status',
    params: IdParams,
    response: GoalChain,
    action: 'goals.read',
  }),
};
