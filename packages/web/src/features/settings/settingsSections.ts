/** The settings page's sections (in the URL as ?section=); kept apart so the router does not load the page. */
export const settingsSections = [
  'profile',
  'tokens',
  'forms',
  'leads',
  'attribution',
  'goals',
  'users',
  'webhooks',
  'trash',
] as const;
export type SettingsSection = (typeof settingsSections)[number];
