import { Stack, Tabs } from '@mantine/core';
import { can } from '@nenner/shared';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/ListControls';
import { AttributionSettingsForm } from '../analytics/AttributionSettingsForm';
import { useMe } from '../auth/useAuth';
import { GoalSettingsForm } from '../goals/GoalSettingsForm';
import { FormSettings } from '../leadSettings/FormSettings';
import { LeadSettings } from '../leadSettings/LeadSettings';
import { MyRotations } from '../rotations/MyRotations';
import { WebhookSettings } from '../webhooks/WebhookSettings';
import { CalendarFeedSettings } from './CalendarFeedSettings';
import { ProfileSettings } from './ProfileSettings';
import { type SettingsSection, settingsSections } from './settingsSections';
import { TokenSettings } from './TokenSettings';
import { TrashSettings } from './TrashSettings';
import { UserSettings } from './UserSettings';

export function SettingsPage({ section }: { section: SettingsSection }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  // the sections only some may open, by what they change
  const gated: Partial<Record<SettingsSection, boolean>> = {
    users: can(me, 'users.manage'),
    trash: can(me, 'records.trash'),
    webhooks: can(me, 'webhooks.manage'),
  };
  const visible = settingsSections.filter((s) => gated[s] ?? true);
  const active = visible.includes(section) ? section : 'profile';
  return (
    <>
      <PageHeader title={t('settings.title')} />
      <Tabs
        value={active}
        onChange={(v) => v && void navigate({ to: '/settings', search: { section: v as SettingsSection } })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('settings.sections')} mb="lg">
          {visible.map((s) => (
            <Tabs.Tab key={s} value={s}>
              {s === 'goals' ? t('goals.settings.tab') : s === 'webhooks' ? t('webhooks.tab') : t(`settings.${s}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="profile">
          <Stack gap="lg">
            <ProfileSettings />
            <MyRotations person={me} own />
            <CalendarFeedSettings />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="tokens">
          <TokenSettings />
        </Tabs.Panel>
        <Tabs.Panel value="forms">
          <FormSettings />
        </Tabs.Panel>
        <Tabs.Panel value="leads">
          <LeadSettings />
        </Tabs.Panel>
        <Tabs.Panel value="attribution">
          <AttributionSettingsForm />
        </Tabs.Panel>
        <Tabs.Panel value="goals">
          <GoalSettingsForm />
        </Tabs.Panel>
        {gated.users && (
          <Tabs.Panel value="users">
            <UserSettings />
          </Tabs.Panel>
        )}
        {gated.webhooks && (
          <Tabs.Panel value="webhooks">
            <WebhookSettings />
          </Tabs.Panel>
        )}
        {gated.trash && (
          <Tabs.Panel value="trash">
            <TrashSettings />
          </Tabs.Panel>
        )}
      </Tabs>
    </>
  );
}
