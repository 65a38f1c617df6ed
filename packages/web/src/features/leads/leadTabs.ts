/** The lead page's tabs (in the URL as ?tab=); kept apart so the router does not load the page. */
export const leadTabs = ['inbox', 'returned', 'outcomes'] as const;
export type LeadTab = (typeof leadTabs)[number];
