import type {
  ExportAccountsQuery,
  ExportCampaignsQuery,
  ExportContactsQuery,
  ExportDealsQuery,
  ExportHandoffsQuery,
} from '@nenner/shared';
import type { Actor, AppContext } from '../../context.js';
import { assertCan, type FileAnswer } from '../../http/endpoints.js';
import { type ExportLocale, exportFile, pagesOf } from '../../lib/export.js';
import { nowIso } from '../../lib/ids.js';
import { listAccounts } from '../accounts/accounts.service.js';
import { listCampaigns } from '../campaigns/campaigns.service.js';
import { type ContactExportRow, listContactExportRows } from '../contacts/contacts.repository.js';
import { listContacts } from '../contacts/contacts.service.js';
import { listDeals } from '../deals/deals.service.js';
import { listHandoffs } from '../handoffs/handoffs.service.js';
import {
  accountColumns,
  campaignColumns,
  contactColumns,
  contactRowColumns,
  dealColumns,
  handoffColumns,
} from './exports.columns.js';

/** Rows fetched per page: the list's own query and filters, keyset paged, so memory stays bounded. */
export const EXPORT_PAGE = 1000;

/** Rows per page of the lean row path (the repository's rows, not API records): fewer round trips. */
export const EXPORT_ROWS_PAGE = 5000;

async function* rowsAfter<T>(first: T[], size: number, fetchPage: (after: T) => Promise<T[]>) {
  let page = first;
  for (;;) {
    yield page;
    const last = page.at(-1);
    if (page.length < size || !last) return;
    page = await fetchPage(last);
  }
}

/** Pages of `size` rows, each after the last row of the one before; the first is read before the download. */
const rowPages = async <T>(size: number, fetchPage: (after: T | undefined) => Promise<T[]>) =>
  rowsAfter(await fetchPage(undefined), size, fetchPage);

const localeOf = (actor: Actor, asked: ExportLocale | undefined): ExportLocale => asked ?? actor.locale ?? 'de';
const baseName = (noun: string) => `nenner-${noun}-${nowIso().slice(0, 10)}`;

/** The contacts the list's filters show, as a CSV or XLSX download. */
export const exportContacts = async (ctx: AppContext, actor: Actor, q: ExportContactsQuery): Promise<FileAnswer> => {
  const { format, locale, ...filter } = q;
  const lang = localeOf(actor, locale);
  if (filter.q) {
    // a search ranks its matches: it goes through the list's own query and presentation
    const pages = await pagesOf((cursor) => listContacts(ctx, actor, { ...filter, limit: EXPORT_PAGE, cursor }));
    return exportFile(baseName('contacts'), format, lang, contactColumns, pages);
  }
  if (filter.trash) assertCan(actor, 'records.trash');
  const pages = await rowPages<ContactExportRow>(EXPORT_ROWS_PAGE, (after) =>
    listContactExportRows(ctx.db, { ...filter, limit: EXPORT_ROWS_PAGE, after }),
  );
  return exportFile(baseName('contacts'), format, lang, contactRowColumns, pages);
};

/** The accounts the list's filters show. */
export const exportAccounts = async (ctx: AppContext, actor: Actor, q: ExportAccountsQuery): Promise<FileAnswer> => {
  const { format, locale, ...filter } = q;
  const pages = await pagesOf((cursor) => listAccounts(ctx, actor, { ...filter, limit: EXPORT_PAGE, cursor }));
  return exportFile(baseName('accounts'), format, localeOf(actor, locale), accountColumns, pages);
};

/** The deals the list's filters show. */
export const exportDeals = async (ctx: AppContext, actor: Actor, q: ExportDealsQuery): Promise<FileAnswer> => {
  const { format, locale, ...filter } = q;
  const lang = localeOf(actor, locale);
  const pages = await pagesOf((cursor) => listDeals(ctx, actor, { ...filter, limit: EXPORT_PAGE, cursor }));
  return exportFile(baseName('deals'), format, lang, dealColumns(lang), pages);
};

/** The campaigns the list's filters show. */
export const exportCampaigns = async (ctx: AppContext, actor: Actor, q: ExportCampaignsQuery): Promise<FileAnswer> => {
  const { format, locale, ...filter } = q;
  const pages = await pagesOf((cursor) => listCampaigns(ctx, actor, { ...filter, limit: EXPORT_PAGE, cursor }));
  return exportFile(baseName('campaigns'), format, localeOf(actor, locale), campaignColumns, pages);
};

/** The handoffs (leads) the list's filters show. */
export const exportHandoffs = async (ctx: AppContext, actor: Actor, q: ExportHandoffsQuery): Promise<FileAnswer> => {
  const { format, locale, ...filter } = q;
  const pages = await pagesOf((cursor) => listHandoffs(ctx, actor, { ...filter, limit: EXPORT_PAGE, cursor }));
  return exportFile(baseName('handoffs'), format, localeOf(actor, locale), handoffColumns, pages);
};
