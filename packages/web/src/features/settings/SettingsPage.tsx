export const settingsSections = ['profile', 'tokens', 'users', 'trash'] as const;
export type SettingsSection = (typeof settingsSections)[number];

export function SettingsPage({ section }: { section: SettingsSection }) {
  return <div>{section}</div>;
}
