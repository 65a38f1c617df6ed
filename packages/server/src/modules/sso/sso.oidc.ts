import * as oidc from 'openid-client';
import type { AppContext } from '../../context.js';

/**
 * The OpenID Connect client side, through openid-client: the provider's metadata and keys come from its
 * discovery document (cached a while per issuer and client), the ID token is checked by the library.
 */

const DISCOVERY_TTL_MS = 10 * 60 * 1000;
const cache = new Map<string, { at: number; config: Promise<oidc.Configuration> }>();

/** Whether the host is a loopback address (127.0.0.0/8, ::1, localhost). */
export const isLoopbackHost = (hostname: string): boolean => {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase();
  return h === 'localhost' || h === '::1' || /^127(\.\d{1,3}){3}$/.test(h);
};

/**
 * Whether the server may talk to this issuer: https always; plain http only on a loopback address and only
 * with NENNER_SSO_ALLOW_HTTP_LOOPBACK (tests, a developer's machine), never to a host elsewhere.
 */
export const issuerAllowed = (ctx: AppContext, issuer: string): boolean => {
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return false;
  }
  if (url.protocol === 'https:') return true;
  return url.protocol === 'http:' && ctx.config.sso.allowHttpLoopback && isLoopbackHost(url.hostname);
};

export interface ClientSettings {
  issuer: string;
  clientId: string;
  clientSecret: string | null;
}

/** The client configuration for the provider, from its discovery document (cached for ten minutes). */
export const clientConfiguration = (ctx: AppContext, s: ClientSettings): Promise<oidc.Configuration> => {
  const key = JSON.stringify([s.issuer, s.clientId, s.clientSecret]);
  const hit = cache.get(key);
  if (hit && Date.now() - hit.at < DISCOVERY_TTL_MS) return hit.config;
  const insecure = new URL(s.issuer).protocol === 'http:';
  if (insecure && !issuerAllowed(ctx, s.issuer)) return Promise.reject(new Error('http issuer not allowed'));
  const config = oidc.discovery(
    new URL(s.issuer),
    s.clientId,
    s.clientSecret ?? undefined,
    s.clientSecret ? oidc.ClientSecretBasic(s.clientSecret) : oidc.None(),
    insecure ? { execute: [oidc.allowInsecureRequests], timeout: 10 } : { timeout: 10 },
  );
  cache.set(key, { at: Date.now(), config });
  // a failed discovery is not kept: the next sign-in tries again
  config.catch(() => cache.delete(key));
  return config;
};

/** Forgets the cached discovery (after the settings changed). */
export const forgetClientConfigurations = (): void => cache.clear();

export { oidc };
