import {
  type AttributionCurrencyResult,
  type AttributionModel,
  type AttributionModelResult,
  attributionModels,
} from '@nenner/shared';

/** The row id the server uses for deals without an eligible touch (also the drill-down id). */
export const UNATTRIBUTED = 'unattributed';

export type ModelCredits = Record<AttributionModel, number>;

export interface AttributionTableRow {
  id: string;
  name: string;
  credits: ModelCredits;
}

/** All models side by side in one currency: one row per campaign/channel/department, the unattributed row and the totals. */
export interface AttributionTable {
  /** The one currency of every amount in the table (never converted). */
  currency: string;
  /** The models the answer holds, in the canonical order. */
  models: AttributionModel[];
  rows: AttributionTableRow[];
  unattributed: ModelCredits;
  /** Rows plus unattributed per model; every model credits the same deals, so these agree. */
  totals: ModelCredits;
}

const zeros = (): ModelCredits => Object.fromEntries(attributionModels.map((m) => [m, 0])) as ModelCredits;

const sum = (credits: ModelCredits, models: readonly AttributionModel[]): number =>
  models.reduce((s, m) => s + credits[m], 0);

type Answer = Partial<Record<AttributionModel, AttributionModelResult>>;

/** A currency of the period: its deals and what they add up to (the same under every model). */
export interface CurrencyTotal {
  currency: string;
  deals: number;
  total: number;
}

/** One model's block for a currency; a currency the model does not list has nothing credited in it. */
const blockOf = (result: AttributionModelResult, currency: string): AttributionCurrencyResult | undefined =>
  result.byCurrency.find((c) => c.currency === currency);

/**
 * Every currency of the answer side by side, in the server's order (the leading currency first), so a
 * table in one currency can say what the others hold.
 */
export const attributionCurrencies = (models: Answer): CurrencyTotal[] => {
  const first = attributionModels.map((m) => models[m]).find((r) => r !== undefined);
  return (first?.byCurrency ?? []).map((c) => ({ currency: c.currency, deals: c.deals, total: c.total }));
};

/**
 * Turns the all-models answer into a table in one currency (by default the answer's leading one). A row
 * missing from one model's answer has 0 there. Rows are ordered by their credit summed over all models
 * (largest first), then by name and id, so the order stays put while the user switches the highlighted
 * model.
 */
export const buildAttributionTable = (models: Answer, currency?: string): AttributionTable => {
  const present = attributionModels.filter((m) => models[m] !== undefined);
  const shown = currency ?? attributionCurrencies(models)[0]?.currency ?? '';
  const byId = new Map<string, AttributionTableRow>();
  const unattributed = zeros();
  for (const m of present) {
    const block = blockOf(models[m] as AttributionModelResult, shown);
    if (!block) continue;
    unattributed[m] = block.unattributed;
    for (const r of block.rows) {
      let row = byId.get(r.id);
      if (!row) {
        row = { id: r.id, name: r.name, credits: zeros() };
        byId.set(r.id, row);
      }
      row.credits[m] += r.credit;
    }
  }
  const rows = [...byId.values()].sort(
    (a, b) =>
      sum(b.credits, present) - sum(a.credits, present) ||
      a.name.localeCompare(b.name) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const totals = zeros();
  for (const m of present) totals[m] = rows.reduce((s, r) => s + r.credits[m], unattributed[m]);
  return { currency: shown, models: present, rows, unattributed, totals };
};

export interface ChartBar {
  id: string;
  name: string;
  credit: number;
}

/**
 * The bars for one model: rows with credit, largest first; past `limit` bars the rest are summed into
 * one `others` bar; the unattributed amount comes last when there is any.
 */
export const chartBars = (table: AttributionTable, model: AttributionModel, limit = 12): ChartBar[] => {
  const withCredit = table.rows
    .filter((r) => r.credits[model] !== 0)
    .map((r) => ({ id: r.id, name: r.name, credit: r.credits[model] }))
    .sort((a, b) => b.credit - a.credit || a.name.localeCompare(b.name));
  const bars = withCredit.slice(0, limit);
  const rest = withCredit.slice(limit);
  if (rest.length > 0) bars.push({ id: 'others', name: '', credit: rest.reduce((s, r) => s + r.credit, 0) });
  if (table.unattributed[model] !== 0) bars.push({ id: UNATTRIBUTED, name: '', credit: table.unattributed[model] });
  return bars;
};

/** A row's share of a model's total (0..1), null when nothing was credited. */
export const creditShare = (credit: number, total: number): number | null => (total === 0 ? null : credit / total);
