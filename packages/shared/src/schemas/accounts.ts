import { z } from 'zod';
import { employeeBands } from '../enums.js';
import { limits } from '../limits.js';
import { Cursor, Id, Limit, optionalText, Query, QueryBool, Tags, UserRef, Versioned } from './common.js';
import { AccountPilot } from './projects.js';
import { TeamRef } from './teams.js';

export const EmployeeBand = z.enum(employeeBands);
export type EmployeeBand = z.infer<typeof EmployeeBand>;
export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{2}$/, 'Use a two-letter ISO country code, e.g. DE');
export const Domain = z
  .string()
  .trim()
  .toLowerCase()
  .max(253)
  .transform((v) =>
    v
      .replace(/^https?:\/\//, '')
      .replace(/\/.*$/, '')
      .replace(/^www\./, ''),
  )
  .pipe(
    z.union([
      z.literal(''),
      z.string().regex(/^(?!-)[a-z0-9-]{1,63}(?<!-)(\.(?!-)[a-z0-9-]{1,63}(?<!-))+$/, 'Not a valid domain'),
    ]),
  )
  .transform((v) => (v === '' ? null : v));

const accountFields = {
  name: z.string().trim().min(1).max(limits.accountNameMax),
  domain: Domain.nullable(),
  industry: optionalText(limits.textMax),
  employeeBand: EmployeeBand.nullable(),
  country: z.union([z.literal('').transform(() => null), CountryCode]).nullable(),
  city: optionalText(limits.textMax),
  postcode: optionalText(12),
  ownerId: Id.nullable(),
  marketingPartnerId: Id.nullable(),
  teamId: Id.nullable(),
  tags: Tags,
};

export const CreateAccountInput = z.strictObject({
  name: accountFields.name,
  domain: accountFields.domain.optional(),
  industry: accountFields.industry.optional(),
  employeeBand: accountFields.employeeBand.optional(),
  country: accountFields.country.optional(),
  city: accountFields.city.optional(),
  postcode: accountFields.postcode.optional(),
  ownerId: accountFields.ownerId.optional(),
  /** The marketing partner beside the sales owner: an active marketing user. */
  marketingPartnerId: accountFields.marketingPartnerId.optional(),
  /** The team that owns the account: an existing team. */
  teamId: accountFields.teamId.optional(),
  tags: accountFields.tags.optional(),
});
export type CreateAccountInput = z.infer<typeof CreateAccountInput>;

export const UpdateAccountInput = CreateAccountInput.partial();
export type UpdateAccountInput = z.infer<typeof UpdateAccountInput>;

export const Account = z.object({
  ...Versioned,
  name: z.string(),
  domain: z.string().nullable(),
  industry: z.string().nullable(),
  employeeBand: EmployeeBand.nullable(),
  country: z.string().nullable(),
  city: z.string().nullable(),
  postcode: z.string().nullable(),
  ownerId: Id.nullable(),
  owner: UserRef.nullable(),
  marketingPartnerId: Id.nullable(),
  marketingPartner: UserRef.nullable(),
  teamId: Id.nullable(),
  team: TeamRef.nullable(),
  tags: z.array(z.string()),
  deletedAt: z.string().nullable(),
  /** The joint project the account is a running pilot customer of ("Pilotkunde"), or null. */
  pilot: AccountPilot.nullable(),
});
export type Account = z.infer<typeof Account>;

export const accountSorts = ['name', '-name', 'createdAt', '-createdAt', 'updatedAt', '-updatedAt'] as const;

export const ListAccountsQuery = z.strictObject({
  q: Query.optional(),
  ownerId: z.union([Id, z.literal('none')]).optional(),
  country: CountryCode.optional(),
  industry: z.string().max(limits.textMax).optional(),
  employeeBand: EmployeeBand.optional(),
  tag: z.string().max(limits.tagMax).optional(),
  /** `both`: an owner and a marketing partner; `missing_partner`: an owner but no partner. */
  pair: z.enum(['both', 'missing_partner']).optional(),
  /** Accounts the team owns. */
  teamId: Id.optional(),
  /** Only accounts with an open deal (not won, not lost, not in the trash): the coverage figure's accounts. */
  openDeals: QueryBool.optional(),
  trash: QueryBool.optional(),
  sort: z.enum(accountSorts).default('name'),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type ListAccountsQuery = z.infer<typeof ListAccountsQuery>;

/** The coverage figure's scope: every account, or those a team owns. */
export const AccountCoverageQuery = z.strictObject({ teamId: Id.optional() });
export type AccountCoverageQuery = z.infer<typeof AccountCoverageQuery>;

/**
 * Account pairs' coverage (issue 12): of the live accounts with at least one open deal (a deal neither won
 * nor lost, not in the trash), how many have both a sales owner and a marketing partner. The three counts
 * split `accountsWithOpenDeals` without overlap.
 */
export const AccountCoverage = z.object({
  accountsWithOpenDeals: z.number().int(),
  /** An owner and a marketing partner. */
  paired: z.number().int(),
  /** An owner but no marketing partner (the account list's `pair=missing_partner`). */
  missingPartner: z.number().int(),
  /** No owner (with or without a partner). */
  missingOwner: z.number().int(),
  /** paired ÷ accountsWithOpenDeals as a ratio from 0 to 1; null when no account has an open deal. */
  shareRatio: z.number().min(0).max(1).nullable(),
});
export type AccountCoverage = z.infer<typeof AccountCoverage>;
