import type { CreateDealInput, Deal } from '@nenner/shared';
import { fromMinorUnits, toMinorUnits } from '../../i18n/format';

export const currencies = ['EUR', 'CHF', 'USD', 'GBP'];

export type DealDraft = {
  name: string;
  amount: number | string;
  currency: string;
  closeDate: string;
  ownerId: string | null;
  nextStep: string;
  contacts: { contactId: string; role: string | null; name: string }[];
  competitorIds: string[];
};

export const dealToDraft = (d: Deal): DealDraft => ({
  name: d.name,
  amount: fromMinorUnits(d.amount, d.currency),
  currency: d.currency,
  closeDate: d.closeDate ?? '',
  ownerId: d.ownerId,
  nextStep: d.nextStep ?? '',
  contacts: d.contacts.map((c) => ({ contactId: c.contactId, role: c.role, name: c.name })),
  competitorIds: d.competitors.map((c) => c.id),
});

/** Only the changed fields, as the API takes them (amount in minor units, empty text as null). */
export const draftToInput = (changes: Partial<DealDraft>, base: DealDraft): object => {
  const draft = { ...base, ...changes };
  const out: Record<string, unknown> = {};
  if (changes.name !== undefined) out.name = changes.name;
  if (changes.amount !== undefined || changes.currency !== undefined) {
    out.amount = toMinorUnits(Number(draft.amount) || 0, draft.currency);
    out.currency = draft.currency;
  }
  if (changes.closeDate !== undefined) out.closeDate = changes.closeDate || null;
  if (changes.ownerId !== undefined) out.ownerId = changes.ownerId;
  if (changes.nextStep !== undefined) out.nextStep = changes.nextStep.trim() || null;
  if (changes.contacts !== undefined) {
    out.contacts = changes.contacts.map((c) => ({ contactId: c.contactId, role: c.role }));
  }
  if (changes.competitorIds !== undefined) out.competitorIds = changes.competitorIds;
  return out;
};

/** What the "new deal" form edits; the stage empty means the pipeline's first. */
export type NewDealDraft = {
  name: string;
  accountId: string | null;
  amount: number | string;
  currency: string;
  stageId: string | null;
  ownerId: string | null;
  closeDate: string;
};

export const emptyNewDealDraft = (accountId: string | null, ownerId: string | null): NewDealDraft => ({
  name: '',
  accountId,
  amount: '',
  currency: 'EUR',
  stageId: null,
  ownerId,
  closeDate: '',
});

/** A new deal as the API takes it; no account yet sends an empty id, which the schema names at the account field. */
export const newDealToInput = (d: NewDealDraft, pipelineId: string | undefined): CreateDealInput => ({
  name: d.name,
  accountId: d.accountId ?? '',
  amount: toMinorUnits(Number(d.amount) || 0, d.currency),
  currency: d.currency,
  ...(pipelineId && { pipelineId }),
  ...(d.stageId && { stageId: d.stageId }),
  ownerId: d.ownerId,
  closeDate: d.closeDate || null,
});
