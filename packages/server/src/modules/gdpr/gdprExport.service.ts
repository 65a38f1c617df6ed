import { escapeHtml as e, type GdprExport } from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import { assertCan } from '../../http/endpoints.js';
import { AppError } from '../../http/errors.js';
import { parseJsonList } from '../../lib/cursor.js';
import { nowIso } from '../../lib/ids.js';
import { recordAudit } from '../timeline/timeline.service.js';
import { presentConsent } from './consents.service.js';
import { findContactForGdpr, listConsentLedger } from './gdpr.repository.js';
import { readPersonData } from './gdprExport.repository.js';

const parsed = (data: string | null): unknown => {
  if (data === null) return null;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
};

/** Everything Nenner holds about a person (Art. 15 DSGVO, admins); the request itself is audited. */
export const gdprExport = async (ctx: AppContext, actor: Actor, id: string): Promise<GdprExport> => {
  assertCan(actor, 'gdpr.admin');
  const c = await findContactForGdpr(ctx.db, id);
  if (!c) throw new AppError('contact_not_found');
  const [ledger, data] = await Promise.all([listConsentLedger(ctx.db, id), readPersonData(ctx.db, id)]);
  await recordAudit(ctx.db, actor, 'contact', id, 'gdpr_exported');
  return {
    generatedAt: nowIso(),
    contact: {
      id: c.id,
      firstName: c.first_name,
      lastName: c.last_name,
      emails: parseJsonList(c.emails),
      phone: c.phone,
      jobTitle: c.job_title,
      lifecycleStage: c.lifecycle_stage,
      source: c.source,
      tags: parseJsonList(c.tags),
      consentStatus: c.consent_status ?? null,
      firstUtmSource: c.first_utm_source ?? null,
      lastUtmSource: c.last_utm_source ?? null,
      createdAt: c.created_at,
      updatedAt: c.updated_at,
      deletedAt: c.deleted_at,
      erasedAt: c.erased_at ?? null,
    },
    consents: ledger.map(presentConsent),
    timeline: data.timeline.map((t) => ({ ...t, data: parsed(t.data) })),
    touchpoints: data.touchpoints,
    handoffs: data.handoffs,
    eventRegistrations: data.registrations,
    campaignMemberships: data.memberships,
    formSubmissions: data.submissions,
  };
};

const labels = {
  de: {
    title: 'Auskunft nach Art. 15 DSGVO',
    generated: 'Erstellt am',
    contact: 'Kontaktdaten',
    consents: 'Einwilligungen',
    timeline: 'Verlauf',
    touchpoints: 'Kontaktpunkte',
    handoffs: 'Übergaben an den Vertrieb',
    eventRegistrations: 'Veranstaltungsanmeldungen',
    campaignMemberships: 'Kampagnen',
    formSubmissions: 'Formulareinsendungen',
    none: 'Keine Einträge.',
  },
  en: {
    title: 'Subject access export (Art. 15 GDPR)',
    generated: 'Generated at',
    contact: 'Contact details',
    consents: 'Consents',
    timeline: 'Timeline',
    touchpoints: 'Touchpoints',
    handoffs: 'Handoffs to sales',
    eventRegistrations: 'Event registrations',
    campaignMemberships: 'Campaigns',
    formSubmissions: 'Form submissions',
    none: 'No entries.',
  },
} as const;

const cell = (v: unknown): string =>
  v === null || v === undefined ? '' : typeof v === 'object' ? JSON.stringify(v) : String(v);

const table = (rows: readonly Record<string, unknown>[], none: string): string => {
  const first = rows[0];
  if (!first) return `<p>${e(none)}</p>`;
  const keys = Object.keys(first);
  const head = keys.map((k) => `<th scope="col">${e(k)}</th>`).join('');
  const body = rows.map((r) => `<tr>${keys.map((k) => `<td>${e(cell(r[k]))}</td>`).join('')}</tr>`).join('');
  return `<table><thead><tr>${head}</tr></thead><tbody>${body}</tbody></table>`;
};

/** The export as a page a person can read (and print), in German or English. */
export const gdprExportHtml = (x: GdprExport, locale: 'de' | 'en'): string => {
  const t = labels[locale];
  const contact = Object.entries(x.contact)
    .map(([k, v]) => `<tr><th scope="row">${e(k)}</th><td>${e(cell(v))}</td></tr>`)
    .join('');
  const sections = (
    [
      'consents',
      'timeline',
      'touchpoints',
      'handoffs',
      'eventRegistrations',
      'campaignMemberships',
      'formSubmissions',
    ] as const
  )
    .map((k) => `<h2>${e(t[k])}</h2>${table(x[k] as Record<string, unknown>[], t.none)}`)
    .join('');
  return (
    `<!doctype html><html lang="${locale}"><head><meta charset="utf-8"><title>${e(t.title)}</title>` +
    '<style>body{font:14px/1.5 system-ui,sans-serif;margin:2rem;color:#111}table{border-collapse:collapse;margin:0 0 1.5rem}' +
    'th,td{border:1px solid #ccc;padding:4px 8px;text-align:left;vertical-align:top}th{background:#f4f4f4}</style></head>' +
    `<body><h1>${e(t.title)}</h1><p>${e(t.generated)}: ${e(x.generatedAt)}</p><h2>${e(t.contact)}</h2>` +
    `<table><tbody>${contact}</tbody></table>${sections}</body></html>`
  );
};
