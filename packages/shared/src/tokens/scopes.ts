/*
 * What a personal API token may reach (issue 19). A token carries a set of scopes:
 *
 * - access: `read` lets it send GET requests; `write` lets it send every method (POST, PUT, PATCH,
 *   DELETE — and GET, since a token that may change records may read them). A token has at least one.
 * - areas: `contacts`, `accounts`, `deals`, `campaigns`, `leads`, `reports`, `admin`. A token without any
 *   area scope reaches every endpoint; a token with area scopes reaches only endpoints of those areas —
 *   endpoints that belong to no area (tasks, meetings, the token list itself, …) are closed to it.
 *
 * An endpoint's area comes from its contract entry's path, in one place (`areaOfPath`): the first segment
 * after `/api/`. Scopes only ever take rights away: the user's role and the policies still decide, so a
 * token never has more rights than its user. A token stored without scopes (made before scopes existed)
 * is a full read-write token.
 */

export const tokenAccessScopes = ['read', 'write'] as const;
export const tokenAreas = ['contacts', 'accounts', 'deals', 'campaigns', 'leads', 'reports', 'admin'] as const;
export const tokenScopes = [...tokenAccessScopes, ...tokenAreas] as const;

export type TokenAccessScope = (typeof tokenAccessScopes)[number];
export type TokenArea = (typeof tokenAreas)[number];
export type TokenScope = (typeof tokenScopes)[number];

/** What a token made before scopes existed, or made without naming any, may do: everything its user may. */
export const fullTokenScopes: readonly TokenScope[] = ['read', 'write'];

/** The area of each first path segment after `/api/`; a segment not listed belongs to no area. */
const areaOfSegment: Readonly<Record<string, TokenArea>> = {
  contacts: 'contacts',
  accounts: 'accounts',
  deals: 'deals',
  pipelines: 'deals',
  campaigns: 'campaigns',
  touchpoints: 'campaigns',
  leads: 'leads',
  handoffs: 'leads',
  forms: 'leads',
  reports: 'reports',
  dashboards: 'reports',
  users: 'admin',
  teams: 'admin',
  settings: 'admin',
  webhooks: 'admin',
};

/** The area an endpoint belongs to, from its path (`/api/contacts/:id/notes` → `contacts`), or null. */
export const areaOfPath = (path: string): TokenArea | null => {
  const segment = /^\/api\/([^/?]+)/.exec(path)?.[1];
  return (segment && Object.hasOwn(areaOfSegment, segment) ? areaOfSegment[segment] : undefined) ?? null;
};

const isArea = (s: TokenScope): s is TokenArea => (tokenAreas as readonly string[]).includes(s);

/** Whether the method only reads (GET, HEAD): `read` suffices for it. */
const reads = (method: string): boolean => method === 'GET' || method === 'HEAD';

/**
 * Whether a token with these scopes may make a request of this method to an endpoint of this area. Null
 * scopes (a token from before scopes, or a session) may make every request.
 */
export const scopesAllow = (
  scopes: readonly TokenScope[] | null | undefined,
  method: string,
  area: TokenArea | null,
): boolean => {
  if (!scopes) return true;
  const access = scopes.includes('write') || (reads(method) && scopes.includes('read'));
  if (!access) return false;
  const areas = scopes.filter(isArea);
  return areas.length === 0 || (area !== null && areas.includes(area));
};

/**
 * Whether every request `wanted` allows, `held` allows too: a token made with a token may not reach
 * further than the one that made it.
 */
export const scopesWithin = (
  wanted: readonly TokenScope[],
  held: readonly TokenScope[] | null | undefined,
): boolean => {
  if (!held) return true;
  if (wanted.includes('write') && !held.includes('write')) return false;
  const heldAreas = held.filter(isArea);
  if (heldAreas.length === 0) return true;
  const wantedAreas = wanted.filter(isArea);
  return wantedAreas.length > 0 && wantedAreas.every((a) => heldAreas.includes(a));
};

/** Scopes in the order of `tokenScopes`, each once: how they are stored and shown. */
export const normalizeScopes = (scopes: readonly TokenScope[]): TokenScope[] =>
  tokenScopes.filter((s) => scopes.includes(s));
