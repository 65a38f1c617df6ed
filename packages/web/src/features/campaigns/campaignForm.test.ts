import type { Campaign } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import {
  type CampaignDraft,
  campaignToDraft,
  draftToCreateInput,
  draftToInput,
  emptyCampaignDraft,
} from './campaignForm';

const me = { id: 'u1', department: 'marketing' as const };

describe('campaign form → API input', () => {
  it('sends a new campaign with money in minor units and empty fields as null', () => {
    const draft: CampaignDraft = {
      ...emptyCampaignDraft(me),
      name: '  Frühjahrs-Webinar ',
      channel: 'webinar',
      budget: 12500.5, // 12.500,50 € → 1 250 050 cents
      expectedPipeline: '',
      expectedLeads: 40,
      utmKeys: [' fruehjahr-2027 ', 'webinar.q1'],
    };
    expect(draftToCreateInput(draft)).toEqual({
      name: 'Frühjahrs-Webinar',
      channel: 'webinar',
      status: 'planned',
      startDate: null,
      endDate: null,
      ownerId: 'u1',
      teamId: null,
      currency: 'EUR',
      budget: 1_250_050,
      expectedPipeline: null,
      expectedLeads: 40,
      utmKeys: ['fruehjahr-2027', 'webinar.q1'],
      description: null,
    });
  });

  it('sends only what changed, and the amounts again when the currency changes', () => {
    const campaign: Campaign = {
      id: 'c1',
      version: 3,
      createdAt: '2027-01-01T00:00:00.000Z',
      updatedAt: '2027-01-01T00:00:00.000Z',
      name: 'Messe',
      channel: 'trade_fair',
      status: 'active',
      startDate: '2027-04-01',
      endDate: '2027-04-05',
      owner: { id: 'u1', name: 'Lena Vogt', department: 'marketing' },
      teamId: null,
      team: null,
      department: 'marketing',
      currency: 'EUR',
      budget: 2_000_000,
      actualCost: 0,
      expectedLeads: null,
      expectedPipeline: 15_000_000,
      utmKeys: ['messe'],
      description: null,
      memberCount: 0,
    };
    const base = campaignToDraft(campaign);
    expect(base.budget).toBe('20000.00');
    expect(base.expectedPipeline).toBe('150000.00');
    expect(draftToInput({ budget: '20000.01' }, base)).toEqual({ budget: 2_000_001 });
    expect(draftToInput({ endDate: '' }, base)).toEqual({ endDate: null });
    // 20000.00 CHF stays 2 000 000 Rappen; the pipeline goal is re-sent in the new currency too
    expect(draftToInput({ currency: 'CHF' }, base)).toEqual({
      currency: 'CHF',
      budget: 2_000_000,
      expectedPipeline: 15_000_000,
    });
    // an amount that is not a number reaches the server as -1, which it rejects with the field named
    expect(draftToInput({ budget: 'abc' }, base)).toEqual({ budget: -1 });
  });
});
