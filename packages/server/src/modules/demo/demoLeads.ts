import { addBusinessTime, type User } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import { createForm } from '../forms/forms.service.js';
import {
  acceptHandoff,
  convertHandoff,
  listHandoffs,
  logFirstTouch,
  rejectHandoff,
  sweepBreaches,
} from '../handoffs/handoffs.service.js';
import { ingestLead } from '../leads/leads.service.js';
import { calendarOf, proposeSla, readSetting, updateRouting } from '../settings/settings.service.js';
import { createTeam } from '../teams/teams.service.js';
import { recordTouchpoint } from '../touchpoints/touchpoints.service.js';
import { atTime } from './demoTime.js';

const HOUR_MS = 3_600_000;

/** A demo user acting through the real services. */
export const asActor = (u: User): Actor => ({
  id: u.id,
  name: u.name,
  email: u.email,
  department: u.department,
  role: u.role,
  locale: u.locale,
  timeZone: u.timeZone,
  via: 'session',
  credentialId: 'demo',
});

type Outcome = 'open' | 'breached' | 'accepted' | 'first_touch' | 'rejected' | 'converted';

/** Leads that cross the default MQL threshold (title +20, DACH +5, size +10, form +20). */
const demoLeads: {
  firstName: string;
  lastName: string;
  email: string;
  company: string;
  jobTitle: string;
  country: string;
  utm: { source: string; medium: string; campaign: string };
  /** Business hours before now that the lead came in; answered ones are answered now. */
  hoursAgo: number;
  outcome: Outcome;
  /** Website visits since the post: the inbox's scores differ by what each lead read since. */
  visitsSince: number;
  reason?: { reason: string; comment: string };
}[] = [
  {
    firstName: 'Miriam',
    lastName: 'Sturm',
    visitsSince: 2,
    email: 'miriam.sturm@sturm-antriebe.de',
    company: 'Sturm Antriebe GmbH',
    jobTitle: 'Leiterin Einkauf',
    country: 'DE',
    utm: { source: 'linkedin', medium: 'paid_social', campaign: 'fruehjahr-2026' },
    hoursAgo: 1,
    outcome: 'open',
  },
  {
    firstName: 'Florian',
    lastName: 'Aigner',
    visitsSince: 6,
    email: 'f.aigner@aigner-logistik.at',
    company: 'Aigner Logistik GmbH',
    jobTitle: 'Head of Operations',
    country: 'AT',
    utm: { source: 'google', medium: 'cpc', campaign: 'fruehjahr-2026' },
    hoursAgo: 2.5,
    outcome: 'open',
  },
  {
    firstName: 'Claudia',
    lastName: 'Meier',
    visitsSince: 0,
    email: 'claudia.meier@meier-praezision.ch',
    company: 'Meier Präzision AG',
    jobTitle: 'Geschäftsführerin',
    country: 'CH',
    utm: { source: 'newsletter', medium: 'email', campaign: 'webinar-nov' },
    hoursAgo: 7,
    outcome: 'breached',
  },
  {
    firstName: 'Stefan',
    lastName: 'Roth',
    visitsSince: 3,
    email: 'stefan.roth@roth-bau.de',
    company: 'Roth Bau GmbH',
    jobTitle: 'Leiter Vertrieb',
    country: 'DE',
    utm: { source: 'google', medium: 'organic', campaign: 'fruehjahr-2026' },
    hoursAgo: 3,
    outcome: 'accepted',
  },
  {
    firstName: 'Julia',
    lastName: 'Hahn',
    visitsSince: 1,
    email: 'julia.hahn@hahn-medizintechnik.de',
    company: 'Hahn Medizintechnik GmbH',
    jobTitle: 'Director Marketing',
    country: 'DE',
    utm: { source: 'linkedin', medium: 'paid_social', campaign: 'webinar-nov' },
    hoursAgo: 2,
    outcome: 'first_touch',
  },
  {
    firstName: 'Andreas',
    lastName: 'Brunner',
    visitsSince: 0,
    email: 'andreas.brunner@brunner-holz.at',
    company: 'Brunner Holzbau GmbH',
    jobTitle: 'Leiter IT',
    country: 'AT',
    utm: { source: 'newsletter', medium: 'email', campaign: 'webinar-nov' },
    hoursAgo: 3.5,
    outcome: 'rejected',
    reason: { reason: 'bad_timing', comment: 'Budgetplanung erst wieder im Herbst – bitte dann erneut ansprechen.' },
  },
  {
    firstName: 'Nadine',
    lastName: 'Keller',
    visitsSince: 0,
    email: 'nadine.keller@keller-gastro.de',
    company: 'Keller Gastro GmbH',
    jobTitle: 'Head of Sales',
    country: 'DE',
    utm: { source: 'google', medium: 'cpc', campaign: 'fruehjahr-2026' },
    hoursAgo: 6,
    outcome: 'rejected',
    reason: {
      reason: 'competitor_customer',
      comment: 'Hat gerade einen Dreijahresvertrag beim Wettbewerb unterschrieben.',
    },
  },
  {
    firstName: 'Thomas',
    lastName: 'Wagner',
    visitsSince: 4,
    email: 'thomas.wagner@wagner-elektro.de',
    company: 'Wagner Elektro GmbH',
    jobTitle: 'CEO',
    country: 'DE',
    utm: { source: 'messe', medium: 'offline', campaign: 'hannover-messe' },
    hoursAgo: 1.5,
    outcome: 'converted',
  },
];

