import dns from 'node:dns';
import type { LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/**
 * SSRF defence for URLs users type in (webhooks): which targets the server may call. A URL is checked when
 * it is saved and again when the connection is made, against the address resolved and pinned for that very
 * connection (`pinnedLookup`), so a DNS answer that changes in between is caught.
 *
 * The WHATWG URL parser already turns decimal, octal, hex and short IPv4 spellings (`2130706433`,
 * `0177.0.0.1`, `0x7f.1`, `127.1`) into dotted quads, so the address rules see them as what they are.
 */

/** The rule a target broke; named in the 400 `url_not_allowed` and in the delivery log. */
export type SsrfRule =
  | 'invalid_url'
  | 'scheme'
  | 'https_required'
  | 'credentials'
  | 'local_name'
  | 'metadata'
  | 'loopback'
  | 'private'
  | 'link_local'
  | 'carrier_grade_nat'
  | 'unspecified'
  | 'multicast'
  | 'broadcast'
  | 'unique_local'
  | 'reserved'
  | 'unresolvable';

export interface SsrfPolicy {
  /** http:// besides https:// (outside production, or NENNER_WEBHOOK_ALLOW_HTTP=1). */
  allowHttp: boolean;
  /** CIDRs allowed although private (NENNER_WEBHOOK_ALLOW_PRIVATE); metadata addresses stay blocked. */
  allowPrivate: readonly string[];
}

export class SsrfError extends Error {
  readonly code = 'ESSRF';
  constructor(
    readonly rule: SsrfRule,
    detail: string,
  ) {
    super(`${rule}: ${detail}`);
  }
}

type Ip = ipaddr.IPv4 | ipaddr.IPv6;

/** Cloud metadata services (AWS, GCP, Azure, OpenStack: 169.254.169.254; ECS; Alibaba; Oracle; AWS over IPv6). */
const metadataAddresses = ['169.254.169.254', '169.254.170.2', '100.100.100.200', '192.0.0.192', 'fd00:ec2::254'].map(
  (a) => ipaddr.parse(a).toNormalizedString(),
);
const metadataNames = new Set(['metadata.google.internal', 'metadata.goog', 'metadata', 'instance-data']);

/** ipaddr.js range names → our rules; `unicast` passes. */
const ruleOfRange: Record<string, SsrfRule> = {
  loopback: 'loopback',
  private: 'private',
  linkLocal: 'link_local',
  carrierGradeNat: 'carrier_grade_nat',
  unspecified: 'unspecified',
  multicast: 'multicast',
  broadcast: 'broadcast',
  uniqueLocal: 'unique_local',
  deprecatedSiteLocal: 'unique_local',
};

/**
 * The IPv4 address an IPv6 address carries, for the forms that reach it: IPv4-mapped (`::ffff:a.b.c.d`),
 * IPv4-compatible (`::a.b.c.d`), NAT64 (`64:ff9b::/96`) and 6to4 (`2002:AABB:CCDD::/48`).
 */
const embeddedIpv4 = (ip: ipaddr.IPv6): ipaddr.IPv4 | null => {
  const p = ip.parts;
  const fromWords = (hi: number, lo: number) => new ipaddr.IPv4([hi >> 8, hi & 0xff, lo >> 8, lo & 0xff]);
  if (ip.isIPv4MappedAddress()) return ip.toIPv4Address();
  const [a = 0, b = 0, c = 0, d = 0, e = 0, f = 0, g = 0, h = 0] = p;
  if (a === 0 && b === 0 && c === 0 && d === 0 && e === 0 && f === 0 && (g !== 0 || h > 1)) return fromWords(g, h);
  if (a === 0x64 && b === 0xff9b && c === 0 && d === 0 && e === 0 && f === 0) return fromWords(g, h);
  if (a === 0x2002) return fromWords(b, c);
  return null;
};

const inAllowList = (ip: Ip, allow: readonly string[]) =>
  allow.some((cidr) => {
    const [range, bits] = ipaddr.parseCIDR(cidr);
    return range.kind() === ip.kind() && ip.match(range, bits);
  });

/** The rule an address breaks, or null when the server may connect to it. */
export const addressRule = (address: string, policy: Pick<SsrfPolicy, 'allowPrivate'>): SsrfRule | null => {
  if (!ipaddr.isValid(address)) return 'invalid_url';
  const parsed = ipaddr.parse(address);
  const ip: Ip = parsed.kind() === 'ipv6' ? (embeddedIpv4(parsed as ipaddr.IPv6) ?? parsed) : parsed;
  if (metadataAddresses.includes(ip.toNormalizedString())) return 'metadata';
  const range = ip.range();
  if (range === 'unicast') return null;
  if (inAllowList(ip, policy.allowPrivate)) return null;
  return ruleOfRange[range] ?? 'reserved';
};

const bareHost = (hostname: string) =>
  (hostname.startsWith('[') && hostname.endsWith(']') ? hostname.slice(1, -1) : hostname).replace(/\.$/, '');

/**
 * Checks what a URL says on its own: scheme, credentials, host names that are local by definition, and an
 * IP literal in any spelling. Returns the parsed URL; throws `SsrfError` naming the rule.
 */
export const checkUrlShape = (raw: string, policy: SsrfPolicy): URL => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new SsrfError('invalid_url', 'not an absolute URL');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new SsrfError('scheme', `${url.protocol} is not http or https`);
  }
  if (url.protocol === 'http:' && !policy.allowHttp) throw new SsrfError('https_required', 'use https://');
  if (url.username || url.password) throw new SsrfError('credentials', 'no user name or password in the URL');
  const host = bareHost(url.hostname).toLowerCase();
  if (metadataNames.has(host)) throw new SsrfError('metadata', `${host} is a cloud metadata service`);
  // RFC 6761: these names are the local host whatever DNS says; other names are judged by what they resolve to
  if (host === 'localhost' || host.endsWith('.localhost')) throw new SsrfError('local_name', `${host} is this host`);
  if (ipaddr.isValid(host)) {
    const rule = addressRule(host, policy);
    if (rule) throw new SsrfError(rule, `${host} is not a public address`);
  }
  return url;
};

