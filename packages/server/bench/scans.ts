/*
 * The baseline of the report benchmarks: how long the raw engine takes to go over a report's inputs once,
 * through the bare driver (better-sqlite3 with Nenner's pragmas, or one pg client), with no framework,
 * no model and no presentation. Two ways: `count` lets the engine aggregate the joined rows itself (the
 * least any SQL plan must read), `read` hands every joined row to JavaScript as an array (the least a
 * report computed in JavaScript must pay; streamed on SQLite, all at once through pg).
 */
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { configureSqlite } from '../src/db/database.js';

export interface Scan {
  /** Milliseconds of each run and the rows seen (count mode: the first column of the single row). */
  run(sql: string, params: (string | number)[], mode: 'count' | 'read'): Promise<{ ms: number; rows: number }>;
  close(): Promise<void>;
}

export const openScan = async (engine: 'sqlite' | 'postgres', target: { file?: string; url?: string }) => {
  if (engine === 'sqlite') {
    const db = configureSqlite(new SQLite(target.file ?? ''));
    const scan: Scan = {
      async run(sql, params, mode) {
        const t = performance.now();
        const statement = db.prepare(sql).raw(true);
        let rows = 0;
        if (mode === 'count') rows = Number((statement.get(...params) as unknown[])[0] ?? 0);
        // streamed: every row becomes a JavaScript array and is dropped, as a report that pages would
        else for (const _ of statement.iterate(...params)) rows++;
        return { ms: performance.now() - t, rows };
      },
      close: async () => {
        db.close();
      },
    };
    return scan;
  }
  const client = new pg.Client({ connectionString: target.url });
  await client.connect();
  const scan: Scan = {
    async run(sql, params, mode) {
      let i = 0;
      const text = sql.replace(/\?/g, () => `$${++i}`);
      const t = performance.now();
      const r = await client.query({ text, values: params, rowMode: 'array' });
      const ms = performance.now() - t;
      return { ms, rows: mode === 'count' ? Number(r.rows[0]?.[0] ?? 0) : r.rows.length };
    },
    close: () => client.end(),
  };
  return scan;
};

/**
 * The attribution report's inputs for one measure: every eligible (deal, contact, touch) row of the
 * period's deals in one currency, with the contact's lead date, touches back to the lookback window's
 * start. Pipeline converts at deal creation, revenue at the win.
 */
export const attributionInputs = (measure: 'pipeline' | 'revenue', mode: 'count' | 'read') => {
  const at = measure === 'pipeline' ? 'd.created_at' : 'd.closed_at';
  const columns =
    mode === 'count'
      ? 'count(*), count(t.campaign_id), count(c.lead_at)'
      : 'd.id, d.amount, d.created_at, d.closed_at, c.lead_at, t.id, t.occurred_at, t.campaign_id, t.type';
  return `select ${columns}
    from deals d
    join deal_contacts dc on dc.deal_id = d.id
    join contacts c on c.id = dc.contact_id
    join touchpoints t on t.contact_id = dc.contact_id and t.occurred_at <= ${at} and t.occurred_at >= ?
   where d.deleted_at is null and d.currency = ? and ${at} >= ? and ${at} < ?${measure === 'revenue' ? ` and d.status = 'won'` : ''}`;
};

/** The funnel's inputs: the stamps of the live contacts that became leads in the period (by channel: with the channel of their source campaign). */
export const funnelInputs = (byChannel: boolean, mode: 'count' | 'read') => {
  const stamps = ['mql_at', 'sal_at', 'sql_at', 'opportunity_at', 'customer_at'];
  const from = byChannel ? 'contacts c left join campaigns k on k.id = c.source_campaign_id' : 'contacts c';
  const where = 'c.deleted_at is null and c.lead_at >= ? and c.lead_at < ?';
  if (mode === 'count') {
    const counts = `count(*), ${stamps.map((s) => `count(c.${s})`).join(', ')}`;
    return byChannel
      ? `select sum(n) from (select k.channel, ${counts.replace('count(*)', 'count(*) as n')} from ${from} where ${where} group by k.channel) g`
      : `select ${counts} from ${from} where ${where}`;
  }
  return `select c.lead_at, ${stamps.map((s) => `c.${s}`).join(', ')}${byChannel ? ', k.channel' : ''} from ${from} where ${where}`;
};
