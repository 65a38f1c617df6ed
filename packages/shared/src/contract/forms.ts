import { z } from 'zod';
import { IdParams } from '../schemas/common.js';
import { CreateFormInput, Form, UpdateFormInput } from '../schemas/leads.js';
import { endpoint } from './endpoint.js';

// The public pages (/f/:slug, /f/confirm/:token) are HTML for visitors, hidden from the API document:
// the server registers them by hand.
const tag = 'forms';

export const formEndpoints = {
  listForms: endpoint({
    method: 'GET',
    path: '/api/forms',
    tag,
    summary: 'Lead forms',
    response: z.object({ items: z.array(Form) }),
    action: 'forms.read',
  }),
  createForm: endpoint({
    method: 'POST',
    path: '/api/forms',
    tag,
    summary: 'Create a lead form (marketing)',
    body: CreateFormInput,
    response: Form,
    status: 201,
    action: 'forms.manage',
  }),
  getForm: endpoint({
    method: 'GET',
    path: '/api/forms/:id',
    tag,
    summary: 'One form',
    params: IdParams,
    response: Form,
    action: 'forms.read',
  }),
  updateForm: endpoint({
    method: 'PATCH',
    path: '/api/forms/:id',
    tag,
    summary: 'Edit a form (If-Match)',
    params: IdParams,
    body: UpdateFormInput,
    response: Form,
    ifMatch: true,
    action: 'forms.manage',
  }),
  deleteForm: endpoint({
    method: 'DELETE',
    path: '/api/forms/:id',
    tag,
    summary: 'Delete a form',
    params: IdParams,
    action: 'forms.manage',
  }),
};
