import { Contact, CreateContactInput, ListContactsQuery, UpdateContactInput } from '@nenner/shared';
import type { FastifyInstance } from 'fastify';
import type { AppContext } from '../../context.js';
import { registerRecordRoutes } from '../../http/records.js';
import {
  createContact,
  deleteContact,
  getContact,
  listContacts,
  restoreContact,
  updateContact,
} from './contacts.service.js';

export const registerContactRoutes = (app: FastifyInstance, ctx: AppContext): void =>
  registerRecordRoutes(app, ctx, {
    path: '/api/contacts',
    noun: 'contact',
    record: Contact,
    listQuery: ListContactsQuery,
    createBody: CreateContactInput,
    updateBody: UpdateContactInput,
    service: {
      list: listContacts,
      get: getContact,
      create: createContact,
      update: updateContact,
      remove: deleteContact,
      restore: restoreContact,
    },
  });
