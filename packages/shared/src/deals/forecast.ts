/**
 * The quarter forecast: what is won, what sales commits to, the best case, and the pipeline weighted
 * by each stage's win probability. Amounts stay in minor units and in their own currency (no
 * conversion): a forecast line exists per currency.
 */

export interface ForecastDeal {
  amount: number;
  currency: string;
  /** Stage win probability in percent (0–100). */
  probability: number;
  status: 'open' | 'won' | 'lost';
  closeDate: string | null;
  ownerId: string | null;
  teamId?: string | null;
}

export interface ForecastFigures {
  currency: string;
  won: number;
  committed: number;
  bestCase: number;
  weighted: number;
  pipeline: number;
  deals: number;
}

/** Open deals at or above this probability count as committed; at or above BEST_CASE as best case. */
export const COMMIT_PROBABILITY = 75;
export const BEST_CASE_PROBABILITY = 25;

/** "2027-Q1" → [first day, first day of the next quarter) as YYYY-MM-DD. */
export const quarterRange = (quarter: string): { from: string; to: string } => {
  const m = /^(\d{4})-Q([1-4])$/.exec(quarter);
  if (!m) throw new Error(`Not a quarter: ${quarter}`);
  const year = Number(m[1]);
  const q = Number(m[2]);
  const pad = (n: number) => String(n).padStart(2, '0');
  const startMonth = (q - 1) * 3 + 1;
  const from = `${year}-${pad(startMonth)}-01`;
  const to = q === 4 ? `${year + 1}-01-01` : `${year}-${pad(startMonth + 3)}-01`;
  return { from, to };
};

/** Figures per currency for deals closing in the quarter (lost deals count nowhere). */
export const forecastQuarter = (deals: ForecastDeal[], quarter: string): ForecastFigures[] => {
  const { from, to } = quarterRange(quarter);
  const byCurrency = new Map<string, ForecastFigures & { weightedExact: number }>();
  for (const d of deals) {
    if (d.status === 'lost' || !d.closeDate || d.closeDate < from || d.closeDate >= to) continue;
    const f = byCurrency.get(d.currency) ?? {
      currency: d.currency,
      won: 0,
      committed: 0,
      bestCase: 0,
      weighted: 0,
      weightedExact: 0,
      pipeline: 0,
      deals: 0,
    };
    f.deals++;
    if (d.status === 'won') {
      f.won += d.amount;
      f.committed += d.amount;
      f.bestCase += d.amount;
      f.weightedExact += d.amount;
    } else {
      f.pipeline += d.amount;
      f.weightedExact += (d.amount * d.probability) / 100;
      if (d.probability >= COMMIT_PROBABILITY) f.committed += d.amount;
      if (d.probability >= BEST_CASE_PROBABILITY) f.bestCase += d.amount;
    }
    byCurrency.set(d.currency, f);
  }
  return [...byCurrency.values()]
    .map(({ weightedExact, ...f }) => ({ ...f, weighted: Math.round(weightedExact) }))
    .sort((a, b) => (a.currency < b.currency ? -1 : 1));
};

/** The same figures per owner (or team), for the forecast table. */
export const forecastBy = (
  deals: ForecastDeal[],
  quarter: string,
  key: (d: ForecastDeal) => string | null,
): { key: string | null; figures: ForecastFigures[] }[] => {
  const groups = new Map<string | null, ForecastDeal[]>();
  for (const d of deals) {
    const k = key(d);
    groups.set(k, [...(groups.get(k) ?? []), d]);
  }
  return [...groups.entries()]
    .map(([k, list]) => ({ key: k, figures: forecastQuarter(list, quarter) }))
    .filter((g) => g.figures.length > 0);
};
