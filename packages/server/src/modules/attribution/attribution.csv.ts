import { type AttributionQuery, attributionModels, type CsvCell } from '@nenner/shared';
import type { AppContext } from '../../context.js';
import { attributionTotalsByCurrency, currencyResult, resolveQuery } from './attribution.service.js';

const fractionDigits = (currency: string): number => {
  try {
    return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
  } catch {
    return 2;
  }
};

/** Minor units as a plain decimal in major units (1234567 EUR → 12345.67). */
export const majorUnits = (minor: number, currency: string): string => {
  const digits = fractionDigits(currency);
  if (digits === 0) return String(minor);
  const sign = minor < 0 ? '-' : '';
  const abs = String(Math.abs(minor)).padStart(digits + 1, '0');
  return `${sign}${abs.slice(0, -digits)}.${abs.slice(-digits)}`;
};

/**
 * All seven models side by side as CSV, one block per currency of the period (never converted): one row
 * per campaign, channel or department (in the order of the default model's credit), then the currency's
 * unattributed row; amounts in major units with a dot.
 */
export const attributionCsv = async (
  ctx: AppContext,
  query: Omit<AttributionQuery, 'model'>,
): Promise<{ filename: string; header: string[]; rows: CsvCell[][] }> => {
  const resolved = await resolveQuery(ctx, query);
  const totals = await attributionTotalsByCurrency(ctx, resolved);
  const header = [query.by, 'name', 'currency', ...attributionModels];
  const rows: CsvCell[][] = [];
  totals.forEach((x, i) => {
    const deals = resolved.currencies[i]?.deals ?? 0;
    const results = attributionModels.map((m) => currencyResult(x, deals, m, query.by));
    const order = currencyResult(x, deals, resolved.settings.defaultModel, query.by).rows;
    const money = (n: number) => majorUnits(n, x.currency);
    const creditOf = results.map((r) => new Map(r.rows.map((row) => [row.id, row.credit])));
    for (const row of order) {
      rows.push([row.id, row.name, x.currency, ...creditOf.map((m) => money(m.get(row.id) ?? 0))]);
    }
    rows.push(['unattributed', 'Unattributed', x.currency, ...results.map((r) => money(r.unattributed))]);
  });
  return {
    filename: `nenner-attribution-${query.measure}-${query.by}-${query.from}-${query.to}`,
    header,
    rows,
  };
};
