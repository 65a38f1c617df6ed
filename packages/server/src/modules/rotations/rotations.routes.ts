import { rotationEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import { rotationActivity, rotationQuarterReport } from './rotations.report.js';
import {
  addCheckin,
  createRotation,
  getRotation,
  listRotations,
  updateRotation,
  writeReport,
} from './rotations.service.js';

export const registerRotationRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, rotationEndpoints, {
    listRotations: (ctx, _actor, { query }) => listRotations(ctx, query),
    createRotation: (ctx, actor, { body }) => createRotation(ctx, actor, body),
    rotationReport: (ctx, _actor, { query }) => rotationQuarterReport(ctx, query.quarter),
    getRotation: (ctx, _actor, { params }) => getRotation(ctx, params.id),
    updateRotation: (ctx, actor, { params, version, body }) => updateRotation(ctx, actor, params.id, version, body),
    createRotationCheckin: (ctx, actor, { params, body }) => addCheckin(ctx, actor, params.id, body),
    writeRotationReport: (ctx, actor, { params, body }) => writeReport(ctx, actor, params.id, body),
    listRotationActivity: (ctx, _actor, { params, query }) => rotationActivity(ctx, params.id, query),
  });