export type Resolver = (hostname: string) => Promise<{ address: string; family: number }[]>;

const systemResolver: Resolver = (hostname) => dns.promises.lookup(hostname, { all: true, verbatim: true });
let resolver: Resolver = systemResolver;

/** Swaps the DNS resolver the checks use (tests: an answer that changes between check and connection). */
export const setResolver = (r: Resolver | null): void => {
  resolver = r ?? systemResolver;
};

/** The addresses a host resolves to, every one of them allowed; throws `SsrfError` otherwise. */
export const resolveAllowed = async (hostname: string, policy: SsrfPolicy) => {
  const host = bareHost(hostname);
  if (ipaddr.isValid(host)) {
    const rule = addressRule(host, policy);
    if (rule) throw new SsrfError(rule, `${host} is not a public address`);
    return [{ address: host, family: host.includes(':') ? 6 : 4 }];
  }
  let answers: { address: string; family: number }[];
  try {
    answers = await resolver(host);
  } catch (err) {
    throw new SsrfError('unresolvable', `${host} does not resolve (${(err as NodeJS.ErrnoException).code ?? 'error'})`);
  }
  if (answers.length === 0) throw new SsrfError('unresolvable', `${host} has no address`);
  for (const a of answers) {
    const rule = addressRule(a.address, policy);
    if (rule) throw new SsrfError(rule, `${host} resolves to ${a.address}`);
  }
  return answers;
};

/**
 * The check when a URL is saved: its shape, and what its host resolves to now. A name that does not
 * resolve yet is accepted (the connection is checked again); one that resolves to a refused address is not.
 */
export const checkUrlAtSave = async (raw: string, policy: SsrfPolicy): Promise<URL> => {
  const url = checkUrlShape(raw, policy);
  try {
    await resolveAllowed(url.hostname, policy);
  } catch (err) {
    if (!(err instanceof SsrfError) || err.rule !== 'unresolvable') throw err;
  }
  return url;
};

/**
 * A `lookup` for http(s).request: resolves once, refuses if any answer is a refused address, and hands the
 * socket exactly the address it checked — the connection cannot go anywhere else.
 */
export const pinnedLookup =
  (policy: SsrfPolicy): LookupFunction =>
  (hostname, options, callback) => {
    resolveAllowed(hostname, policy).then(
      (answers) => {
        const wanted = options.family === 4 || options.family === 6 ? options.family : 0;
        const fitting = answers.filter((a) => wanted === 0 || a.family === wanted);
        const first = fitting[0];
        if (!first) {
          callback(new SsrfError('unresolvable', `${hostname} has no IPv${wanted} address`), '', 0);
          return;
        }
        if (options.all) {
          (callback as unknown as (e: null, a: { address: string; family: number }[]) => void)(null, fitting);
        } else callback(null, first.address, first.family);
      },
      (err: Error) => callback(err as NodeJS.ErrnoException, '', 0),
    );
  };
