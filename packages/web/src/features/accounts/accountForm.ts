import type { Account, EmployeeBand } from '@nenner/shared';

export type AccountDraft = {
  name: string;
  domain: string;
  industry: string;
  employeeBand: EmployeeBand | null;
  country: string;
  city: string;
  ownerId: string | null;
  marketingPartnerId: string | null;
  teamId: string | null;
  tags: string[];
};

export const emptyAccountDraft = (ownerId: string | null = null): AccountDraft => ({
  name: '',
  domain: '',
  industry: '',
  employeeBand: null,
  country: '',
  city: '',
  ownerId,
  marketingPartnerId: null,
  teamId: null,
  tags: [],
});

export const accountToDraft = (a: Account): AccountDraft => ({
  name: a.name,
  domain: a.domain ?? '',
  industry: a.industry ?? '',
  employeeBand: a.employeeBand,
  country: a.country ?? '',
  city: a.city ?? '',
  ownerId: a.ownerId,
  marketingPartnerId: a.marketingPartnerId,
  teamId: a.teamId,
  tags: a.tags,
});
