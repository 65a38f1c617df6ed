import type { Contact, LifecycleStage } from '@nenner/shared';

export type ContactDraft = {
  firstName: string;
  lastName: string;
  emails: string[];
  phone: string;
  jobTitle: string;
  accountId: string | null;
  ownerId: string | null;
  lifecycleStage: LifecycleStage;
  source: string;
  tags: string[];
};

export const emptyContactDraft = (accountId: string | null, ownerId: string | null): ContactDraft => ({
  firstName: '',
  lastName: '',
  emails: [],
  phone: '',
  jobTitle: '',
  accountId,
  ownerId,
  lifecycleStage: 'lead',
  source: '',
  tags: [],
});

export const contactToDraft = (c: Contact): ContactDraft => ({
  firstName: c.firstName,
  lastName: c.lastName,
  emails: c.emails,
  phone: c.phone ?? '',
  jobTitle: c.jobTitle ?? '',
  accountId: c.accountId,
  ownerId: c.ownerId,
  lifecycleStage: c.lifecycleStage,
  source: c.source ?? '',
  tags: c.tags,
});

export const contactName = (c: Pick<Contact, 'firstName' | 'lastName' | 'emails'>, fallback: string): string =>
  `${c.firstName} ${c.lastName}`.trim() || c.emails[0] || fallback;
