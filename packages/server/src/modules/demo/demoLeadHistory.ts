import { addBusinessTime, scoreContact, type User } from '@nenner/shared';
import type { AppContext } from '../../context.js';
import { listForms } from '../forms/forms.service.js';
import {
  acceptHandoff,
  convertHandoff,
  listHandoffs,
  logFirstTouch,
  recycleHandoff,
  rejectHandoff,
} from '../handoffs/handoffs.service.js';
import { ingestLead } from '../leads/leads.service.js';
import { calendarOf, readSetting } from '../settings/settings.service.js';
import type { DemoCampaigns } from './demoCampaigns.js';
import { asActor } from './demoLeads.js';
import { atTime } from './demoTime.js';
import {
  createRandom,
  type GeneratedAccount,
  type GeneratedContact,
  generateAccount,
  generateContact,
} from './generator.js';

const HOUR_MS = 3_600_000;
const DAY_MS = 86_400_000;
/** How far back the lead history goes: a year, so every period of the last twelve months has its MQLs. */
const WEEKS = 53;
/** Posts a week that reach the MQL threshold: about ten a month, the demo SLA's commitment. */
const MQLS_PER_WEEK = [2, 2, 3, 2, 3, 2] as const;

const recycleNotes = [
  'Zurück in den Newsletter, in sechs Monaten erneut prüfen.',
  'Nurturing-Strecke „Mittelstand“ gestartet.',
  'Kontakt bleibt im Newsletter; Wiedervorlage zum Budgetjahr.',
];

const rejections = [
  { reason: 'no_budget', comment: 'Budget für dieses Jahr ist verplant.' },
  { reason: 'wrong_contact', comment: 'Zuständig ist die Zentrale, Kontakt weitergegeben.' },
  { reason: 'bad_timing', comment: 'Erst nach der ERP-Umstellung wieder ein Thema.' },
  { reason: 'competitor_customer', comment: 'Langfristiger Vertrag beim Wettbewerb.' },
  { reason: 'not_reachable', comment: 'Drei Anrufe, zwei Mails, keine Antwort.' },
];

/** The campaigns that were running `daysAgo` days ago (with their UTM keys), so a post names one of them. */
const runningCampaigns = (daysAgo: number): { key: string; source: string; medium: string }[] => {
  const out = [{ key: '', source: 'google', medium: 'organic' }];
  if (daysAgo < 300) out.push({ key: 'newsletter', source: 'newsletter', medium: 'email' });
  if (daysAgo < 180) out.push({ key: 'gads-crm', source: 'google', medium: 'cpc' });
  if (daysAgo < 120) out.push({ key: 'webinar-team', source: 'linkedin', medium: 'paid_social' });
  // the fair and the partner day bring posts in the weeks after them
  if (daysAgo <= 196 && daysAgo >= 175) out.push({ key: 'hannover-messe', source: 'messe', medium: 'offline' });
  if (daysAgo <= 90 && daysAgo >= 76) out.push({ key: 'digitaltag-sued', source: 'partner', medium: 'offline' });
  return out;
};

/**
 * A year of form posts before the demo's current leads, each told at its own time through the real
 * services: the post makes the contact (and its account), the score decides whether it is handed to sales,
 * and sales answers it hours later: accepted (and often converted days after), or returned with a reason.
 * So the SLA report, the contribution view and the campaigns count MQLs in every month, and the scores
 * spread as a year of leads does: fresh ones hot, old ones faded, the many that never qualified low.
 */
