import { z } from 'zod';
import { ListAccountsQuery } from './accounts.js';
import { CampaignListQuery } from './campaigns.js';
import { ListContactsQuery } from './contacts.js';
import { ListDealsQuery } from './deals.js';
import { ListHandoffsQuery } from './leads.js';

export const exportFormats = ['csv', 'xlsx'] as const;

/** What every export adds to its list's filters: the file type and, optionally, the locale's conventions. */
const exportOptions = {
  format: z.enum(exportFormats).default('csv'),
  /** `de`: `;`, BOM, decimal comma, dd.mm.yyyy; `en`: `,` and ISO dates. Default: the user's language. */
  locale: z.enum(['de', 'en']).optional(),
};
const noPaging = { limit: true, cursor: true } as const;

export const ExportContactsQuery = ListContactsQuery.omit(noPaging).extend(exportOptions);
export type ExportContactsQuery = z.infer<typeof ExportContactsQuery>;
export const ExportAccountsQuery = ListAccountsQuery.omit(noPaging).extend(exportOptions);
export type ExportAccountsQuery = z.infer<typeof ExportAccountsQuery>;
export const ExportDealsQuery = ListDealsQuery.omit(noPaging).extend(exportOptions);
export type ExportDealsQuery = z.infer<typeof ExportDealsQuery>;
export const ExportCampaignsQuery = CampaignListQuery.omit(noPaging).extend(exportOptions);
export type ExportCampaignsQuery = z.infer<typeof ExportCampaignsQuery>;
export const ExportHandoffsQuery = ListHandoffsQuery.omit(noPaging).extend(exportOptions);
export type ExportHandoffsQuery = z.infer<typeof ExportHandoffsQuery>;
