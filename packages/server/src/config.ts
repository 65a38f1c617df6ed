import path from 'node:path';
import { fileURLToPath } from 'node:url';
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
  NENNER_DEMO: flag(true),
  NENNER_ADMIN_EMAIL: z.email().optional(),
  NENNER_ADMIN_PASSWORD: z.string().min(10).optional(),
  NENNER_TRUST_PROXY: flag(false),
  NENNER_WEB_DIST: z.string().default(path.join(repoRoot, 'packages/web/dist')),
  NENNER_LOGIN_MAX_FAILURES_ACCOUNT: z.coerce.number().int().min(1).default(5),
  NENNER_LOGIN_MAX_FAILURES_IP: z.coerce.number().int().min(1).default(30),
  NENNER_SESSION_DAYS: z.coerce.number().int().min(1).default(30),
  NENNER_PUBLIC_URL: z.url().optional(),
  SMTP_URL: z
    .string()
    .regex(/^smtps?:\/\//, 'SMTP_URL must look like smtp://user:pass@host:587')
    .optional(),
  MAIL_FROM: z.string().default('Nenner <nenner@localhost>'),
  NENNER_WORKER: flag(true),
  NENNER_FORM_POSTS_PER_MINUTE: z.coerce.number().int().min(1).default(60),
  NODE_ENV: z.string().optional(),
  /** Checks every response body against its documented schema (on by default outside production). */
  NENNER_VALIDATE_RESPONSES: flag(true),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

export type Config = ReturnType<typeof toConfig>;

const toConfig = (env: z.infer<typeof Env>) => ({
  port: env.PORT,
  host: env.HOST,
  database: env.DATABASE_URL
    ? ({ kind: 'postgres', url: env.DATABASE_URL } as const)
    : ({ kind: 'sqlite', file: path.join(env.NENNER_DATA_DIR, 'nenner.sqlite') } as const),
  demo: env.NENNER_DEMO,
  admin:
    env.NENNER_ADMIN_EMAIL && env.NENNER_ADMIN_PASSWORD
      ? { email: env.NENNER_ADMIN_EMAIL, password: env.NENNER_ADMIN_PASSWORD }
      : null,
  trustProxy: env.NENNER_TRUST_PROXY,
  webDist: env.NENNER_WEB_DIST,
  login: {
    maxFailuresPerAccount: env.NENNER_LOGIN_MAX_FAILURES_ACCOUNT,
    maxFailuresPerIp: env.NENNER_LOGIN_MAX_FAILURES_IP,
    windowMs: 15 * 60 * 1000,
  },
  sessionDays: env.NENNER_SESSION_DAYS,
  publicUrl: (env.NENNER_PUBLIC_URL ?? `http://localhost:${env.PORT}`).replace(/\/$/, ''),
  mail: { smtpUrl: env.SMTP_URL ?? null, from: env.MAIL_FROM },
  worker: env.NENNER_WORKER,
  formPostsPerMinute: env.NENNER_FORM_POSTS_PER_MINUTE,
  logLevel: env.LOG_LEVEL,
  validateResponses: env.NODE_ENV === 'production' ? false : env.NENNER_VALIDATE_RESPONSES,
});

/** Parses the environment once, at boot. Defaults make `npm start` work on an empty machine. */
export const loadConfig = (env: NodeJS.ProcessEnv = process.env): Config => {
  const parsed = Env.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return toConfig(parsed.data);
};
