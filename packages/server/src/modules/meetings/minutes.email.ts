import { type ActionItem, type AgendaItem, type Decision, escapeHtml, renderMarkdown } from '@nenner/shared';
import type { Recipient } from './meetings.invitations.js';

/*
 * The minutes by email: the agenda as it was frozen at the start (with the notes taken), the decisions,
 * the action items and the rating, as HTML and as plain text, in each recipient's language.
 */

type Locale = 'de' | 'en';

export interface Minutes {
  title: string;
  startsAt: string;
  timeZone: string;
  link: string;
  agenda: AgendaItem[];
  decisions: Decision[];
  actionItems: ActionItem[];
  averageRating: number | null;
  ratings: number;
}

const de = {
  subject: 'Protokoll: {title} am {date}',
  greeting: 'Hallo {name},',
  intro: 'hier ist das Protokoll der Abstimmung „{title}“ vom {date}.',
  agenda: 'Tagesordnung',
  decisions: 'Entscheidungen',
  actionItems: 'Aufgaben',
  rating: 'Bewertung',
  none: 'keine',
  due: 'fällig',
  dropped: 'gestrichen',
  ratingText: '{avg} von 10 ({n} Bewertungen)',
  goals: 'Gemeinsame Ziele',
  handoffs: 'Lead-Übergabe',
  pipeline: 'Pipeline',
  campaigns: 'Aktionen',
  action_items: 'Offene Aufgaben',
  alignment: 'Zusammenarbeits-Index',
  topics: 'Eigene Themen',
};

const words: Record<Locale, typeof de> = {
  de,
  en: {
    subject: 'Minutes: {title}, {date}',
    greeting: 'Hi {name},',
    intro: 'here are the minutes of the alignment meeting “{title}” on {date}.',
    agenda: 'Agenda',
    decisions: 'Decisions',
    actionItems: 'Action items',
    rating: 'Rating',
    none: 'none',
    due: 'due',
    dropped: 'dropped',
    ratingText: '{avg} out of 10 ({n} ratings)',
    goals: 'Shared goals',
    handoffs: 'Lead handoff',
    pipeline: 'Pipeline',
    campaigns: 'Campaigns',
    action_items: 'Open action items',
    alignment: 'Alignment index',
    topics: 'Own topics',
  },
};

const kinds: Record<Locale, Record<string, string>> = {
  de: {
    goal: 'Ziel',
    sla_breach: 'SLA verletzt',
    rejected_by_reason: 'Abgelehnt, Grund',
    rejected_by_campaign: 'Abgelehnt, Kampagne',
    recycled_lead: 'Recycelt',
    acceptance_rate: 'Annahmequote',
    stale_deal: 'Stockt',
    deal_won: 'Gewonnen',
    deal_lost: 'Verloren',
    close_date_moved: 'Abschlussdatum verschoben',
    campaign_starting: 'Beginnt',
    campaign_ending: 'Endet',
    action_item: 'Aufgabe',
    alignment_index: 'Index',
    topic: 'Thema',
  },
  en: {
    goal: 'Goal',
    sla_breach: 'SLA breached',
    rejected_by_reason: 'Rejected, reason',
    rejected_by_campaign: 'Rejected, campaign',
    recycled_lead: 'Recycled',
    acceptance_rate: 'Acceptance rate',
    stale_deal: 'Stale',
    deal_won: 'Won',
    deal_lost: 'Lost',
    close_date_moved: 'Close date moved',
    campaign_starting: 'Starts',
    campaign_ending: 'Ends',
    action_item: 'Action item',
    alignment_index: 'Index',
    topic: 'Topic',
  },
};

const scorecard = new Set(['acceptance_rate', 'alignment_index']);
const intlLocale: Record<Locale, string> = { de: 'de-DE', en: 'en-GB' };
const localeOf = (value: string | null): Locale => (value === 'en' ? 'en' : 'de');
const fill = (s: string, data: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => data[k] ?? '');

const figuresText = (item: AgendaItem, locale: Locale): string => {
  const f = Object.entries(item.figures ?? {});
  if (f.length === 0) return '';
  const n = new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: 1 });
  return ` (${f.map(([k, v]) => `${k}: ${n.format(v)}`).join(', ')})`;
};

