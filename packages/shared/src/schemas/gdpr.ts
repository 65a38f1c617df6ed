import { z } from 'zod';
import { Id, UserRef } from './common.js';

export const consentActions = ['given', 'withdrawn'] as const;
/** Where a consent was given or withdrawn: a form, an event registration, an import, by hand, a mail's link. */
export const consentSourceKinds = ['form', 'event', 'import', 'manual', 'unsubscribe'] as const;

/** One line of the consent ledger: lines are only added, never changed (a confirmation sets its time). */
export const ConsentEntry = z.object({
  id: Id,
  purpose: z.string(),
  action: z.enum(consentActions),
  /** `pending` until a double opt-in link is followed; `confirmed`; `withdrawn`. */
  status: z.enum(['pending', 'confirmed', 'withdrawn']),
  text: z.string(),
  textVersion: z.number().int(),
  /** e.g. `form:<slug>`, `event:<slug>`, `import:<file>`, `manual`, `unsubscribe`. */
  source: z.string(),
  sourceKind: z.enum(consentSourceKinds),
  at: z.string(),
  confirmedAt: z.string().nullable(),
  recordedBy: UserRef.nullable(),
  /** Given after the email had been erased and suppressed: allowed, and marked. */
  afterSuppression: z.boolean(),
});
export type ConsentEntry = z.infer<typeof ConsentEntry>;

export const RecordConsentInput = z.strictObject({
  action: z.enum(consentActions),
  purpose: z.string().trim().min(1).max(60).default('marketing'),
  /** The consent text the person agreed to (required when giving consent). */
  text: z.string().trim().max(4000).default(''),
  textVersion: z.number().int().min(0).default(0),
  sourceKind: z.enum(['manual', 'import']).default('manual'),
});
export type RecordConsentInput = z.infer<typeof RecordConsentInput>;

export const GdprExportQuery = z.strictObject({ format: z.enum(['json', 'html']).default('json') });
export type GdprExportQuery = z.infer<typeof GdprExportQuery>;

/** Everything Nenner holds about a person (Art. 15 DSGVO). */
export const GdprExport = z.object({
  generatedAt: z.string(),
  contact: z.record(z.string(), z.unknown()),
  consents: z.array(ConsentEntry),
  timeline: z.array(z.record(z.string(), z.unknown())),
  touchpoints: z.array(z.record(z.string(), z.unknown())),
  handoffs: z.array(z.record(z.string(), z.unknown())),
  eventRegistrations: z.array(z.record(z.string(), z.unknown())),
  campaignMemberships: z.array(z.record(z.string(), z.unknown())),
  formSubmissions: z.array(z.record(z.string(), z.unknown())),
});
export type GdprExport = z.infer<typeof GdprExport>;

export const EraseContactInput = z.strictObject({ reason: z.string().trim().min(3).max(500) });
export type EraseContactInput = z.infer<typeof EraseContactInput>;

export const ErasureResult = z.object({ contactId: Id, erasedAt: z.string() });
export type ErasureResult = z.infer<typeof ErasureResult>;
