import type { Account, Campaign, Contact, Deal, Handoff } from '@nenner/shared';
import { parseJsonList } from '../../lib/cursor.js';
import { amountCell, dateCell, type ExportColumn } from '../../lib/export.js';
import type { ContactExportRow } from '../contacts/contacts.repository.js';

/**
 * The columns of each list export, headed in the user's language. The import reads these headers back
 * (Nenner's own preset), so a header once shipped is not renamed lightly.
 */

const col = <T>(de: string, en: string, value: ExportColumn<T>['value']): ExportColumn<T> => ({
  header: { de, en },
  value,
});
const list = (xs: readonly string[]) => xs.join(', ');

export const contactColumns: ExportColumn<Contact>[] = [
  col('Vorname', 'First name', (c) => c.firstName),
  col('Nachname', 'Last name', (c) => c.lastName),
  col('E-Mail', 'Email', (c) => c.emails[0] ?? ''),
  col('Weitere E-Mails', 'Other emails', (c) => list(c.emails.slice(1))),
  col('Telefon', 'Phone', (c) => c.phone),
  col('Position', 'Job title', (c) => c.jobTitle),
  col('Firma', 'Company', (c) => c.account?.name),
  col('Lebenszyklus', 'Lifecycle stage', (c) => c.lifecycleStage),
  col('Quelle', 'Source', (c) => c.source),
  col('Tags', 'Tags', (c) => list(c.tags)),
  col('Score', 'Score', (c) => c.score),
  col('Verantwortlich', 'Owner', (c) => c.owner?.name),
  col('Einwilligung', 'Consent', (c) => c.consentStatus),
  col('Angelegt am', 'Created', (c) => dateCell(c.createdAt)),
  col('Geändert am', 'Updated', (c) => dateCell(c.updatedAt)),
  col('ID', 'ID', (c) => c.id),
];

// a stored JSON list: most contacts have no tags, and `[]` need not be parsed for that
const jsonList = (text: string | null): string[] => (text === '[]' ? [] : parseJsonList(text));
const firstOf = (text: string | null): string => {
  const xs = jsonList(text);
  return xs[0] ?? '';
};
const restOf = (text: string | null): string => list(jsonList(text).slice(1));

/**
 * The same columns from the contacts' rows as the repository reads them for an export, with the same cells
 * `contactColumns` gives from the presented record (`presentContact`), without presenting it.
 */
export const contactRowColumns: ExportColumn<ContactExportRow>[] = [
  col('Vorname', 'First name', (r) => r.first_name),
  col('Nachname', 'Last name', (r) => r.last_name),
  col('E-Mail', 'Email', (r) => firstOf(r.emails)),
  col('Weitere E-Mails', 'Other emails', (r) => restOf(r.emails)),
  col('Telefon', 'Phone', (r) => r.phone),
  col('Position', 'Job title', (r) => r.job_title),
  col('Firma', 'Company', (r) => (r.account_id ? (r.account_name ?? '') : undefined)),
  col('Lebenszyklus', 'Lifecycle stage', (r) => r.lifecycle_stage),
  col('Quelle', 'Source', (r) => r.source),
  col('Tags', 'Tags', (r) => list(jsonList(r.tags))),
  col('Score', 'Score', (r) => r.score ?? 0),
  col('Verantwortlich', 'Owner', (r) => (r.owner_id ? (r.owner_name ?? '') : undefined)),
  col('Einwilligung', 'Consent', (r) => r.consent_status ?? null),
  col('Angelegt am', 'Created', (r) => dateCell(r.created_at)),
  col('Geändert am', 'Updated', (r) => dateCell(r.updated_at)),
  col('ID', 'ID', (r) => r.id),
];

export const accountColumns: ExportColumn<Account>[] = [
  col('Name', 'Name', (a) => a.name),
  col('Domain', 'Domain', (a) => a.domain),
  col('Branche', 'Industry', (a) => a.industry),
  col('Mitarbeiter', 'Employees', (a) => a.employeeBand),
  col('Land', 'Country', (a) => a.country),
  col('Ort', 'City', (a) => a.city),
  col('PLZ', 'Postcode', (a) => a.postcode),
  col('Verantwortlich', 'Owner', (a) => a.owner?.name),
  col('Team', 'Team', (a) => a.team?.name),
  col('Tags', 'Tags', (a) => list(a.tags)),
  col('Angelegt am', 'Created', (a) => dateCell(a.createdAt)),
  col('ID', 'ID', (a) => a.id),
];

export const dealColumns = (locale: 'de' | 'en'): ExportColumn<Deal>[] => [
  col('Name', 'Name', (d) => d.name),
  col('Firma', 'Account', (d) => d.account.name),
  col('Phase', 'Stage', (d) => (locale === 'de' ? d.stage.nameDe : d.stage.nameEn)),
  col('Status', 'Status', (d) => d.status),
  col('Betrag', 'Amount', (d) => amountCell(d.amount)),
  col('Währung', 'Currency', (d) => d.currency),
  col('Abschlussdatum', 'Close date', (d) => dateCell(d.closeDate)),
  col('Verantwortlich', 'Owner', (d) => d.owner?.name),
  col('Herkunft', 'Source', (d) => d.source),
  col('Nächster Schritt', 'Next step', (d) => d.nextStep),
  col('Kontakte', 'Contacts', (d) => list(d.contacts.map((c) => c.name))),
  col('Geändert am', 'Updated', (d) => dateCell(d.updatedAt)),
  col('ID', 'ID', (d) => d.id),
];

export const campaignColumns: ExportColumn<Campaign>[] = [
  col('Name', 'Name', (c) => c.name),
  col('Kanal', 'Channel', (c) => c.channel),
  col('Status', 'Status', (c) => c.status),
  col('Start', 'Start', (c) => dateCell(c.startDate)),
  col('Ende', 'End', (c) => dateCell(c.endDate)),
  col('Verantwortlich', 'Owner', (c) => c.owner?.name),
  col('Team', 'Team', (c) => c.team?.name),
  col('Budget', 'Budget', (c) => amountCell(c.budget)),
  col('Kosten', 'Actual cost', (c) => amountCell(c.actualCost)),
  col('Währung', 'Currency', (c) => c.currency),
  col('Mitglieder', 'Members', (c) => c.memberCount),
  col('UTM-Schlüssel', 'UTM keys', (c) => list(c.utmKeys)),
  col('ID', 'ID', (c) => c.id),
];

export const handoffColumns: ExportColumn<Handoff>[] = [
  col('Kontakt', 'Contact', (h) => h.contact.name),
  col('E-Mail', 'Email', (h) => h.contact.email),
  col('Firma', 'Account', (h) => h.contact.accountName),
  col('Score', 'Score', (h) => h.contact.score),
  col('Status', 'Status', (h) => h.status),
  col('SLA verletzt', 'SLA breached', (h) => (h.breached ? 1 : 0)),
  col('Qualifiziert am', 'Qualified', (h) => dateCell(h.qualifiedAt)),
  col('Zugewiesen an', 'Assignee', (h) => h.assignee?.name),
  col('SLA fällig', 'SLA due', (h) => dateCell(h.slaDueAt)),
  col('Angenommen am', 'Accepted', (h) => dateCell(h.acceptedAt)),
  col('Ablehnungsgrund', 'Reject reason', (h) => h.rejectReason),
  col('ID', 'ID', (h) => h.id),
];
