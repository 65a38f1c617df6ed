import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ipaddr from 'ipaddr.js';
import { z } from 'zod';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

const flag = (fallback: boolean) =>
  z
    .enum(['0', '1', 'true', 'false', 'yes', 'no'])
    .optional()
    .transform((v) => (v === undefined ? fallback : ['1', 'true', 'yes'].includes(v)));

const Env = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default('localhost'),
  DATABASE_URL: z
    .string()
    .regex(
      /^postgres(ql)?:\/\//,
      'DATABASE_URL must start with postgres:// (leave it unset for the embedded SQLite database)',
    )
    .optional(),
  NENNER_DATA_DIR: z.string().default(path.join(repoRoot, 'data')),
  /**
   * The demo workspace on an empty database: by default only on the embedded SQLite file, never on a
   * DATABASE_URL unless `1` (issue 15); `0` never.
   */
  NENNER_DEMO: z.enum(['0', '1', 'true', 'false', 'yes', 'no']).optional(),
  /** The demo users' password (tests, demos on stage); unset: generated per install and printed once. */
  NENNER_DEMO_PASSWORD: z.string().min(10).optional(),
  NENNER_ADMIN_EMAIL: z.email().optional(),
  NENNER_ADMIN_PASSWORD: z.string().min(10).optional(),
  /**
   * The reverse proxies whose X-Forwarded-For is believed, as Fastify's `trustProxy` takes them: addresses
   * and CIDRs (`10.0.0.0/8,127.0.0.1`) or a hop count (`1`). Unset or `0`: none (issue 15: `true`, which
   * believed any client, is refused).
   */
  NENNER_TRUST_PROXY: z
    .string()
    .trim()
    .optional()
    .transform((v, ctx): false | number | string[] => {
      if (v === undefined || v === '' || v === '0' || v === 'false' || v === 'no') return false;
      if (/^\d+$/.test(v)) return Number(v);
      const list = v.split(/[\s,]+/).filter(Boolean);
      const bad = list.filter((a) => !ipaddr.isValid(a) && !ipaddr.isValidCIDR(a));
      if (bad.length) {
        ctx.addIssue({
          code: 'custom',
          message: `NENNER_TRUST_PROXY takes the proxies' addresses or CIDRs (e.g. 10.0.0.0/8,127.0.0.1) or a hop count, not ${bad.join(', ')}`,
        });
        return z.NEVER;
      }
      return list;
    }),
  NENNER_WEB_DIST: z.string().default(path.join(repoRoot, 'packages/web/dist')),
  NENNER_LOGIN_MAX_FAILURES_ACCOUNT: z.coerce.number().int().min(1).default(5),
  NENNER_LOGIN_MAX_FAILURES_IP: z.coerce.number().int().min(1).default(30),
  /** The first delay of an account past its failure limit; it doubles with each failure, up to 60 times this. */
  NENNER_LOGIN_DELAY_SECONDS: z.coerce.number().min(0.1).max(60).default(1),
  NENNER_SESSION_DAYS: z.coerce.number().int().min(1).default(30),
  NENNER_PUBLIC_URL: z.url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must look like smtp://user:pass@host:587')
    .optional(),
  MAIL_FROM: z.string().default('Nenner <nenner@localhost>'),
  NENNER_WORKER: flag(true),
  NENNER_FORM_POSTS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  /** Keys the suppression list's email hashes and the unsubscribe links (HMAC); kept in the database when unset. */
  NENNER_SECRET: z.string().min(16).optional(),
  /** Unconfirmed double opt-in contacts are deleted after this many days (DSGVO retention). */
  NENNER_DOI_RETENTION_DAYS: z.coerce.number().int().min(1).default(30),
  NODE_ENV: z.string().optional(),
  /** Checks every response body against its documented schema (on by default outside production). */
  NENNER_VALIDATE_RESPONSES: flag(true),
  /** Webhooks may call http:// URLs in production too (https only otherwise). */
  NENNER_WEBHOOK_ALLOW_HTTP: flag(false),
  /**
   * Single sign-on may use an http:// issuer, but only one on a loopback address (a provider started by the
   * tests or on a developer's machine); an https issuer needs nothing. Off unless set.
   */
  NENNER_SSO_ALLOW_HTTP_LOOPBACK: flag(false),
  /** CIDRs webhooks may reach although private (e.g. `10.0.0.0/8,127.0.0.0/8`); metadata addresses stay blocked. */
  NENNER_WEBHOOK_ALLOW_PRIVATE: z
    .string()
    .default('')
    .transform((v) => v.split(/[\s,]+/).filter(Boolean))
    .refine((list) => list.every((c) => ipaddr.isValidCIDR(c)), 'NENNER_WEBHOOK_ALLOW_PRIVATE must list CIDRs'),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  /** `json` (default): one JSON record a line, for a log collector; `pretty`: readable lines for development. */
  LOG_FORMAT: z.enum(['json', 'pretty']).default('json'),
  /** GET /metrics answers only with `Authorization: Bearer <this>` (unless served on its own port). */
  NENNER_METRICS_TOKEN: z.string().min(16).optional(),
  /** Serves GET /metrics on this port only (bound to HOST), not on the app's port. */
  NENNER_METRICS_PORT: z.coerce.number().int().min(1).max(65535).optional(),
  /** How often the SLA breach check and the task reminders run (ms); every instance tries, one runs it. */
  NENNER_SWEEP_INTERVAL_MS: z.coerce.number().int().min(100).default(30_000),
});

