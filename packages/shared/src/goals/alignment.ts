/**
 * The alignment index (Zusammenarbeits-Index): one figure 0–100, the weighted mean of its parts.
 *
 * - A part's value is 0–100, or null when it cannot be measured (no handoffs in the window, or a module
 *   that does not exist yet). Its weight is then spread over the measurable parts in proportion to their
 *   own weights: effectiveWeight = weight × (sum of all weights ÷ sum of measurable weights), so the
 *   effective weights still add up to the configured total. Unmeasurable parts get effectiveWeight 0.
 * - index = Σ value × effectiveWeight ÷ Σ effectiveWeight, rounded to one decimal (the gauge may show it
 *   whole; one decimal keeps the monthly trend readable). Parts and effective weights are not rounded,
 *   so the index equals their weighted mean to within 0.05.
 * - No measurable part, or measurable parts whose weights are all 0 → index null.
 */

export const alignmentPartKeys = [
  'sla_compliance',
  'acceptance_vs_minimum',
  'reasoned_rejections',
  'returned_lead_follow_up',
  'shared_goal_attainment',
  'two_sided_accounts',
  'data_completeness',
  'action_item_completion',
] as const;
export type AlignmentPartKey = (typeof alignmentPartKeys)[number];

/** The default weights (admins edit them); they add up to 100 so each reads as a percentage. */
export const defaultAlignmentWeights: Record<AlignmentPartKey, number> = {
  // Answering handoffs in time is the core promise sales makes to marketing.
  sla_compliance: 20,
  // Sales accepting what marketing sends shows both sides share one definition of a good lead.
  acceptance_vs_minimum: 15,
  // A rejection with a reason teaches marketing something; a bare "other" does not.
  reasoned_rejections: 10,
  // Marketing recycling or closing returned leads is its half of the SLA loop.
  returned_lead_follow_up: 10,
  // Reaching the goals both departments own is the outcome alignment exists for.
  shared_goal_attainment: 20,
  // Accounts worked by both departments show they meet the same customers together.
  two_sided_accounts: 10,
  // Both sides depend on complete records, but it is hygiene rather than collaboration, so it weighs least.
  data_completeness: 5,
  // Joint meetings matter only when their action items get done (measurable once meetings exist).
  action_item_completion: 10,
};

export interface AlignmentPartInput<K extends string = string> {
  key: K;
  /** 0–100, or null when not measurable. */
  value: number | null;
  /** ≥ 0. */
  weight: number;
}

export type AlignmentPart<K extends string = string> = AlignmentPartInput<K> & { effectiveWeight: number };

export interface AlignmentIndex<K extends string = string> {
  index: number | null;
  parts: AlignmentPart<K>[];
}

/** The index of its parts, with each part's weight after spreading the unmeasurable ones'. */
export const alignmentIndex = <K extends string>(parts: AlignmentPartInput<K>[]): AlignmentIndex<K> => {
  for (const p of parts) {
    if (!(p.weight >= 0) || !Number.isFinite(p.weight)) throw new RangeError(`${p.key}: weight must be ≥ 0`);
    if (p.value !== null && !(p.value >= 0 && p.value <= 100)) throw new RangeError(`${p.key}: value must be 0–100`);
  }
  const total = parts.reduce((s, p) => s + p.weight, 0);
  const measurable = parts.reduce((s, p) => s + (p.value === null ? 0 : p.weight), 0);
  if (measurable === 0) return { index: null, parts: parts.map((p) => ({ ...p, effectiveWeight: 0 })) };
  const withWeights = parts.map((p) => ({
    ...p,
    effectiveWeight: p.value === null ? 0 : (p.weight * total) / measurable,
  }));
  const sum = withWeights.reduce((s, p) => s + (p.value ?? 0) * p.weight, 0);
  return { index: Math.round((sum / measurable) * 10) / 10, parts: withWeights };
};

// ——— The parts that are plain formulas ————————————————————————————————————————————————————————

/** part ÷ whole as 0–100; null when the whole is 0 (nothing to measure). SLA compliance, reasoned
 * rejections, returned-lead follow-up, two-sided accounts and action items are all shares like this. */
export const shareScore = (part: number, whole: number): number | null => (whole > 0 ? (100 * part) / whole : null);

/**
 * Acceptance against the SLA's committed minimum: meeting the minimum scores 100, falling short scores
 * in proportion (60 % accepted against a committed 80 % → 75). A minimum of 0 is always met. Null when no
 * handoff was accepted or rejected in the window.
 *
 * @param acceptanceRate accepted ÷ (accepted + rejected), 0–1, as the SLA report gives it
 * @param minAcceptanceRate the SLA setting, 0–100
 */
export const acceptanceScore = (acceptanceRate: number | null, minAcceptanceRate: number): number | null => {
  if (acceptanceRate === null) return null;
  if (minAcceptanceRate <= 0) return 100;
  return Math.min((100 * acceptanceRate) / minAcceptanceRate, 1) * 100;
};

export interface GoalOutcome {
  actual: number;
  target: number;
  direction: 'higher' | 'lower';
}

/**
 * Shared-goal attainment: the mean of min(actual ÷ target, 1) over the goals, as 0–100; null for none.
 * A zero target is met. For lower-is-better goals the ratio is turned round, min(target ÷ actual, 1), so
 * a median of 6 h against a target of 4 h attains 2/3 and anything at or below the target attains 1.
 */
export const sharedGoalAttainment = (goals: GoalOutcome[]): number | null => {
  if (goals.length === 0) return null;
  const attained = (g: GoalOutcome): number => {
    if (g.direction === 'higher') return g.target <= 0 ? 1 : Math.min(Math.max(g.actual, 0) / g.target, 1);
    return g.actual <= g.target ? 1 : g.target / g.actual;
  };
  return (100 * goals.reduce((s, g) => s + attained(g), 0)) / goals.length;
};
