/**
 * Lead scoring: fit (who the contact is) plus engagement (what they did, fading with a half-life).
 * Marketing owns the rules; the breakdown tells sales why a lead scored what it did.
 */

export const fitFields = ['jobTitle', 'industry', 'country', 'employeeBand', 'source', 'emailDomain'] as const;
export type FitField = (typeof fitFields)[number];
export const fitOperators = ['contains', 'equals', 'in'] as const;
export type FitOperator = (typeof fitOperators)[number];

export interface FitRule {
  id: string;
  field: FitField;
  operator: FitOperator;
  /** One value for contains/equals, a list for in; compared case-insensitively. */
  value: string | string[];
  points: number;
}

export interface EngagementRule {
  id: string;
  touchpointType: string;
  points: number;
  /** Days after which a touch counts half; 0 means it never fades. */
  halfLifeDays: number;
}

export interface ScoringRules {
  fit: FitRule[];
  engagement: EngagementRule[];
  mqlThreshold: number;
}

export interface ScoreSubject {
  fields: Partial<Record<FitField, string | null>>;
  touchpoints: { type: string; occurredAt: number }[];
}

export type ScoreLine =
  | { kind: 'fit'; ruleId: string; field: FitField; operator: FitOperator; value: string | string[]; points: number }
  | { kind: 'engagement'; ruleId: string; touchpointType: string; ageDays: number; basePoints: number; points: number };

export interface Score {
  score: number;
  lines: ScoreLine[];
}

const DAY_MS = 86_400_000;
const round1 = (n: number) => Math.round(n * 10) / 10;

const matches = (rule: FitRule, actual: string | null | undefined): boolean => {
  if (actual === null || actual === undefined || actual === '') return false;
  const a = actual.toLocaleLowerCase('de');
  const values = (Array.isArray(rule.value) ? rule.value : [rule.value]).map((v) => v.toLocaleLowerCase('de'));
  switch (rule.operator) {
    case 'contains':
      return values.some((v) => v !== '' && a.includes(v));
    case 'equals':
      return values[0] === a;
    case 'in':
      return values.includes(a);
  }
};

/** The decayed weight of a touch `ageMs` old: 2^(−age / half-life). */
export const decayFactor = (ageMs: number, halfLifeDays: number): number =>
  halfLifeDays <= 0 ? 1 : 2 ** (-Math.max(0, ageMs) / (halfLifeDays * DAY_MS));

/** Scores a contact at `now`; the total is the rounded sum of the lines, each line rounded to 0.1. */
export const scoreContact = (subject: ScoreSubject, rules: ScoringRules, now: number): Score => {
  const lines: ScoreLine[] = [];
  for (const rule of rules.fit) {
    if (matches(rule, subject.fields[rule.field])) {
      lines.push({
        kind: 'fit',
        ruleId: rule.id,
        field: rule.field,
        operator: rule.operator,
        value: rule.value,
        points: rule.points,
      });
    }
  }
  for (const touch of subject.touchpoints) {
    if (touch.occurredAt > now) continue;
    for (const rule of rules.engagement) {
      if (rule.touchpointType !== touch.type) continue;
      const age = now - touch.occurredAt;
      lines.push({
        kind: 'engagement',
        ruleId: rule.id,
        touchpointType: touch.type,
        ageDays: Math.floor(age / DAY_MS),
        basePoints: rule.points,
        points: round1(rule.points * decayFactor(age, rule.halfLifeDays)),
      });
    }
  }
  return { score: Math.round(lines.reduce((sum, l) => sum + l.points, 0)), lines };
};

/** True when the score reaches the MQL threshold. */
export const isMarketingQualified = (score: Score, rules: ScoringRules): boolean => score.score >= rules.mqlThreshold;