/** The subject, text and HTML of the minutes for one recipient, in their language. */
export const minutesEmail = (m: Minutes, to: Recipient): { subject: string; text: string; html: string } => {
  const locale = localeOf(to.locale);
  const w = words[locale];
  const date = new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'long', timeZone: m.timeZone }).format(
    new Date(m.startsAt),
  );
  const data = { title: m.title, date, name: to.name };
  const sections = [...new Set(m.agenda.map((i) => i.section))];
  const label = (item: AgendaItem) => kinds[locale][item.kind] ?? item.kind;
  const dueOf = (a: ActionItem) =>
    a.dueAt
      ? new Intl.DateTimeFormat(intlLocale[locale], { dateStyle: 'medium', timeZone: m.timeZone }).format(
          new Date(a.dueAt),
        )
      : '—';
  const rating =
    m.averageRating === null
      ? w.none
      : fill(w.ratingText, {
          avg: new Intl.NumberFormat(intlLocale[locale], { maximumFractionDigits: 1 }).format(m.averageRating),
          n: String(m.ratings),
        });

  const text: string[] = [fill(w.greeting, data), '', fill(w.intro, data), '', `${w.agenda}:`];
  const html: string[] = [
    `<p>${escapeHtml(fill(w.greeting, data))}</p>`,
    `<p>${escapeHtml(fill(w.intro, data))}</p>`,
    `<h2>${escapeHtml(w.agenda)}</h2>`,
  ];
  for (const section of sections) {
    const heading = (w as Record<string, string | undefined>)[section] ?? section;
    text.push('', `## ${heading}`);
    html.push(`<h3>${escapeHtml(heading)}</h3>`, '<ul>');
    for (const item of m.agenda.filter((i) => i.section === section)) {
      // the scorecard items are named by their kind alone
      const name = scorecard.has(item.kind) ? label(item) : `${label(item)}: ${item.title}`;
      const line = `${name}${figuresText(item, locale)}${item.dropped ? ` [${w.dropped}]` : ''}`;
      text.push(`- ${line}`);
      if (item.notes) text.push(...item.notes.split('\n').map((l) => `    ${l}`));
      html.push(
        `<li>${item.dropped ? `<s>${escapeHtml(line)}</s>` : escapeHtml(line)}${
          item.notes ? `<div>${renderMarkdown(item.notes)}</div>` : ''
        }</li>`,
      );
    }
    html.push('</ul>');
  }
  text.push('', `${w.decisions}:`);
  html.push(`<h2>${escapeHtml(w.decisions)}</h2>`);
  if (m.decisions.length === 0) {
    text.push(`- ${w.none}`);
    html.push(`<p>${escapeHtml(w.none)}</p>`);
  } else {
    for (const d of m.decisions) text.push(`- ${d.text}`);
    html.push(`<ul>${m.decisions.map((d) => `<li>${escapeHtml(d.text)}</li>`).join('')}</ul>`);
  }
  text.push('', `${w.actionItems}:`);
  html.push(`<h2>${escapeHtml(w.actionItems)}</h2>`);
  if (m.actionItems.length === 0) {
    text.push(`- ${w.none}`);
    html.push(`<p>${escapeHtml(w.none)}</p>`);
  } else {
    const line = (a: ActionItem) => `${a.title} — ${a.owner.name}, ${w.due} ${dueOf(a)}`;
    for (const a of m.actionItems) text.push(`- ${line(a)}`);
    html.push(`<ul>${m.actionItems.map((a) => `<li>${escapeHtml(line(a))}</li>`).join('')}</ul>`);
  }
  text.push('', `${w.rating}: ${rating}`, '', m.link, '');
  html.push(
    `<p>${escapeHtml(w.rating)}: ${escapeHtml(rating)}</p>`,
    `<p><a href="${escapeHtml(m.link)}">${escapeHtml(m.link)}</a></p>`,
  );
  return {
    subject: fill(w.subject, data),
    text: text.join('\n'),
    html: `<!doctype html><html lang="${locale}"><body>${html.join('\n')}</body></html>`,
  };
};
