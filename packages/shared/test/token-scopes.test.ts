import { describe, expect, it } from 'vitest';
import { contract } from '../src/contract/index.js';
import {
  areaOfPath,
  normalizeScopes,
  scopesAllow,
  scopesWithin,
  type TokenArea,
  type TokenScope,
  tokenAreas,
} from '../src/tokens/scopes.js';

describe('the area of an endpoint, from its path', () => {
  it.each([
    ['/api/contacts', 'contacts'],
    ['/api/contacts/:id/notes', 'contacts'],
    ['/api/contacts/merge', 'contacts'],
    ['/api/accounts/:id/timeline', 'accounts'],
    ['/api/deals/board', 'deals'],
    ['/api/pipelines/:id', 'deals'],
    ['/api/campaigns/:id/costs/:costId', 'campaigns'],
    ['/api/touchpoints', 'campaigns'],
    ['/api/leads', 'leads'],
    ['/api/handoffs/:id/accept', 'leads'],
    ['/api/forms', 'leads'],
    ['/api/reports/funnel', 'reports'],
    ['/api/dashboards/:id', 'reports'],
    ['/api/users', 'admin'],
    ['/api/teams/:id', 'admin'],
    ['/api/settings/sla', 'admin'],
    ['/api/webhooks/:id/test', 'admin'],
    ['/api/tasks', null],
    ['/api/tokens', null],
    ['/api/auth/me', null],
    ['/api/meetings', null],
    ['/api/contactsx', null],
    ['/api/constructor', null],
    ['/api/__proto__', null],
    ['/cal/:file', null],
  ] as [string, TokenArea | null][])('%s → %s', (path, area) => {
    expect(areaOfPath(path)).toBe(area);
  });

  it('every area has endpoints to read and endpoints to write in the contract', () => {
    const seen = new Set<string>();
    for (const e of Object.values(contract)) {
      const area = areaOfPath(e.path);
      if (area) seen.add(`${area} ${e.method === 'GET' ? 'read' : 'write'}`);
    }
    for (const area of tokenAreas) {
      expect(seen).toContain(`${area} read`);
      expect(seen).toContain(`${area} write`);
    }
  });
});

describe('what scopes allow', () => {
  const R: TokenScope[] = ['read'];
  const W: TokenScope[] = ['write'];
  it.each([
    // scopes, method, endpoint area, allowed
    [null, 'POST', 'admin', true],
    [R, 'GET', 'contacts', true],
    [R, 'GET', null, true],
    [R, 'HEAD', 'deals', true],
    [R, 'POST', 'contacts', false],
    [R, 'PATCH', null, false],
    [R, 'DELETE', 'accounts', false],
    [W, 'GET', 'contacts', true],
    [W, 'PUT', 'admin', true],
    [W, 'DELETE', null, true],
    [['read', 'contacts'], 'GET', 'contacts', true],
    [['read', 'contacts'], 'GET', 'accounts', false],
    [['read', 'contacts'], 'GET', null, false],
    [['read', 'contacts'], 'POST', 'contacts', false],
    [['write', 'contacts'], 'POST', 'contacts', true],
    [['write', 'contacts'], 'GET', 'contacts', true],
    [['write', 'contacts'], 'POST', 'accounts', false],
    [['write', 'contacts', 'deals'], 'PATCH', 'deals', true],
    [['write', 'contacts', 'deals'], 'PATCH', 'campaigns', false],
    [['read', 'write', 'reports'], 'POST', 'reports', true],
    [['contacts'], 'GET', 'contacts', false],
    [[], 'GET', null, false],
  ] as [TokenScope[] | null, string, TokenArea | null, boolean][])('%j %s %s → %s', (scopes, method, area, ok) => {
    expect(scopesAllow(scopes, method, area)).toBe(ok);
  });
});

describe('a token made with a token reaches no further', () => {
  it.each([
    [['read', 'write'], null, true],
    [['read', 'write'], ['write'], true],
    [['write'], ['read'], false],
    [['read'], ['read'], true],
    [['read', 'contacts'], ['write'], true],
    [['read'], ['write', 'contacts'], false],
    [['read', 'contacts'], ['write', 'contacts'], true],
    [['write', 'contacts'], ['write', 'contacts'], true],
    [['write', 'contacts', 'deals'], ['write', 'contacts'], false],
    [['read', 'accounts'], ['read', 'contacts'], false],
  ] as [TokenScope[], TokenScope[] | null, boolean][])('%j within %j → %s', (wanted, held, ok) => {
    expect(scopesWithin(wanted, held)).toBe(ok);
  });
});

describe('stored order', () => {
  it('puts access first, then the areas in their order, each once', () => {
    expect(normalizeScopes(['admin', 'contacts', 'read', 'contacts', 'write'])).toEqual([
      'read',
      'write',
      'contacts',
      'admin',
    ]);
  });
});
