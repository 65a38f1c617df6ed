/** The account list's filters that links set (in the URL); kept apart so the router does not load the list. */
export const accountPairs = ['both', 'missing_partner'] as const;
export type AccountPair = (typeof accountPairs)[number];

export interface AccountsSearch {
  /** `both`: an owner and a marketing partner; `missing_partner`: an owner but no partner. */
  pair?: AccountPair;
  teamId?: string;
  /** Only accounts with an open deal (the coverage figure's accounts). */
  openDeals?: boolean;
}

const isId = (v: unknown): v is string => typeof v === 'string' && /^[A-Za-z0-9-]{1,64}$/.test(v);

/** Reads the filters from the address, leaving out anything the list would not accept. */
export const parseAccountsSearch = (s: Record<string, unknown>): AccountsSearch => ({
  ...(accountPairs.includes(s.pair as AccountPair) && { pair: s.pair as AccountPair }),
  ...(isId(s.teamId) && { teamId: s.teamId }),
  ...((s.openDeals === true || s.openDeals === 'true') && { openDeals: true }),
});
