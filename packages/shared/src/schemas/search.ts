import { z } from 'zod';

/** GET /api/search: what the command palette asks. */
export const GlobalSearchQuery = z.strictObject({
  q: z.string().trim().min(1).max(200),
});
export type GlobalSearchQuery = z.infer<typeof GlobalSearchQuery>;

/** One record found: what the palette shows and where it leads. */
export const SearchHit = z.object({
  id: z.string(),
  title: z.string(),
  /** A second line: a contact's account or address, an account's city, a deal's account. */
  subtitle: z.string().nullable(),
});
export type SearchHit = z.infer<typeof SearchHit>;

/** A few hits per kind of record, best first. */
export const GlobalSearchResult = z.object({
  accounts: z.array(SearchHit),
  contacts: z.array(SearchHit),
  deals: z.array(SearchHit),
  campaigns: z.array(SearchHit),
  competitors: z.array(SearchHit),
});
export type GlobalSearchResult = z.infer<typeof GlobalSearchResult>;

/** How many hits of each kind the global search returns. */
export const SEARCH_HITS_PER_KIND = 5;
