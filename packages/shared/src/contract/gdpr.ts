import { z } from 'zod';
import { IdParams } from '../schemas/common.js';
import {
  ConsentEntry,
  EraseContactInput,
  ErasureResult,
  GdprExport,
  GdprExportQuery,
  RecordConsentInput,
} from '../schemas/gdpr.js';
import { endpoint } from './endpoint.js';

const tag = 'gdpr';

export const gdprEndpoints = {
  listContactConsents: endpoint({
    method: 'GET',
    path: '/api/contacts/:id/consents',
    // documented under leads since lead capture first listed consents here
    tag: 'leads',
    summary: "The contact's consent ledger, newest first: every consent given or withdrawn",
    params: IdParams,
    response: z.object({ items: z.array(ConsentEntry) }),
    action: 'records.read',
  }),
  recordContactConsent: endpoint({
    method: 'POST',
    path: '/api/contacts/:id/consents',
    tag,
    summary: 'Record a consent given or withdrawn (by hand or from an import)',
    params: IdParams,
    body: RecordConsentInput,
    response: ConsentEntry,
    status: 201,
    action: 'records.write',
  }),
  gdprExport: endpoint({
    method: 'GET',
    path: '/api/contacts/:id/gdpr-export',
    tag,
    summary: 'Everything held about the person (Art. 15 DSGVO) as JSON, or a readable page with format=html (admins)',
    params: IdParams,
    query: GdprExportQuery,
    response: GdprExport,
    action: 'gdpr.admin',
  }),
  eraseContact: endpoint({
    method: 'POST',
    path: '/api/contacts/:id/erase',
    tag,
    summary: "Erase the person's personal data everywhere, irreversibly (Art. 17 DSGVO, admins)",
    params: IdParams,
    body: EraseContactInput,
    response: ErasureResult,
    action: 'gdpr.admin',
  }),
};
