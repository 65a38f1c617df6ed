import type { Campaign, CampaignChannel, Department } from '@nenner/shared';
import { majorToMinor, minorToMajor } from './campaignMath';

/** What the campaign form edits; money as the major-unit text the amount inputs show. */
export type CampaignDraft = {
  name: string;
  channel: CampaignChannel;
  status: Campaign['status'];
  startDate: string;
  endDate: string;
  ownerId: string | null;
  teamId: string | null;
  department: Department | null;
  currency: string;
  budget: number | string;
  expectedLeads: number | string;
  expectedPipeline: number | string;
  utmKeys: string[];
  description: string;
};

export const emptyCampaignDraft = (me: { id: string; department: Department }): CampaignDraft => ({
  name: '',
  channel: 'email',
  status: 'planned',
  startDate: '',
  endDate: '',
  ownerId: me.id,
  teamId: null,
  department: null,
  currency: 'EUR',
  budget: '',
  expectedLeads: '',
  expectedPipeline: '',
  utmKeys: [],
  description: '',
});

export const campaignToDraft = (c: Campaign): CampaignDraft => ({
  name: c.name,
  channel: c.channel,
  status: c.status,
  startDate: c.startDate ?? '',
  endDate: c.endDate ?? '',
  ownerId: c.owner?.id ?? null,
  teamId: c.teamId,
  department: c.department,
  currency: c.currency,
  budget: minorToMajor(c.budget, c.currency),
  expectedLeads: c.expectedLeads ?? '',
  expectedPipeline: c.expectedPipeline === null ? '' : minorToMajor(c.expectedPipeline, c.currency),
  utmKeys: c.utmKeys,
  description: c.description ?? '',
});

/** Money fields in minor units; an amount that is not a number is sent as -1 so the server names the field. */
const money = (v: number | string, currency: string): number => majorToMinor(v, currency) ?? -1;
const optionalMoney = (v: number | string, currency: string): number | null =>
  String(v).trim() === '' ? null : money(v, currency);
const optionalCount = (v: number | string): number | null => (String(v).trim() === '' ? null : Number(v));

/** The changed fields as the API takes them; `changes` of a new campaign is the whole draft. */
export const draftToInput = (changes: Partial<CampaignDraft>, base: CampaignDraft): Record<string, unknown> => {
  const d = { ...base, ...changes };
  const out: Record<string, unknown> = {};
  if (changes.name !== undefined) out.name = d.name.trim();
  if (changes.channel !== undefined) out.channel = d.channel;
  if (changes.status !== undefined) out.status = d.status;
  if (changes.startDate !== undefined) out.startDate = d.startDate || null;
  if (changes.endDate !== undefined) out.endDate = d.endDate || null;
  if (changes.ownerId !== undefined) out.ownerId = d.ownerId;
  if (changes.teamId !== undefined) out.teamId = d.teamId;
  if (changes.department !== undefined && d.department) out.department = d.department;
  // the amounts are in the campaign's currency: a new currency re-sends them
  const currencyChanged = changes.currency !== undefined;
  if (currencyChanged) out.currency = d.currency;
  if (changes.budget !== undefined || currencyChanged) out.budget = money(d.budget, d.currency);
  if (changes.expectedPipeline !== undefined || currencyChanged) {
    out.expectedPipeline = optionalMoney(d.expectedPipeline, d.currency);
  }
  if (changes.expectedLeads !== undefined) out.expectedLeads = optionalCount(d.expectedLeads);
  if (changes.utmKeys !== undefined) out.utmKeys = d.utmKeys.map((k) => k.trim()).filter(Boolean);
  if (changes.description !== undefined) out.description = d.description.trim() || null;
  return out;
};

/** A new campaign's input: every field, the department left to the server (the owner's) when not chosen. */
export const draftToCreateInput = (d: CampaignDraft): Record<string, unknown> => draftToInput(d, d);
