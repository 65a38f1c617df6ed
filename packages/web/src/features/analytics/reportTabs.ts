/** The report page's tabs (in the URL as ?tab=); kept apart so the router does not load the page. */
export const reportTabs = ['sla', 'winloss', 'attribution', 'funnel', 'contribution', 'alignment'] as const;
export type ReportTab = (typeof reportTabs)[number];

export const isReportTab = (v: unknown): v is ReportTab => reportTabs.includes(v as ReportTab);