export const seedDemoLeadHistory = async (ctx: AppContext, users: User[], _campaigns: DemoCampaigns): Promise<void> => {
  const form = (await listForms(ctx)).find((f) => f.slug === 'kontakt');
  if (!form) throw new Error('demo form kontakt missing');
  const admin = asActor(users.find((u) => u.email === 'sabine.brandt@nenner.demo') ?? (users[0] as User));
  const nurture = asActor(users.find((u) => u.email === 'lena.vogt@nenner.demo') ?? (users[0] as User));
  const calendar = calendarOf((await readSetting(ctx.db, 'sla')).value);
  const rnd = createRandom(14_2026);
  const now = Date.now();
  // the current week belongs to the demo's open leads (seedDemoLeads)
  const until = now - 4 * DAY_MS;
  const rules = (await readSetting(ctx.db, 'scoring')).value;
  /** Whether a post by this person would hand them to sales, by the workspace's scoring rules. */
  const qualifies = (account: GeneratedAccount, person: GeneratedContact, at: number) =>
    scoreContact(
      {
        fields: { jobTitle: person.jobTitle, country: account.country, employeeBand: account.employeeBand },
        touchpoints: [{ type: 'form_submission', occurredAt: at }],
      },
      rules,
      at,
    ).score >= rules.mqlThreshold;
  const emails = new Set<string>();
  let n = 0;
  for (let week = WEEKS; week >= 1; week--) {
    // a steady stream: two or three posts a week qualify, a few more do not (yet)
    const mqls = MQLS_PER_WEEK[week % MQLS_PER_WEEK.length] ?? 2;
    const posts = mqls + rnd.int(0, 2);
    for (let p = 0; p < posts; p++) {
      let at = now - week * 7 * DAY_MS + rnd.int(0, 6) * DAY_MS;
      const weekday = new Date(at).getUTCDay();
      if (weekday === 0 || weekday === 6) at += (weekday === 6 ? 2 : 1) * DAY_MS;
      at = Math.floor(at / DAY_MS) * DAY_MS + rnd.int(7 * 60, 16 * 60) * 60_000;
      let account = generateAccount(rnd, n % 200);
      let person = generateContact(rnd, account, n);
      for (let tries = 0; tries < 50; tries++) {
        if (qualifies(account, person, at) === p < mqls && !emails.has(person.email)) break;
        account = generateAccount(rnd, n % 200);
        person = generateContact(rnd, account, n);
      }
      emails.add(person.email);
      const campaign = rnd.pick(runningCampaigns(Math.floor((now - at) / DAY_MS)));
      n++;
      if (at > until) continue;
      const result = await atTime(at, () =>
        ingestLead(
          ctx,
          {
            email: person.email,
            firstName: person.firstName,
            lastName: person.lastName,
            company: account.name,
            jobTitle: person.jobTitle,
            country: account.country,
            employeeBand: account.employeeBand,
            utm_source: campaign.source,
            utm_medium: campaign.medium,
            ...(campaign.key && { utm_campaign: campaign.key }),
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
              campaignId: null,
              campaignKey: null,
            },
            actor: null,
            locale: 'de',
          },
        ),
      );
      if (!result.handoffId) continue;
      const id = result.handoffId;
      const handoff = (await listHandoffs(ctx, admin, { contactId: result.contactId, limit: 1 })).items[0];
      const assignee = users.find((u) => u.id === handoff?.assigneeId);
      const actor = assignee ? asActor(assignee) : admin;
      // most answers come well within the four business hours; about one in eight is late
      const answerHours = rnd.next() < 0.88 ? 0.25 + rnd.next() * 3.25 : 4.5 + rnd.next() * 8;
      const answeredAt = addBusinessTime(at, answerHours * HOUR_MS, calendar);
      const verdict = rnd.next();
      if (verdict < 0.22) {
        await atTime(answeredAt, () => rejectHandoff(ctx, actor, id, rnd.pick(rejections)));
        // marketing answers a returned lead within days: back to nurture, with a note
        const recycledAt = addBusinessTime(answeredAt, rnd.int(1, 8) * 8 * HOUR_MS, calendar);
        if (recycledAt <= until) {
          await atTime(recycledAt, () => recycleHandoff(ctx, nurture, id, rnd.pick(recycleNotes)));
        }
        continue;
      }
      await atTime(answeredAt, () => acceptHandoff(ctx, actor, id));
      const followUpAt = addBusinessTime(answeredAt, rnd.int(2, 20) * 8 * HOUR_MS, calendar);
      if (followUpAt > until) continue;
      if (verdict < 0.4) await atTime(followUpAt, () => logFirstTouch(ctx, actor, id));
      else await atTime(followUpAt, () => convertHandoff(ctx, actor, id, { stage: 'sql' }));
    }
  }
};
