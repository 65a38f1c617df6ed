import type { Account, EmployeeBand } from '@nenner/shared';

export interface AccountDraft {
  name: string;
  domain: string;
  industry: string;
  employeeBand: EmployeeBand | null;
  country: string;
  city: string;
  ownerId: string | null;
  tags: string[];
}

export const emptyAccountDraft = (ownerId: string | null = null): AccountDraft => ({
  name: '',
  domain: '',
  industry: '',
  employeeBand: null,
  country: '',
  city: '',
  ownerId,
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
  tags: a.tags,
});

/** Only the fields that differ from `base`, so the audit trail records real changes only. */
export const diffDraft = <D extends object>(base: D, draft: D): Partial<D> => {
  const out: Partial<D> = {};
  for (const key of Object.keys(draft) as (keyof D)[]) {
    if (JSON.stringify(base[key]) !== JSON.stringify(draft[key])) out[key] = draft[key];
  }
  return out;
};
