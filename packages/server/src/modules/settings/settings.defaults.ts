import {
  AttributionSettings,
  type CloseReasons,
  defaultAlignmentWeights,
  type GoalSettings,
  type RejectReasons,
  type RoutingSettings,
  type ScoringSettings,
  type SlaSettings,
} from '@nenner/shared';

/** What a new workspace starts with; both departments can change it in Settings. */
export const defaultSla: SlaSettings = {
  responseHours: 4,
  timeZone: 'Europe/Berlin',
  businessHours: {
    mon: ['09:00', '17:00'],
    tue: ['09:00', '17:00'],
    wed: ['09:00', '17:00'],
    thu: ['09:00', '17:00'],
    fri: ['09:00', '17:00'],
    sat: null,
    sun: null,
  },
  holidayRegion: 'DE',
  extraHolidays: [],
  mqlCommitmentPerMonth: 40,
  minAcceptanceRate: 60,
};

export const defaultScoring: ScoringSettings = {
  mqlThreshold: 50,
  fit: [
    {
      id: 'title-lead',
      field: 'jobTitle',
      operator: 'contains',
      value: ['leiter', 'head', 'chief', 'geschäftsführ', 'director'],
      points: 20,
    },
    { id: 'title-c', field: 'jobTitle', operator: 'in', value: ['ceo', 'cio', 'cto', 'cfo', 'cmo'], points: 20 },
    { id: 'dach', field: 'country', operator: 'in', value: ['DE', 'AT', 'CH'], points: 5 },
    {
      id: 'size',
      field: 'employeeBand',
      operator: 'in',
      value: ['51-200', '201-500', '501-1000', '1001-5000'],
      points: 10,
    },
  ],
  engagement: [
    { id: 'form', touchpointType: 'form_submission', points: 20, halfLifeDays: 30 },
    { id: 'webinar', touchpointType: 'webinar', points: 15, halfLifeDays: 30 },
    { id: 'event', touchpointType: 'event_attendance', points: 25, halfLifeDays: 60 },
    { id: 'click', touchpointType: 'email_click', points: 5, halfLifeDays: 14 },
    { id: 'visit', touchpointType: 'web_visit', points: 2, halfLifeDays: 7 },
  ],
};

export const defaultRouting: RoutingSettings = { rules: [] };

export const defaultRejectReasons: RejectReasons = {
  reasons: [
    { key: 'no_budget', de: 'Kein Budget', en: 'No budget', active: true },
    { key: 'wrong_contact', de: 'Falscher Ansprechpartner', en: 'Wrong contact', active: true },
    { key: 'bad_timing', de: 'Falscher Zeitpunkt', en: 'Bad timing', active: true },
    { key: 'competitor_customer', de: 'Kunde des Wettbewerbs', en: 'Competitor customer', active: true },
    { key: 'duplicate', de: 'Dublette', en: 'Duplicate', active: true },
    { key: 'not_reachable', de: 'Nicht erreichbar', en: 'Not reachable', active: true },
    { key: 'other', de: 'Sonstiges', en: 'Other', active: true },
  ],
};

/** Why deals are won or lost; admins edit the list (a key once used stays, deactivated). */
export const defaultCloseReasons: CloseReasons = {
  reasons: [
    { key: 'price', outcome: 'won', de: 'Preis', en: 'Price', active: true },
    { key: 'product_fit', outcome: 'won', de: 'Passendes Produkt', en: 'Product fit', active: true },
    { key: 'relationship', outcome: 'won', de: 'Beziehung', en: 'Relationship', active: true },
    { key: 'timing', outcome: 'won', de: 'Zeitpunkt', en: 'Timing', active: true },
    { key: 'other', outcome: 'won', de: 'Sonstiges', en: 'Other', active: true },
    { key: 'price', outcome: 'lost', de: 'Preis', en: 'Price', active: true },
    { key: 'product_gap', outcome: 'lost', de: 'Funktionslücke', en: 'Product gap', active: true },
    { key: 'competitor', outcome: 'lost', de: 'Wettbewerber', en: 'Competitor', active: true },
    { key: 'no_decision', outcome: 'lost', de: 'Keine Entscheidung', en: 'No decision', active: true },
    { key: 'timing', outcome: 'lost', de: 'Zeitpunkt', en: 'Timing', active: true },
    { key: 'other', outcome: 'lost', de: 'Sonstiges', en: 'Other', active: true },
  ],
};

export interface FormSettings {
  redirectHosts: string[];
  /** Who may embed the public pages (issue 15); none listed: any site. */
  embedOrigins: string[];
}
export const defaultFormSettings: FormSettings = { redirectHosts: [], embedOrigins: [] };

/** Attribution: model W on campaign pages, a year of lookback, every touch type, the deal's contacts only. */
export const defaultAttribution: AttributionSettings = AttributionSettings.parse({});

/** Goals: a calendar fiscal year, at risk from 90 % of the target, the alignment index's documented weights. */
export const defaultGoalSettings: GoalSettings = {
  fiscalYearStartMonth: 1,
  atRiskPercent: 90,
  alignmentWeights: { ...defaultAlignmentWeights },
};
