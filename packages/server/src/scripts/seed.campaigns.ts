import { type CampaignChannel, campaignChannels, sortKey, touchpointTypes } from '@nenner/shared';
import { createRandom } from '../modules/demo/generator.js';

/*
 * The marketing side of the large synthetic workspace: campaigns with UTM keys and costs, the touchpoints
 * of the contacts (most of them on a campaign) and the contacts' funnel stamps. Deterministic like the
 * rest of the seed; see generateSeedRows in seed.rows.ts for the order the rows arrive in.
 */

export const campaignColumns = [
  'id',
  'name',
  'sort_name',
  'channel',
  'status',
  'start_date',
  'end_date',
  'owner_id',
  'team_id',
  'department',
  'currency',
  'budget',
  'expected_leads',
  'expected_pipeline',
  'utm_keys',
  'description',
  'version',
  'created_at',
  'updated_at',
  'deleted_at',
] as const;

export const campaignUtmKeyColumns = ['key', 'campaign_id'] as const;

export const campaignCostColumns = [
  'id',
  'campaign_id',
  'description',
  'amount',
  'currency',
  'incurred_on',
  'created_by',
  'created_at',
] as const;

export const touchpointColumns = [
  'id',
  'contact_id',
  'type',
  'occurred_at',
  'form_id',
  'campaign_key',
  'utm_source',
  'utm_medium',
  'utm_campaign',
  'utm_term',
  'utm_content',
  'referrer',
  'landing_page',
  'created_at',
  'campaign_id',
] as const;

/** The funnel stamps of a contact, in funnel order (migration 0007's stampedStages), then its first campaign. */
export const stageStampColumns = [
  'lead_at',
  'mql_at',
  'sal_at',
  'sql_at',
  'opportunity_at',
  'customer_at',
  'source_campaign_id',
] as const;

const DAY_MS = 86_400_000;
type TouchType = (typeof touchpointTypes)[number];
const typeIndex = (t: TouchType) => touchpointTypes.indexOf(t);

/** How many campaigns of each channel there are (relative), how long one runs, and its touch types. */
const channels: Record<
  CampaignChannel,
  {
    weight: number;
    days: [number, number];
    label: string;
    utm: [string, string];
    types: [TouchType, number][];
    salesShare: number;
  }
> = {
  email: {
    weight: 30,
    days: [14, 56],
    label: 'Newsletter',
    utm: ['newsletter', 'email'],
    types: [
      ['email_click', 0.7],
      ['campaign_response', 0.3],
    ],
    salesShare: 0.05,
  },
  webinar: {
    weight: 25,
    days: [7, 28],
    label: 'Webinar',
    utm: ['webinar', 'email'],
    types: [
      ['webinar', 0.6],
      ['form_submission', 0.4],
    ],
    salesShare: 0.1,
  },
  event: {
    weight: 15,
    days: [14, 42],
    label: 'Kundenevent',
    utm: ['event', 'offline'],
    types: [
      ['event_attendance', 0.8],
      ['campaign_response', 0.2],
    ],
    salesShare: 0.5,
  },
  trade_fair: {
    weight: 8,
    days: [14, 42],
    label: 'Messe',
    utm: ['messe', 'offline'],
    types: [
      ['event_attendance', 0.8],
      ['campaign_response', 0.2],
    ],
    salesShare: 0.5,
  },
  paid_search: {
    weight: 20,
    days: [28, 112],
    label: 'Suchanzeigen',
    utm: ['google', 'cpc'],
    types: [
      ['ad_click', 0.8],
      ['form_submission', 0.2],
    ],
    salesShare: 0,
  },
  paid_social: {
    weight: 20,
    days: [28, 112],
    label: 'Social Ads',
    utm: ['linkedin', 'paid_social'],
    types: [
      ['ad_click', 0.8],
      ['form_submission', 0.2],
    ],
    salesShare: 0,
  },
  organic_social: {
    weight: 10,
    days: [56, 182],
    label: 'Social Media',
    utm: ['linkedin', 'social'],
    types: [
      ['web_visit', 0.7],
      ['form_submission', 0.3],
    ],
    salesShare: 0.05,
  },
  content: {
    weight: 25,
    days: [56, 182],
    label: 'Whitepaper',
    utm: ['website', 'content'],
    types: [
      ['form_submission', 0.5],
      ['web_visit', 0.5],
    ],
    salesShare: 0,
  },
  direct_mail: {
    weight: 10,
    days: [14, 42],
    label: 'Mailing',
    utm: ['post', 'direct_mail'],
    types: [['campaign_response', 1]],
    salesShare: 0.3,
  },
  partner: {
    weight: 12,
    days: [182, 365],
    label: 'Partneraktion',
    utm: ['partner', 'referral'],
    types: [
      ['form_submission', 0.5],
      ['campaign_response', 0.5],
    ],
    salesShare: 0.6,
  },
  referral: {
    weight: 10,
    days: [182, 365],
    label: 'Empfehlungsprogramm',
    utm: ['empfehlung', 'referral'],
    types: [
      ['form_submission', 0.5],
      ['campaign_response', 0.5],
    ],
    salesShare: 0.6,
  },
  other: {
    weight: 5,
    days: [14, 90],
    label: 'Aktion',
    utm: ['sonstiges', 'other'],
    types: [['campaign_response', 1]],
    salesShare: 0.2,
  },
};
const TOPICS = [
  'Digitalisierung',
  'Industrie 4.0',
  'Cloud-Migration',
  'Energieeffizienz',
  'Fachkräfte',
  'Nachhaltigkeit',
  'Datenschutz',
  'Automatisierung',
  'KI im Mittelstand',
  'Lieferkette',
];
const COSTS = [
  'Agentur',
  'Anzeigenbudget',
  'Catering',
  'Standmiete',
  'Druck und Porto',
  'Referentenhonorar',
  'Lizenzen',
];
/** Types of utm-tagged touches: they came through a link that carried the campaign's key. */
const linked = new Set<TouchType>(['form_submission', 'email_click', 'ad_click', 'web_visit']);