export type Config = ReturnType<typeof toConfig>;

const toConfig = (env: z.infer<typeof Env>) => ({
  port: env.PORT,
  host: env.HOST,
  database: env.DATABASE_URL
    ? ({ kind: 'postgres', url: env.DATABASE_URL } as const)
    : ({ kind: 'sqlite', file: path.join(env.NENNER_DATA_DIR, 'nenner.sqlite') } as const),
  demo: env.NENNER_DEMO === undefined ? !env.DATABASE_URL : ['1', 'true', 'yes'].includes(env.NENNER_DEMO),
  demoPassword: env.NENNER_DEMO_PASSWORD ?? null,
  admin:
    env.NENNER_ADMIN_EMAIL && env.NENNER_ADMIN_PASSWORD
      ? { email: env.NENNER_ADMIN_EMAIL, password: env.NENNER_ADMIN_PASSWORD }
      : null,
  trustProxy: env.NENNER_TRUST_PROXY,
  webDist: env.NENNER_WEB_DIST,
  login: {
    maxFailuresPerAccount: env.NENNER_LOGIN_MAX_FAILURES_ACCOUNT,
    maxFailuresPerIp: env.NENNER_LOGIN_MAX_FAILURES_IP,
    delayBaseMs: env.NENNER_LOGIN_DELAY_SECONDS * 1000,
    windowMs: 15 * 60 * 1000,
  },
  sessionDays: env.NENNER_SESSION_DAYS,
  publicUrl: (env.NENNER_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
  mail: { smtpUrl: env.SMTP_URL ?? null, from: env.MAIL_FROM },
  worker: env.NENNER_WORKER,
  formPostsPerMinute: env.NENNER_FORM_POSTS_PER_MINUTE,
  gdpr: { secret: env.NENNER_SECRET ?? null, doiRetentionDays: env.NENNER_DOI_RETENTION_DAYS },
  logLevel: env.LOG_LEVEL,
  logFormat: env.LOG_FORMAT,
  metrics: { token: env.NENNER_METRICS_TOKEN ?? null, port: env.NENNER_METRICS_PORT ?? null },
  sweepIntervalMs: env.NENNER_SWEEP_INTERVAL_MS,
  webhooks: {
    allowHttp: env.NODE_ENV !== 'production' || env.NENNER_WEBHOOK_ALLOW_HTTP,
    allowPrivate: env.NENNER_WEBHOOK_ALLOW_PRIVATE,
  },
  sso: { allowHttpLoopback: env.NENNER_SSO_ALLOW_HTTP_LOOPBACK },
  validateResponses: env.NODE_ENV === 'production' ? false : env.NENNER_VALIDATE_RESPONSES,
});

/**
 * The trust setting as Fastify's `trustProxy` takes it: a list as is; a hop count as the function Fastify
 * itself makes of one (its typings leave the number out); false for none.
 */
export const fastifyTrustProxy = (
  trust: Config['trustProxy'],
): false | string[] | ((address: string, hop: number) => boolean) =>
  typeof trust === 'number' ? (_address, hop) => hop < trust : trust;

/** Parses the environment once, at boot. Defaults make `npm start` work on an empty machine. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return toConfig(parsed.data);
};
