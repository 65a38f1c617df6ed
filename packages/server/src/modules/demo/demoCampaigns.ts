import { type Campaign, CreateCampaignInput, type MemberStatus, type User } from '@nenner/shared';
import type { z } from 'zod';
import type { Actor, AppContext } from '../../context.js';
import type { ContactsTable } from '../../db/schema.js';
import { addCost, createCampaign } from '../campaigns/campaigns.service.js';
import { addMembers } from '../campaigns/members.service.js';
import { listForms, updateForm } from '../forms/forms.service.js';
import { backdateMemberResponse, findDemoDealContacts, recomputeSourceCampaigns } from './demo.repository.js';
import { asActor } from './demoLeads.js';
import { createRandom } from './generator.js';

const DAY_MS = 86_400_000;

type Key = 'fair' | 'webinar' | 'ads' | 'newsletter' | 'partner' | 'planned';

interface DemoCampaign {
  key: Key;
  owner: string;
  input: z.input<typeof CreateCampaignInput>;
  /** Days from today: when it started (negative: in the past). */
  startDay: number;
  endDay: number | null;
  costs: { description: string; amount: number; day: number }[];
}

/** Six campaigns a German B2B marketing team would run in a year; dates relative to today. */
const campaigns: DemoCampaign[] = [
  {
    key: 'fair',
    owner: 'lena.vogt@nenner.demo',
    startDay: -200,
    endDay: -196,
    input: {
      name: 'Hannover Messe 2026',
      channel: 'trade_fair',
      status: 'completed',
      budget: 45_000_00,
      expectedLeads: 120,
      expectedPipeline: 600_000_00,
      utmKeys: ['hannover-messe'],
      description: 'Gemeinschaftsstand Halle 17 mit dem Vertrieb DACH; Live-Demo der Lead-Übergabe am Stand.',
    },
    costs: [
      { description: 'Standmiete Halle 17', amount: 18_500_00, day: -260 },
      { description: 'Messebau und Logistik', amount: 12_800_00, day: -210 },
      { description: 'Reise und Hotel Standteam', amount: 4_300_00, day: -195 },
    ],
  },
  {
    key: 'webinar',
    owner: 'aylin.demir@nenner.demo',
    startDay: -120,
    endDay: 30,
    input: {
      name: 'Webinarreihe „Vertrieb & Marketing als ein Team“',
      channel: 'webinar',
      status: 'active',
      budget: 6_000_00,
      expectedLeads: 80,
      expectedPipeline: 150_000_00,
      utmKeys: ['webinar-nov', 'webinar-team'],
      description: 'Sechs Folgen à 45 Minuten, jeweils mit einem Kunden als Gast.',
    },
    costs: [
      { description: 'Webinar-Software (Jahreslizenz)', amount: 1_200_00, day: -125 },
      { description: 'LinkedIn-Bewerbung der Folgen 1–3', amount: 2_400_00, day: -100 },
    ],
  },
  {
    key: 'ads',
    owner: 'tim.berger@nenner.demo',
    startDay: -180,
    endDay: null,
    input: {
      name: 'Google Ads „CRM für den Mittelstand“',
      channel: 'paid_search',
      status: 'active',
      budget: 15_000_00,
      expectedLeads: 150,
      expectedPipeline: null,
      utmKeys: ['fruehjahr-2026', 'gads-crm'],
      description: 'Suchanzeigen DE/AT/CH auf „CRM Mittelstand“, „Lead-Management“ und Wettbewerbsbegriffe.',
    },
    costs: [-170, -140, -110, -80, -50, -20].map((day, i) => ({
      description: `Google Ads Abrechnung Monat ${i + 1}`,
      amount: [1_650_00, 1_920_00, 2_050_00, 1_780_00, 2_140_00, 1_990_00][i] ?? 0,
      day,
    })),
  },
  {
    key: 'newsletter',
    owner: 'lena.vogt@nenner.demo',
    startDay: -300,
    endDay: null,
    input: {
      name: 'Newsletter „Nenner Insights“',
      channel: 'email',
      status: 'active',
      budget: 8_000_00,
      expectedLeads: 40,
      expectedPipeline: null,
      utmKeys: ['newsletter'],
      description: 'Monatlicher Newsletter an Kunden und Interessenten mit Praxisbeispielen.',
    },
    costs: [
      { description: 'Versandtool Q1', amount: 290_00, day: -270 },
      { description: 'Redaktion (Agentur) Q1', amount: 1_800_00, day: -265 },
      { description: 'Versandtool Q2', amount: 290_00, day: -180 },
      { description: 'Redaktion (Agentur) Q2', amount: 1_800_00, day: -175 },
      { description: 'Versandtool Q3', amount: 290_00, day: -90 },
      { description: 'Redaktion (Agentur) Q3', amount: 1_800_00, day: -85 },
    ],
  },
  {
    key: 'partner',
    owner: 'aylin.demir@nenner.demo',
    startDay: -90,
    endDay: -90,
    input: {
      name: 'Digitaltag Süd mit Systemhaus Alpen',
      channel: 'partner',
      status: 'completed',
      budget: 8_000_00,
      expectedLeads: 30,
      expectedPipeline: 200_000_00,
      utmKeys: ['digitaltag-sued'],
      description: 'Halbtägige Veranstaltung in München zusammen mit unserem Partner, Vorträge und Workshops.',
    },
    costs: [
      { description: 'Raummiete und Technik', amount: 5_200_00, day: -95 },
      { description: 'Catering', amount: 1_100_00, day: -90 },
    ],
  },
  {
    key: 'planned',
    owner: 'lena.vogt@nenner.demo',
    startDay: 60,
    endDay: 61,
    input: {
      name: 'Kundentag 2027',
      channel: 'event',
      status: 'planned',
      budget: 20_000_00,
      expectedLeads: 50,
      expectedPipeline: 300_000_00,
      utmKeys: ['kundentag-2027'],
      description: 'Zwei Tage für Bestandskunden: Roadmap, Erfahrungsaustausch, Abendveranstaltung.',
    },
    costs: [],
  },
];

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);

