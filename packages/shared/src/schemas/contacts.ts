import { z } from 'zod';
import { lifecycleStages } from '../enums.js';
import { limits } from '../limits.js';
import { Cursor, Email, Id, Limit, optionalText, Query, QueryBool, Tags, UserRef, Versioned } from './common.js';

export const LifecycleStage = z.enum(lifecycleStages);
export type LifecycleStage = z.infer<typeof LifecycleStage>;
export const Phone = z
  .string()
  .trim()
  .max(limits.phoneMax)
  .regex(/^$|^\+?[0-9][0-9 ()/.-]{2,}$/, 'Not a valid phone number')
  .transform((v) => (v === '' ? null : v));

const Emails = z
  .array(Email)
  .max(limits.emailsPerContact)
  .refine((list) => new Set(list.map((e) => e.toLowerCase())).size === list.length, 'Each email only once');

const contactFields = {
  firstName: z.string().trim().max(limits.nameMax),
  lastName: z.string().trim().max(limits.nameMax),
  emails: Emails,
  phone: Phone.nullable(),
  jobTitle: optionalText(limits.titleMax),
  accountId: Id.nullable(),
  ownerId: Id.nullable(),
  lifecycleStage: LifecycleStage,
  source: optionalText(limits.textMax),
  tags: Tags,
};

export const CreateContactInput = z
  .strictObject({
    firstName: contactFields.firstName.default(''),
    lastName: contactFields.lastName.default(''),
    emails: contactFields.emails.default([]),
    phone: contactFields.phone.optional(),
    jobTitle: contactFields.jobTitle.optional(),
    accountId: contactFields.accountId.optional(),
    ownerId: contactFields.ownerId.optional(),
    lifecycleStage: contactFields.lifecycleStage.default('lead'),
    source: contactFields.source.optional(),
    tags: contactFields.tags.optional(),
  })
  .refine((c) => c.firstName !== '' || c.lastName !== '' || c.emails.length > 0, {
    message: 'A contact needs a name or an email',
    path: ['lastName'],
  });
export type CreateContactInput = z.infer<typeof CreateContactInput>;

export const UpdateContactInput = z.strictObject({
  firstName: contactFields.firstName.optional(),
  lastName: contactFields.lastName.optional(),
  emails: contactFields.emails.optional(),
  phone: contactFields.phone.optional(),
  jobTitle: contactFields.jobTitle.optional(),
  accountId: contactFields.accountId.optional(),
  ownerId: contactFields.ownerId.optional(),
  lifecycleStage: contactFields.lifecycleStage.optional(),
  source: contactFields.source.optional(),
  tags: contactFields.tags.optional(),
});
export type UpdateContactInput = z.infer<typeof UpdateContactInput>;

export const Contact = z.object({
  ...Versioned,
  firstName: z.string(),
  lastName: z.string(),
  emails: z.array(z.string()),
  phone: z.string().nullable(),
  jobTitle: z.string().nullable(),
  accountId: Id.nullable(),
  account: z.object({ id: Id, name: z.string() }).nullable(),
  ownerId: Id.nullable(),
  owner: UserRef.nullable(),
  lifecycleStage: LifecycleStage,
  source: z.string().nullable(),
  tags: z.array(z.string()),
  deletedAt: z.string().nullable(),
  /** Lead score as last computed; GET /api/contacts/{id}/score explains it. */
  score: z.number(),
  firstUtmSource: z.string().nullable(),
  lastUtmSource: z.string().nullable(),
  consentStatus: z.enum(['pending', 'confirmed']).nullable(),
});
export type Contact = z.infer<typeof Contact>;

export const contactSorts = [
  'lastName',
  '-lastName',
  'firstName',
  '-firstName',
  'createdAt',
  '-createdAt',
  'updatedAt',
  '-updatedAt',
] as const;

export const ListContactsQuery = z.strictObject({
  q: Query.optional(),
  ownerId: z.union([Id, z.literal('none')]).optional(),
  /** The people at the accounts a user owns ("Meine Kunden" of a rep), whoever owns the contact itself. */
  accountOwnerId: Id.optional(),
  accountId: Id.optional(),
  lifecycleStage: LifecycleStage.optional(),
  source: z.string().max(limits.textMax).optional(),
  tag: z.string().max(limits.tagMax).optional(),
  trash: QueryBool.optional(),
  sort: z.enum(contactSorts).default('lastName'),
  limit: Limit,
  cursor: Cursor.optional(),
});
export type ListContactsQuery = z.infer<typeof ListContactsQuery>;
