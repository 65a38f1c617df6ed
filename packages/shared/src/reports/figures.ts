/**
 * The figures several screens show, each with one name and one definition, in German and English. Two
 * screens that count different things use different names; the web app's help lines and the server's
 * goal metrics read their words from here, so a name never means two things.
 */

export type FigureLanguage = 'de' | 'en';

export interface FigureDefinition {
  name: Record<FigureLanguage, string>;
  definition: Record<FigureLanguage, string>;
}

export const figureDefinitions = {
  /** Funnel (report and dashboard widget): a cohort by lead date. */
  cohortMqls: {
    name: { de: 'MQLs aus den Leads des Zeitraums', en: "MQLs from the period's leads" },
    definition: {
      de: 'Kontakte, die im Zeitraum zum Lead wurden und bis heute MQL oder eine spätere Stufe erreicht haben.',
      en: 'Contacts that became leads in the period and have reached MQL or a later stage by now.',
    },
  },
  /** Goals metric `mqls`: the day a contact became an MQL decides the period. */
  mqlsReached: {
    name: { de: 'Neue MQLs im Zeitraum', en: 'New MQLs in the period' },
    definition: {
      de: 'Kontakte, die im Zeitraum zum MQL (Marketing Qualified Lead) wurden, gleich wann sie Lead wurden.',
      en: 'Contacts that became MQLs (marketing qualified leads) in the period, whenever they became leads.',
    },
  },
  /** SLA report, contribution scorecard, Mein Tag, dashboard contribution widget: what the SLA commits to. */
  handoffsDelivered: {
    name: { de: 'Übergaben an den Vertrieb', en: 'Handoffs to sales' },
    definition: {
      de: 'Im Zeitraum an den Vertrieb übergebene Leads; wer zweimal übergeben wird, zählt zweimal. Das SLA sagt eine Zahl pro Monat zu.',
      en: 'Leads handed to sales in the period; a person handed over twice counts twice. The SLA commits to a number per month.',
    },
  },
  /** Lead card, lead list, lead detail and its breakdown, exports. */
  leadScore: {
    name: { de: 'Lead-Score', en: 'Lead score' },
    definition: {
      de: 'Passung plus Interaktionen; ältere Interaktionen zählen weniger. Überall derselbe Wert, neu berechnet bei jeder Interaktion und jeden Tag.',
      en: 'Fit plus engagement; older touches count less. The same value everywhere, recomputed on every touch and every day.',
    },
  },
  /** Contribution scorecard and deal board: amounts are never converted or left out. */
  moneyPerCurrency: {
    name: { de: 'Beträge je Währung', en: 'Amounts per currency' },
    definition: {
      de: 'Jede Währung hat ihre eigene Summe; nichts wird umgerechnet oder weggelassen.',
      en: 'Each currency has its own total; nothing is converted or left out.',
    },
  },
} as const satisfies Record<string, FigureDefinition>;

export type FigureKey = keyof typeof figureDefinitions;

/** The figures' names and definitions in one language, shaped for an i18n resource (`figures.<key>.name`). */
export const figureTexts = (lng: FigureLanguage): Record<FigureKey, { name: string; definition: string }> =>
  Object.fromEntries(
    Object.entries(figureDefinitions).map(([key, f]) => [key, { name: f.name[lng], definition: f.definition[lng] }]),
  ) as Record<FigureKey, { name: string; definition: string }>;