export type DemoCampaigns = Record<Key, Campaign>;

/**
 * The demo's campaigns with budgets, cost lines and UTM keys, created before the demo leads so their
 * form posts (utm_campaign fruehjahr-2026, webinar-nov, hannover-messe) land on them.
 */
export const seedDemoCampaigns = async (ctx: AppContext, users: User[]): Promise<DemoCampaigns> => {
  const actorOf = (email: string): Actor => {
    const u = users.find((x) => x.email === email);
    if (!u) throw new Error(`demo user ${email} missing`);
    return asActor(u);
  };
  const now = Date.now();
  const out: Partial<DemoCampaigns> = {};
  for (const c of campaigns) {
    const owner = actorOf(c.owner);
    const campaign = await createCampaign(
      ctx,
      owner,
      CreateCampaignInput.parse({
        ...c.input,
        startDate: isoDay(now + c.startDay * DAY_MS),
        endDate: c.endDay === null ? null : isoDay(now + c.endDay * DAY_MS),
      }),
    );
    for (const cost of c.costs) {
      await addCost(ctx, owner, campaign.id, {
        description: cost.description,
        amount: cost.amount,
        incurredOn: isoDay(now + cost.day * DAY_MS),
      });
    }
    out[c.key] = campaign;
  }
  return out as DemoCampaigns;
};

interface Response {
  campaign: Key;
  status: MemberStatus;
  type: string;
  contactId: string;
  at: number;
}

/**
 * Members and their responses: the contacts of the demo deals met the campaigns before their deals
 * (marketing-sourced deals through the campaign named on the deal, some sales-sourced ones through the
 * fair or the partner event, many through the newsletter), so the attribution report and the campaign
 * pages show real figures; plus invited members who did not respond. The contact form credits the
 * newsletter.
 */