export interface SeedCampaign {
  id: string;
  key: string;
  channel: CampaignChannel;
  start: number;
  end: number;
}

type Emit = (table: 'campaigns' | 'campaign_utm_keys' | 'campaign_costs', row: (string | number | null)[]) => void;

/**
 * Campaigns starting over the touch window (and a month before it), each running for a time typical of
 * its channel; mostly marketing's, some (events, trade fairs, partners, referrals) sales'. One or two UTM
 * keys each, one to three cost line items. Returns what the touch planner needs.
 */
export const generateCampaigns = (
  count: number,
  window: { from: number; to: number },
  users: readonly { id: string; department: string }[],
  seed: number,
  /** Keeps the keys of an appended workspace's campaigns apart from the earlier ones. */
  numberFrom: number,
  newId: (ms: number, next: () => number) => string,
  emit: Emit,
): SeedCampaign[] => {
  const r = createRandom(seed);
  const iso = (ms: number) => new Date(ms).toISOString();
  const date = (ms: number) => iso(ms).slice(0, 10);
  const weighted: CampaignChannel[] = campaignChannels.flatMap((c) => Array(channels[c].weight).fill(c));
  const byDepartment = (d: string) => users.filter((u) => u.department === d);
  const owners = { marketing: byDepartment('marketing'), sales: byDepartment('sales') };
  const first = window.from - 30 * DAY_MS;
  const campaigns: SeedCampaign[] = [];
  // Campaign starts in time order, so their time-ordered ids arrive in index order.
  const starts = Array.from({ length: count }, () => first + Math.floor(r.next() * (window.to - 14 * DAY_MS - first)));
  starts.sort((a, b) => a - b);
  const costRows: (string | number | null)[][] = [];
  const keyRows: (string | number | null)[][] = [];
  for (let i = 0; i < count; i++) {
    // every channel at least once, then by weight
    const channel = i < campaignChannels.length ? (campaignChannels[i] as CampaignChannel) : r.pick(weighted);
    const spec = channels[channel];
    const start = starts[i] as number;
    const end = start + r.int(spec.days[0], spec.days[1]) * DAY_MS;
    const department = r.next() < spec.salesShare ? 'sales' : 'marketing';
    const owner = owners[department].length > 0 ? r.pick(owners[department]) : null;
    const topic = r.pick(TOPICS);
    const month = date(start).slice(0, 7);
    const name = `${spec.label}: ${topic} ${month}`;
    const key = `${spec.label}-${topic}-${month}`
      .toLowerCase()
      .replace(/ä/g, 'ae')
      .replace(/ö/g, 'oe')
      .replace(/ü/g, 'ue')
      .replace(/[^a-z0-9]+/g, '-')
      .concat(`-${numberFrom + i + 1}`);
    const keys = r.next() < 0.2 ? [key, `${key}-retargeting`] : [key];
    const status = end >= window.to ? 'active' : r.next() < 0.05 ? 'cancelled' : 'completed';
    const budget = r.int(10, 500) * 10_000;
    const created = start - 14 * DAY_MS;
    const id = newId(created, r.next);
    emit('campaigns', [
      id,
      name,
      sortKey(name),
      channel,
      status,
      date(start),
      date(end),
      owner?.id ?? null,
      null,
      department,
      'EUR',
      budget,
      r.int(20, 2000),
      budget * r.int(3, 10),
      JSON.stringify(keys),
      null,
      1,
      iso(created),
      iso(created),
      null,
    ]);
    for (const k of keys) keyRows.push([k, id]);
    const spent = Math.min(end, window.to);
    for (let c = r.int(1, 3), left = budget; c > 0; c--) {
      const amount = c === 1 ? left : Math.floor(left * (0.3 + r.next() * 0.4));
      left -= amount;
      const at = start + Math.floor(r.next() * Math.max(1, spent - start));
      costRows.push([newId(at, r.next), id, r.pick(COSTS), amount, 'EUR', date(at), owner?.id ?? null, iso(at)]);
    }
    campaigns.push({ id, key, channel, start, end });
  }
  // one run of rows per table (one COPY each on PostgreSQL)
  for (const row of keyRows) emit('campaign_utm_keys', row);
  for (const row of costRows) emit('campaign_costs', row);
  return campaigns;
};

