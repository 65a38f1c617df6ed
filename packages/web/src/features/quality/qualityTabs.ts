/** The quality page's tabs (in the URL as ?tab=); kept apart so the router does not load the page. */
export const qualityTabs = ['contacts', 'accounts', 'attention'] as const;
export type QualityTab = (typeof qualityTabs)[number];
