import { contactEndpoints } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerEndpoints } from '../../http/endpoints.js';
import {
  createContact,
  deleteContact,
  getContact,
  listContacts,
  restoreContact,
  updateContact,
} from './contacts.service.js';

export const registerContactRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerEndpoints(app, ctx, contactEndpoints, {
    listContacts: (ctx, actor, { query }) => listContacts(ctx, actor, query),
    createContact: (ctx, actor, { body }) => createContact(ctx, actor, body),
    getContact: (ctx, actor, { params }) => getContact(ctx, actor, params.id),
    updateContact: (ctx, actor, { params, version, body }) => updateContact(ctx, actor, params.id, version, body),
    deleteContact: (ctx, actor, { params }) => deleteContact(ctx, actor, params.id),
    restoreContact: (ctx, actor, { params }) => restoreContact(ctx, actor, params.id),
  });