/**
 * The lead flow of the demo workspace, built with the real services: a DACH sales team, a routing
 * rule, the public form `kontakt`, and handoffs in every state (open, breached, accepted, returned,
 * converted), so Leads, Reports and the notification bell show something on first start.
 */
/** Handoffs a month the demo's SLA commits marketing to. */
export const DEMO_MQL_COMMITMENT = 10;

export const seedDemoLeads = async (ctx: AppContext, users: User[]): Promise<void> => {
  const byEmail = (email: string) => {
    const u = users.find((x) => x.email === email);
    if (!u) throw new Error(`demo user ${email} missing`);
    return asActor(u);
  };
  const admin = byEmail('sabine.brandt@nenner.demo');
  const marketing = byEmail('tim.berger@nenner.demo');
  const salesUsers = users.filter((u) => u.department === 'sales');

  const team = await createTeam(ctx, admin, { name: 'Vertrieb DACH', memberIds: salesUsers.map((u) => u.id) });
  await updateRouting(
    ctx,
    admin,
    { rules: [{ id: 'dach', name: 'DACH', countries: ['DE', 'AT', 'CH'], teamId: team.id }] },
    null,
  );
  // a commitment that fits the demo's volume (about ten handoffs a month, demoLeadHistory.ts), so the
  // contribution view shows a plausible partnership rather than marketing at a fraction of its promise
  const sla = await readSetting(ctx.db, 'sla');
  await proposeSla(ctx, admin, { ...sla.value, mqlCommitmentPerMonth: DEMO_MQL_COMMITMENT }, sla.version);
  const form = await createForm(ctx, marketing, {
    name: 'Kontakt',
    slug: 'kontakt',
    fields: [
      { key: 'email', required: true },
      { key: 'firstName', required: false },
      { key: 'lastName', required: false },
      { key: 'company', required: false },
      { key: 'jobTitle', required: false },
    ],
    consent: {
      enabled: true,
      required: true,
      text: 'Ich bin einverstanden, dass Nenner meine Angaben speichert, um mich zu kontaktieren. Widerruf jederzeit möglich.',
    },
    doubleOptIn: false,
    campaignKey: null,
    thankYouMessage: 'Danke! Wir melden uns innerhalb eines Werktags bei Ihnen.',
    redirectUrl: null,
    active: true,
  });

  const calendar = calendarOf((await readSetting(ctx.db, 'sla')).value);
  const now = Date.now();
  // Business time backwards: step back in 15-minute slices until enough business time lies between.
  const businessHoursAgo = (hours: number): number => {
    let t = now;
    let guard = 0;
    while (guard++ < 4000) {
      t -= 15 * 60_000;
      if (addBusinessTime(t, hours * HOUR_MS, calendar) <= now) return t;
    }
    return t;
  };

  for (const lead of demoLeads) {
    // the form post made the contact, its touch and its handoff: all are stamped when it came in
    const qualifiedAt = businessHoursAgo(lead.hoursAgo);
    const result = await atTime(qualifiedAt, () =>
      ingestLead(
        ctx,
        {
          email: lead.email,
          firstName: lead.firstName,
          lastName: lead.lastName,
          company: lead.company,
          jobTitle: lead.jobTitle,
          country: lead.country,
          employeeBand: '201-500',
          utm_source: lead.utm.source,
          utm_medium: lead.utm.medium,
          utm_campaign: lead.utm.campaign,
          consent: true,
          formId: form.id,
        },
        {
          form: {
            id: form.id,
            slug: form.slug,
            name: form.name,
            doubleOptIn: false,
            consent: form.consent,
            campaignId: form.campaignId,
            campaignKey: null,
          },
          actor: null,
          locale: 'de',
        },
      ),
    );
    for (let i = 1; i <= lead.visitsSince; i++) {
      await recordTouchpoint(ctx.db, null, {
        contactId: result.contactId,
        type: 'web_visit',
        occurredAt: new Date(qualifiedAt + ((now - qualifiedAt) * i) / (lead.visitsSince + 1)).toISOString(),
        landingPage: i % 2 === 0 ? '/preise' : '/funktionen/lead-management',
      });
    }
    if (!result.handoffId) continue;
    if (lead.outcome === 'open' || lead.outcome === 'breached') continue;
    const handoff = (await listHandoffs(ctx, admin, { contactId: result.contactId, limit: 1 })).items[0];
    const assignee = handoff?.assigneeId ? users.find((u) => u.id === handoff.assigneeId) : undefined;
    const actor = assignee ? asActor(assignee) : admin;
    const id = result.handoffId;
    if (lead.outcome === 'accepted') await acceptHandoff(ctx, actor, id);
    if (lead.outcome === 'first_touch') {
      await acceptHandoff(ctx, actor, id);
      await logFirstTouch(ctx, actor, id);
    }
    if (lead.outcome === 'rejected' && lead.reason) await rejectHandoff(ctx, actor, id, lead.reason);
    if (lead.outcome === 'converted') await convertHandoff(ctx, actor, id, { stage: 'opportunity' });
  }
  await sweepBreaches(ctx);
};
