import type { AppContext } from '../../src/context.js';
import type { BenchContext, Benchmark } from '../lib/context.js';
import { log } from '../lib/env.js';
import { get, measureReport } from '../lib/phases.js';
import { openCapturing } from '../queries.js';

/** Series this benchmark creates carry this prefix, so a run removes them (and an aborted run's) again. */
const PREFIX = 'Bench · ';
/** The agenda target of issue 11 (p50, SQLite). */
const TARGET_MS = 500;

/** Removes this benchmark's series with everything stored about them, their audit entries and queued invitations. */
const removeBenchSeries = async (fx: BenchContext['fx']) => {
  const ours = `select id from meeting_series where title like '${PREFIX}%'`;
  const occurrences = `select id from meeting_occurrences where series_id in (${ours})`;
  await fx.query(`delete from meeting_agenda_items where occurrence_id in (${occurrences})`);
  await fx.query(`delete from meeting_decisions where occurrence_id in (${occurrences})`);
  await fx.query(`delete from meeting_ratings where occurrence_id in (${occurrences})`);
  await fx.query(`delete from meeting_occurrences where series_id in (${ours})`);
  await fx.query(`delete from meeting_participants where series_id in (${ours})`);
  await fx.query(`delete from timeline_entries where entity_type = 'meeting' and entity_id in (${ours})`);
  await fx.query(`delete from jobs where name = 'send_email' and payload like '%${PREFIX}%'`);
  const [r] = await fx.query(`delete from meeting_series where title like '${PREFIX}%'`);
  return Number(r?.changes ?? 0);
};

/**
 * Creates a weekly series through the meetings service (the admin as host; a marketing and a sales user
 * take part), first meeting `first` at 09:00 in the workspace's zone, so its second occurrence's window
 * runs from the first to the second.
 */
const createBenchSeries = async (ctx: AppContext, fx: BenchContext['fx'], first: string) => {
  const { createMeeting } = await import('../../src/modules/meetings/meetings.service.js');
  const { CreateMeetingInput } = await import('@nenner/shared');
  const userOf = async (email: string) => {
    const [u] = await fx.query('select id, name from users where email = ?', [email]);
    if (!u) throw new Error(`meetings: no user ${email} in the bench data`);
    return { id: String(u.id), name: String(u.name), email };
  };
  const admin = await userOf('sabine.brandt@nenner.demo');
  const actor = {
    ...admin,
    department: 'management' as const,
    role: 'admin' as const,
    locale: 'de' as const,
    timeZone: 'Europe/Berlin',
    via: 'session' as const,
    credentialId: '',
  };
  const marketing = (await userOf('lena.vogt@nenner.demo')).id;
  const sales = (await userOf(fx.actorEmail)).id;
  return createMeeting(
    ctx,
    actor,
    CreateMeetingInput.parse({
      title: `${PREFIX}Marketing & Sales weekly`,
      cadence: 'weekly',
      startsAt: `${first}T09:00`,
      durationMinutes: 60,
      participantIds: [marketing, sales],
    }),
  );
};
export const meetings: Benchmark = async (b) => {
  const { engine, target, fx, nenner, cookie, explain } = b;
  const { addDays } = await import('@nenner/shared');
  const { getOccurrence, listOccurrences } = await import('../../src/modules/meetings/occurrences.service.js');
  const capturing = openCapturing(engine, target);
  try {
    const removed = await removeBenchSeries(fx);
    if (removed > 0) log(`  meetings: removed ${removed} series of an earlier run`);
    const last = fx.reportPeriod.to;
    const first = addDays(last, -7);
    const series = await createBenchSeries(capturing.ctx, fx, first);
    const [occurrence] = await listOccurrences(capturing.ctx, series.id, {
      from: `${last}T00:00:00Z`,
      to: `${addDays(last, 1)}T00:00:00Z`,
    });
    if (!occurrence) throw new Error(`meetings: no occurrence of the series on ${last}`);
    log(
      `  meetings: created a weekly series from ${first} (${series.participants.map((p) => `${p.name}, ${p.department}`).join('; ')}); occurrence ${occurrence.startsAt}`,
    );

    const occurrencePath = `/api/occurrences/${encodeURIComponent(occurrence.id)}`;
    const check = (await get(`${nenner.url}${occurrencePath}`, { cookie })) as {
      windowFrom?: string | null;
      windowTo?: string | null;
      generatedAt?: string | null;
      agenda?: { section: string; kind: string }[];
    };
    if (!check.agenda || check.generatedAt !== null)
      throw new Error(`meetings: ${JSON.stringify(check).slice(0, 300)}`);
    const kinds = new Map<string, number>();
    for (const i of check.agenda) kinds.set(`${i.section}.${i.kind}`, (kinds.get(`${i.section}.${i.kind}`) ?? 0) + 1);
    log(
      `  meetings: GET ${occurrencePath}: window ${check.windowFrom} – ${check.windowTo}, ${check.agenda.length} items: ` +
        [...kinds].map(([k, n]) => `${n} ${k}`).join(', '),
    );
    await measureReport(
      b,
      capturing,
      {
        versions: ['facts', 'attribution'],
        bench: `agenda (${check.agenda.length} items)`,
        pathAndQuery: occurrencePath,
        targetMs: { warm: TARGET_MS, cold: TARGET_MS, fresh: TARGET_MS },
      },
      (ctx) => getOccurrence(ctx, occurrence.id),
    );

    if (explain) await explain.plan('agenda of an occurrence', (ctx) => getOccurrence(ctx, occurrence.id));
  } finally {
    const n = await removeBenchSeries(fx);
    log(`  meetings: removed the ${n} bench series`);
    await capturing.close();
  }
};