export const seedDemoCampaignActivity = async (
  ctx: AppContext,
  users: User[],
  demo: DemoCampaigns,
  data: { contacts: ContactsTable[] },
): Promise<void> => {
  const rnd = createRandom(5_2026);
  const owner = asActor(users.find((u) => u.email === 'sabine.brandt@nenner.demo') ?? (users[0] as User));
  const now = Date.now();
  const startOf = (key: Key) => Date.parse(`${demo[key].startDate ?? isoDay(now)}T09:00:00Z`);
  const byKey: Record<string, Key> = { 'fruehjahr-2026': 'ads', 'webinar-nov': 'webinar', 'hannover-messe': 'fair' };
  const responseOf: Record<Key, { status: MemberStatus; type: string }> = {
    fair: { status: 'attended', type: 'event_attendance' },
    webinar: { status: 'attended', type: 'event_attendance' },
    ads: { status: 'clicked', type: 'ad_click' },
    newsletter: { status: 'clicked', type: 'email_click' },
    partner: { status: 'attended', type: 'event_attendance' },
    planned: { status: 'registered', type: 'campaign_response' },
  };
  const responses: Response[] = [];
  const seen = new Set<string>();
  /** A response some days before `before`, if the campaign had started by then; says whether there is one. */
  const respond = (
    campaign: Key,
    contactId: string,
    before: number,
    minDays: number,
    maxDays: number,
    after: number,
  ): boolean => {
    const key = `${campaign}:${contactId}`;
    if (seen.has(key)) return true;
    const start = startOf(campaign);
    if (start > before - minDays * DAY_MS) return false;
    const at = Math.max(start + 3_600_000, before - rnd.int(minDays, maxDays) * DAY_MS - rnd.int(0, 8) * 3_600_000);
    // nobody meets a campaign before they are in the workspace: a form post that made a lead came first
    if (at < after) return false;
    seen.add(key);
    responses.push({ campaign, contactId, at, ...responseOf[campaign] });
    return true;
  };

  for (const d of await findDemoDealContacts(ctx.db)) {
    const before = Math.min(Date.parse(d.created_at), d.closed_at ? Date.parse(d.closed_at) : now);
    const campaign = d.campaign_key ? byKey[d.campaign_key] : undefined;
    const after = Date.parse(d.contact_created_at);
    let touched = false;
    if (d.source === 'marketing' && campaign) touched = respond(campaign, d.contact_id, before, 7, 40, after);
    // most closed deals and a third of the open sales-sourced ones met an event first
    else if (d.closed_at ? rnd.next() < 0.8 : rnd.next() < 0.35) {
      touched = respond(rnd.pick(['fair', 'partner', 'webinar'] as const), d.contact_id, before, 5, 30, after);
    }
    if (!touched || rnd.next() < 0.5) respond('newsletter', d.contact_id, before, 20, 120, after);
  }

  // invited but (not yet) responding members, from the demo contacts
  const pool = data.contacts.filter((c) => c.email);
  const sample = (n: number) => Array.from({ length: n }, () => rnd.pick(pool).id);
  const invitations: [Key, MemberStatus, string[]][] = [
    ['newsletter', 'opened', sample(120)],
    ['newsletter', 'sent', sample(180)],
    ['fair', 'sent', sample(60)],
    ['fair', 'registered', sample(15)],
    ['webinar', 'registered', sample(25)],
    ['partner', 'sent', sample(40)],
    ['planned', 'targeted', sample(35)],
  ];
  for (const [key, status, ids] of invitations) {
    const fresh = [...new Set(ids)].filter((id) => !seen.has(`${key}:${id}`));
    if (fresh.length > 0) await addMembers(ctx, owner, demo[key].id, { contactIds: fresh, status });
  }

  responses.sort((a, b) => a.at - b.at);
  const groups = new Map<string, Response[]>();
  for (const r of responses) {
    const k = `${r.campaign}|${r.status}`;
    groups.set(k, [...(groups.get(k) ?? []), r]);
  }
  for (const group of groups.values()) {
    const first = group[0];
    if (!first) continue;
    for (let i = 0; i < group.length; i += 500) {
      const part = group.slice(i, i + 500);
      await addMembers(ctx, owner, demo[first.campaign].id, {
        contactIds: part.map((r) => r.contactId),
        status: first.status,
      });
    }
    await ctx.db.transaction().execute(async (trx) => {
      for (const r of group) {
        await backdateMemberResponse(trx, demo[r.campaign].id, r.contactId, r.type, new Date(r.at).toISOString());
      }
    });
  }

  await recomputeSourceCampaigns(ctx.db);

  // the contact form credits the newsletter unless a post names another campaign's key
  const form = (await listForms(ctx)).find((f) => f.slug === 'kontakt');
  if (form) await updateForm(ctx, owner, form.id, form.version, { campaignId: demo.newsletter.id });
};
