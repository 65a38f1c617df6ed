import { CloseDealInput, CreateAccountInput, CreateCampaignInput, CreateContactInput } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import { draftToCreateInput, emptyCampaignDraft } from '../../features/campaigns/campaignForm';
import { schemaIssues, toFieldErrors, zodResolver } from './fieldErrors';

describe('zod issues → the API’s field paths', () => {
  it.each([
    { name: 'a top-level field', issue: { path: ['name'], message: 'm' }, path: 'name' },
    { name: 'an item of a list', issue: { path: ['emails', 1], message: 'm' }, path: 'emails.1' },
    { name: 'a field of a list item', issue: { path: ['contacts', 0, 'role'], message: 'm' }, path: 'contacts.0.role' },
    { name: 'unknown keys at the root', issue: { path: [], message: 'm', keys: ['foo', 'bar'] }, path: 'foo,bar' },
    {
      name: 'an unknown key in an item',
      issue: { path: ['contacts', 2], message: 'm', keys: ['x'] },
      path: 'contacts.2.x',
    },
    { name: 'the body itself', issue: { path: [], message: 'm' }, path: '' },
  ])('$name', ({ issue, path }) => {
    expect(schemaIssues([issue])).toEqual([{ path, message: 'm' }]);
  });
});

describe('field errors by path and by root', () => {
  it.each([
    { name: 'none', errors: [], expected: {} },
    { name: 'one field', errors: [{ path: 'name', message: 'Too long' }], expected: { name: 'Too long' } },
    {
      name: 'a list item also marks its list',
      errors: [{ path: 'emails.0', message: 'Invalid email address' }],
      expected: { 'emails.0': 'Invalid email address', emails: 'Invalid email address' },
    },
    {
      name: 'the first message wins, for the path and for the root',
      errors: [
        { path: 'contacts.1.role', message: 'first' },
        { path: 'contacts', message: 'second' },
        { path: 'contacts.1.role', message: 'third' },
      ],
      expected: { 'contacts.1.role': 'first', contacts: 'first' },
    },
  ])('$name', ({ errors, expected }) => {
    expect(toFieldErrors(errors)).toEqual(expected);
  });
});

describe('the shared schemas as the form validator', () => {
  const account = {
    name: 'Testwerk',
    domain: '',
    industry: '',
    employeeBand: null,
    country: '',
    city: '',
    ownerId: null,
    tags: [],
  };
  const contact = { firstName: '', lastName: '', emails: [], phone: '', jobTitle: '', accountId: null, ownerId: null };
  const same = <V>(values: V) => values as object;

  it.each([
    { name: 'a valid account', schema: CreateAccountInput, values: account, expected: {} },
    {
      name: 'a country that is not a code',
      schema: CreateAccountInput,
      values: { ...account, country: 'Deutschland' },
      expected: { country: 'Use a two-letter ISO country code, e.g. DE' },
    },
    {
      name: 'a domain that is not one',
      schema: CreateAccountInput,
      values: { ...account, domain: 'nicht eine domain' },
      expected: { domain: 'Not a valid domain' },
    },
    {
      name: 'a key the API does not know',
      schema: CreateAccountInput,
      values: { ...account, postcod: '86150' },
      expected: { postcod: 'Unrecognized key: "postcod"' },
    },
    {
      name: 'a contact without name or email, named at the last name',
      schema: CreateContactInput,
      values: contact,
      expected: { lastName: 'A contact needs a name or an email' },
    },
    {
      name: 'a bad phone number and a second email that is not one',
      schema: CreateContactInput,
      values: { ...contact, phone: 'abc', emails: ['mira@example.de', 'mira'] },
      expected: {
        phone: 'Not a valid phone number',
        'emails.1': 'Invalid email address',
        emails: 'Invalid email address',
      },
    },
    {
      name: 'a close without a reason key',
      schema: CloseDealInput,
      values: { outcome: 'lost', reason: '' },
      expected: { reason: 'A reason key from the list' },
    },
  ])('$name', ({ schema, values, expected }) => {
    expect(zodResolver(schema, same)(values)).toEqual(expected);
  });

  it('checks what is sent, not the draft: a campaign ending before it starts and a budget that is not a number', () => {
    const draft = {
      ...emptyCampaignDraft({ id: '6f1c1f9e-8a37-4d3f-9a55-2a8f8b1d7c10', department: 'marketing' }),
      name: 'Messe',
      startDate: '2027-04-05',
      endDate: '2027-04-01',
      budget: 'abc', // sent as -1
    };
    // zod 4 still runs the dates refinement when a field fails, as the server does
    expect(zodResolver(CreateCampaignInput, draftToCreateInput)(draft)).toEqual({
      budget: 'Too small: expected number to be >=0',
      endDate: 'The end date is before the start date',
    });
    expect(zodResolver(CreateCampaignInput, draftToCreateInput)({ ...draft, budget: '100', endDate: '' })).toEqual({});
  });
});
