import { sql } from 'kysely';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import type { AppContext } from '../context.js';

/*
 * The process's Prometheus metrics (prom-client). Counters are process-wide: each instance reports its
 * own, and Prometheus sums over instances. Gauges that read the database (job queue) are collected at
 * scrape time from the app the scrape asks.
 */

export const registry = new Registry();

/** Connection counts of the database pool (PostgreSQL: pg Pool; SQLite: its one connection). */
export interface PoolStats {
  total: number;
  idle: number;
  waiting: number;
}

const httpDuration = new Histogram({
  name: 'nenner_http_request_duration_seconds',
  help: 'HTTP request durations by route pattern, method and status',
  labelNames: ['route', 'method', 'status'] as const,
  buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10],
  registers: [registry],
});

export const metrics = {
  /** Call with the route pattern (never the URL: ids would explode the label set). */
  observeRequest(route: string, method: string, status: number, seconds: number): void {
    httpDuration.observe({ route, method, status: String(status) }, seconds);
  },
  jobFailures: new Counter({
    name: 'nenner_job_failures_total',
    help: 'Job runs that threw, by job name (a retry counts again)',
    labelNames: ['job'] as const,
    registers: [registry],
  }),
  jobsRun: new Counter({
    name: 'nenner_jobs_run_total',
    help: 'Job runs that finished, by job name',
    labelNames: ['job'] as const,
    registers: [registry],
  }),
  slaBreaches: new Counter({
    name: 'nenner_sla_breaches_total',
    help: 'Handoffs this instance found past their SLA (each breach is counted once, by the instance that flagged it)',
    registers: [registry],
  }),
  mails: new Counter({
    name: 'nenner_mails_total',
    help: 'Mails handed to SMTP, by result (sent, failed)',
    labelNames: ['result'] as const,
    registers: [registry],
  }),
  /** For the webhooks module: `metrics.webhookDeliveries.inc({ result: 'delivered' | 'failed' })`. */
  webhookDeliveries: new Counter({
    name: 'nenner_webhook_deliveries_total',
    help: 'Webhook delivery attempts, by result (delivered, failed)',
    labelNames: ['result'] as const,
    registers: [registry],
  }),
};

type Source = { ctx: AppContext; pool: () => PoolStats };
/** The apps this process serves metrics for (one in production; tests may start several). */
const sources = new Set<Source>();

new Gauge({
  name: 'nenner_db_pool_connections',
  help: 'Database pool connections by state: total, idle, in_use, and requests waiting for one',
  labelNames: ['state'] as const,
  registers: [registry],
  collect() {
    this.reset();
    for (const { pool } of sources) {
      const p = pool();
      this.inc({ state: 'total' }, p.total);
      this.inc({ state: 'idle' }, p.idle);
      this.inc({ state: 'in_use' }, p.total - p.idle);
      this.inc({ state: 'waiting' }, p.waiting);
    }
  },
});

interface JobStats {
  depth: number;
  oldestSeconds: number;
  failed: number;
}

const readJobStats = async (): Promise<JobStats> => {
  const out: JobStats = { depth: 0, oldestSeconds: 0, failed: 0 };
  const now = new Date().toISOString();
  for (const { ctx } of sources) {
    const due = await ctx.db
      .selectFrom('jobs')
      .select([sql<number>`count(*)`.as('n'), sql<string | null>`min(run_at)`.as('oldest')])
      .where('status', '=', 'pending')
      .where('run_at', '<=', now)
      .executeTakeFirstOrThrow();
    out.depth += Number(due.n);
    if (due.oldest) out.oldestSeconds = Math.max(out.oldestSeconds, (Date.now() - Date.parse(due.oldest)) / 1000);
    const gaveUp = await ctx.db
      .selectFrom('jobs')
      .select(sql<number>`count(*)`.as('n'))
      .where('status', '=', 'failed')
      .executeTakeFirstOrThrow();
    out.failed += Number(gaveUp.n);
  }
  return out;
};

// prom-client asks every gauge at once; the three job gauges share one read per scrape
let jobStats: { at: number; value: Promise<JobStats> } | null = null;
const currentJobStats = (): Promise<JobStats> => {
  if (!jobStats || Date.now() - jobStats.at > 500) jobStats = { at: Date.now(), value: readJobStats() };
  return jobStats.value;
};

const jobGauge = (name: string, help: string, pick: (s: JobStats) => number) =>
  new Gauge({
    name,
    help,
    registers: [registry],
    async collect() {
      this.set(pick(await currentJobStats()));
    },
  });

jobGauge('nenner_job_queue_depth', 'Jobs due now and not yet run (pending, run_at in the past)', (s) => s.depth);
jobGauge('nenner_job_oldest_age_seconds', 'How long the oldest due job has been waiting', (s) => s.oldestSeconds);
jobGauge('nenner_jobs_failed', 'Jobs that gave up after their last attempt', (s) => s.failed);

/** Adds an app's database to what /metrics reports; returns the function that removes it (on close). */
export const addMetricsSource = (ctx: AppContext, pool: () => PoolStats): (() => void) => {
  const source = { ctx, pool };
  sources.add(source);
  return () => sources.delete(source);
};

/** The Prometheus text exposition of everything above. */
export const renderMetrics = async (): Promise<{ contentType: string; body: string }> => ({
  contentType: registry.contentType,
  body: await registry.metrics(),
});
