import type { SsoGroupRule } from '@nenner/shared';
import { describe, expect, it } from 'vitest';
import { emailDomain, groupsOf, mapGroups } from '../../src/modules/sso/sso.mapping.js';
import { isLoopbackHost } from '../../src/modules/sso/sso.oidc.js';

const rules: SsoGroupRule[] = [
  { group: 'CRM-Admins', department: 'management', role: 'admin' },
  { group: 'marketing', department: 'marketing', role: 'member' },
  { group: '8f2c1e0a-0000-4000-8000-000000000001', department: 'sales', role: 'member' },
];
const fallback = { department: 'sales', role: 'viewer' } as const;

describe('mapGroups: the first rule whose group the provider names decides, else the default', () => {
  it.each([
    [[], fallback],
    [['staff'], fallback],
    [['marketing'], { department: 'marketing', role: 'member' }],
    // rule order decides, not claim order
    [['marketing', 'crm-admins'], { department: 'management', role: 'admin' }],
    // case does not matter (an Entra object id may come in capitals)
    [['8F2C1E0A-0000-4000-8000-000000000001'], { department: 'sales', role: 'member' }],
    // a group must match whole
    [['marketing-extern'], fallback],
  ])('%j → %j', (groups, expected) => {
    expect(mapGroups(rules, groups, fallback)).toEqual(expected);
  });

  it('without rules gives the default', () => {
    expect(mapGroups([], ['crm-admins'], fallback)).toEqual(fallback);
  });
});

describe('claims and hosts', () => {
  it.each([
    ['anna@Firma.Example', 'firma.example'],
    ['a@b@firma.example', 'firma.example'],
    ['no-at-sign', null],
    ['@firma.example', null],
    ['anna@', null],
  ])('emailDomain(%s) = %s', (email, domain) => {
    expect(emailDomain(email)).toBe(domain);
  });

  it.each([
    [undefined, []],
    ['one', ['one']],
    [
      ['a', 2, 'b', null],
      ['a', 'b'],
    ],
    [{ a: 1 }, []],
  ])('groupsOf(%j) = %j', (claim, groups) => {
    expect(groupsOf(claim)).toEqual(groups);
  });

  it.each([
    ['127.0.0.1', true],
    ['127.10.0.3', true],
    ['localhost', true],
    ['[::1]', true],
    ['128.0.0.1', false],
    ['127.0.0.1.example.com', false],
    ['login.microsoftonline.com', false],
  ])('isLoopbackHost(%s) = %s', (host, loopback) => {
    expect(isLoopbackHost(host)).toBe(loopback);
  });
});