/**
 * Plans every contact's touches while the contacts are generated (their ids and creation times are known
 * only then), and hands them out in time order at the end. About `total` touches over the window:
 * a contact created within the window is touched when it is created (the form post that brought it), then
 * again at random moments up to the end; an older one only within the window. A deal's contacts are
 * touched twice more in the 90 days before the deal is created. Most touches belong to a campaign running
 * at that moment (88%); the others are web visits without one.
 */
export const createTouchPlanner = (opts: {
  total: number;
  contacts: number;
  /** Touches that go to deal contacts on top of the spread ones. */
  reserved: number;
  window: { from: number; to: number };
  campaigns: readonly SeedCampaign[];
  seed: number;
}) => {
  const { window, campaigns } = opts;
  const r = createRandom(opts.seed);
  const mean = opts.contacts > 0 ? Math.max(0, (opts.total - opts.reserved) / opts.contacts) : 0;
  const days = Math.ceil((window.to - window.from) / DAY_MS) + 1;
  // Campaigns running on each day of the window.
  const active: number[][] = Array.from({ length: days }, () => []);
  campaigns.forEach((c, i) => {
    const a = Math.max(0, Math.floor((c.start - window.from) / DAY_MS));
    const b = Math.min(days - 1, Math.floor((c.end - window.from) / DAY_MS));
    for (let d = a; d <= b; d++) active[d]?.push(i);
  });
  // Touch types of each campaign's channel, as cumulative shares.
  const typesOf = campaigns.map((c) => {
    let sum = 0;
    return channels[c.channel].types.map(([t, share]) => {
      sum += share;
      return [typeIndex(t), sum] as const;
    });
  });
  const webVisit = typeIndex('web_visit');
  const formSubmission = typeIndex('form_submission');

  let capacity = Math.max(1024, Math.ceil(opts.total * 1.02));
  let size = 0;
  let at = new Float64Array(capacity);
  let contact = new Int32Array(capacity);
  let campaign = new Int32Array(capacity);
  let type = new Uint8Array(capacity);
  const grow = () => {
    capacity *= 2;
    const grown = <T extends Float64Array | Int32Array | Uint8Array>(a: T, make: (n: number) => T) => {
      const b = make(capacity);
      b.set(a);
      return b;
    };
    at = grown(at, (n) => new Float64Array(n));
    contact = grown(contact, (n) => new Int32Array(n));
    campaign = grown(campaign, (n) => new Int32Array(n));
    type = grown(type, (n) => new Uint8Array(n));
  };
  const add = (c: number, ms: number, first: boolean) => {
    if (size === capacity) grow();
    const running = active[Math.floor((ms - window.from) / DAY_MS)];
    const k = running && running.length > 0 && r.next() < 0.88 ? (r.pick(running) as number) : -1;
    let t = webVisit;
    if (first) t = formSubmission;
    else if (k >= 0) {
      const x = r.next();
      t = (typesOf[k] as readonly (readonly [number, number])[]).find(([, cum]) => x < cum)?.[0] ?? formSubmission;
    }
    at[size] = ms;
    contact[size] = c;
    campaign[size] = k;
    type[size] = t;
    size++;
    return k;
  };

  return {
    /**
     * The touches of contact `c` created at `created`; `dealAt` is when its first deal was created (or null).
     * Returns the index of the campaign of its earliest campaign touch, or -1.
     */
    plan(c: number, created: number, dealAt: number | null): number {
      if (opts.total === 0) return -1;
      let source = -1;
      let sourceAt = Number.POSITIVE_INFINITY;
      const note = (k: number, ms: number) => {
        if (k >= 0 && ms < sourceAt) {
          source = k;
          sourceAt = ms;
        }
      };
      const inWindow = created >= window.from;
      if (inWindow) note(add(c, created, true), created);
      const from = Math.max(created, window.from);
      // uniform over 0 … 2·mean, so `mean` touches on average (one fewer when the creation counted)
      const extra = Math.floor(r.next() * (2 * (inWindow ? Math.max(0, mean - 1) : mean) + 1));
      for (let j = 0; j < extra; j++) {
        const ms = from + 1000 + Math.floor(r.next() * Math.max(1, window.to - from - 1000));
        note(add(c, ms, false), ms);
      }
      if (dealAt !== null) {
        const lo = Math.max(from + 1000, dealAt - 90 * DAY_MS);
        const hi = dealAt - 3_600_000;
        for (let j = 0; j < 2 && hi > lo; j++) {
          const ms = lo + Math.floor(r.next() * (hi - lo));
          note(add(c, ms, false), ms);
        }
      }
      return source;
    },
    get size() {
      return size;
    },
    /** Every planned touch in time order (ties by plan order), as its contact, time, campaign and type. */
    *inOrder(): Generator<{ contact: number; at: number; campaign: number; type: number }> {
      // time in seconds since the window's start and the plan index, packed into one exactly sortable number
      const bits = Math.max(1, Math.ceil(Math.log2(size + 1)));
      const base = window.from - 31 * DAY_MS;
      const scale = 2 ** bits;
      if (Math.ceil((window.to - base) / 1000) * scale >= 2 ** 53) throw new Error('Too many touches to sort');
      const keys = new Float64Array(size);
      for (let i = 0; i < size; i++) keys[i] = Math.floor(((at[i] as number) - base) / 1000) * scale + i;
      keys.sort();
      for (let j = 0; j < size; j++) {
        const i = (keys[j] as number) % scale;
        yield {
          contact: contact[i] as number,
          at: at[i] as number,
          campaign: campaign[i] as number,
          type: type[i] as number,
        };
      }
    },
  };
};

