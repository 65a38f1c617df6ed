import { describe, expect, it } from 'vitest';
import { CreateAccountInput } from '../src/schemas/accounts.js';
import { CreateContactInput, ListContactsQuery, UpdateContactInput } from '../src/schemas/contacts.js';

const pathsOf = (result: { success: boolean; error?: { issues: { path: PropertyKey[] }[] } }) =>
  result.success ? [] : (result.error?.issues.map((i) => i.path.join('.')) ?? []);

describe('CreateContactInput', () => {
  it.each([
    [{ lastName: 'Müller' }, []],
    [{ emails: ['anna@example.de'] }, []],
    [{}, ['lastName']],
    [{ lastName: 'x'.repeat(101) }, ['lastName']],
    [{ lastName: 'A', emails: ['not-an-email'] }, ['emails.0']],
    [{ lastName: 'A', emails: ['a@b.de', 'A@b.de'] }, ['emails']],
    [{ lastName: 'A', phone: 'call me' }, ['phone']],
    [{ lastName: 'A', lifecycleStage: 'hot' }, ['lifecycleStage']],
    [{ lastName: 'A', accountId: 'nope' }, ['accountId']],
    [{ lastName: 'A', shoeSize: 44 }, ['']],
    [{ lastName: 42 }, ['lastName']],
  ])('%j → errors at %j', (input, paths) => {
    expect(pathsOf(CreateContactInput.safeParse(input))).toEqual(paths);
  });

  it('applies defaults and trims', () => {
    const parsed = CreateContactInput.parse({ firstName: '  Anna ', lastName: 'Müller', jobTitle: '' });
    expect(parsed).toMatchObject({
      firstName: 'Anna',
      lastName: 'Müller',
      emails: [],
      lifecycleStage: 'lead',
      jobTitle: null,
    });
  });

  it('updates accept clearing a field', () => {
    expect(UpdateContactInput.parse({ phone: '' })).toEqual({ phone: null });
  });
});

describe('CreateAccountInput', () => {
  it.each([
    ['https://www.Alpen-Logistik.de/kontakt', 'alpen-logistik.de'],
    ['example.at', 'example.at'],
    ['', null],
  ])('domain %j → %j', (domain, expected) => {
    expect(CreateAccountInput.parse({ name: 'X', domain }).domain).toBe(expected);
  });

  it.each([
    [{ name: 'X', domain: 'not a domain' }, ['domain']],
    [{ name: 'X', country: 'Germany' }, ['country']],
    [{ name: 'X', country: 'de' }, []],
    [{ name: '' }, ['name']],
    [{ name: 'X', employeeBand: '10-20' }, ['employeeBand']],
    [{ name: 'X', tags: ['a'.repeat(41)] }, ['tags.0']],
  ])('%j → errors at %j', (input, paths) => {
    expect(pathsOf(CreateAccountInput.safeParse(input))).toEqual(paths);
  });
});

describe('ListContactsQuery', () => {
  it.each([
    [{}, { limit: 50, sort: 'lastName' }],
    [{ limit: '200' }, { limit: 200 }],
    [{ trash: 'true' }, { trash: true }],
  ])('%j parses to include %j', (query, expected) => {
    expect(ListContactsQuery.parse(query)).toMatchObject(expected);
  });

  it.each([[{ limit: '201' }], [{ limit: '0' }], [{ sort: 'email' }], [{ trash: 'yes' }], [{ colour: 'red' }]])(
    '%j is refused',
    (query) => {
      expect(ListContactsQuery.safeParse(query).success).toBe(false);
    },
  );
});
