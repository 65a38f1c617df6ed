import { Contact, CreateContactInput, ListContactsQuery, UpdateContactInput } from '../schemas/contacts.js';
import { recordEndpoints } from './records.js';

const contacts = recordEndpoints({
  path: '/api/contacts',
  noun: 'contact',
  tag: 'contacts',
  record: Contact,
  listQuery: ListContactsQuery,
  createBody: CreateContactInput,
  updateBody: UpdateContactInput,
  read: 'records.read',
  write: 'records.write',
  trash: 'records.trash',
});

export const contactEndpoints = {
  listContacts: contacts.list,
  createContact: contacts.create,
  getContact: contacts.get,
  updateContact: contacts.update,
  deleteContact: contacts.remove,
  restoreContact: contacts.restore,
};