/** The columns of one touchpoint row (touchpointColumns order). */
export const touchpointRow = (
  id: string,
  contactId: string,
  at: string,
  type: number,
  c: SeedCampaign | undefined,
): (string | number | null)[] => {
  const t = touchpointTypes[type] as TouchType;
  const tagged = c !== undefined && linked.has(t);
  const [source, medium] = c ? channels[c.channel].utm : [null, null];
  return [
    id,
    contactId,
    t,
    at,
    null,
    tagged ? c.key : null,
    tagged ? source : null,
    tagged ? medium : null,
    tagged ? c.key : null,
    null,
    null,
    null,
    null,
    at,
    c?.id ?? null,
  ];
};

/** Stages stamped on contacts, in funnel order; evangelists have passed them all. */
const funnel = ['lead', 'mql', 'sal', 'sql', 'opportunity', 'customer'] as const;
/** Days a contact typically takes from the stage before to each stage (lead: none). */
const gapDays: readonly [number, number][] = [
  [0, 0],
  [0, 30],
  [0, 5],
  [0, 20],
  [1, 30],
  [10, 120],
];

/**
 * The funnel stamps of a contact in `stage`, created at `created`: it became a lead when it was created,
 * and reached each later stage up to its own one after a typical gap (never after `end`). A deal contact
 * reached opportunity when its first deal was created and customer when its first deal was won; the
 * stages between lead and opportunity are spread over that time. Returns the six stamps (ms or null) and
 * the moment of the last one (the contact was last updated then).
 */
export const stageStamps = (
  stage: string,
  created: number,
  end: number,
  deal: { at: number; wonAt: number | null } | null,
  next: () => number,
): { stamps: (number | null)[]; last: number } => {
  const reached = stage === 'evangelist' ? funnel.length - 1 : funnel.indexOf(stage as (typeof funnel)[number]);
  const stamps: (number | null)[] = funnel.map(() => null);
  if (reached < 0) return { stamps, last: created };
  let t = created;
  stamps[0] = t;
  if (deal && reached >= 4) {
    // lead … sql in order between creation and the deal
    const opp = Math.max(created, deal.at);
    const cuts = [next(), next(), next()].sort((a, b) => a - b);
    for (let s = 1; s <= 3; s++) stamps[s] = created + Math.floor((cuts[s - 1] as number) * (opp - created));
    stamps[4] = opp;
    t = opp;
    if (reached === 5) {
      t = Math.max(opp, deal.wonAt ?? opp);
      stamps[5] = t;
    }
    return { stamps, last: t };
  }
  for (let s = 1; s <= reached; s++) {
    const [lo, hi] = gapDays[s] as [number, number];
    t = Math.min(end, t + Math.floor((lo + next() * (hi - lo)) * DAY_MS));
    stamps[s] = t;
  }
  return { stamps, last: t };
};
