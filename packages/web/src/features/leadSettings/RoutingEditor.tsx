import { Stack, Text } from '@mantine/core';
import type { RoutingSettings } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { EditableRows } from '../../components/EditableRows';
import { newRowId } from '../../components/lists';
import { selectField, tagsField, textField } from '../../components/rowFields';
import { SettingForm } from './SettingForm';
import { TeamsEditor } from './TeamsEditor';
import { useTeams } from './useSettings';

type RoutingRule = RoutingSettings['rules'][number];

/** Two-letter country codes, upper case; anything else is dropped. */
const countryCodes = (v: string[]) => v.map((c) => c.toUpperCase()).filter((c) => /^[A-Z]{2}$/.test(c));

/** Sales' territories: ordered rules that pick a team by country, postcode and industry; then the teams. */
export function RoutingEditor() {
  const { t } = useTranslation();
  const teams = useTeams();
  const teamOptions = (teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }));
  return (
    <Stack>
      <SettingForm<RoutingSettings> path="routing" action="settings.routing" intro={t('routing.intro')}>
        {(s, set) => (
          <EditableRows<RoutingRule>
            layout="cards"
            rows={s.rules}
            onChange={(rules) => set({ rules })}
            rowKey={(r) => r.id}
            newRow={() => ({
              id: newRowId(),
              name: t('routing.newRule'),
              countries: [],
              teamId: teamOptions[0]?.value ?? '',
            })}
            addLabel={t('routing.addRule')}
            addDisabled={teamOptions.length === 0}
            reorderable
            numberLabel={(n) => t('routing.order', { n })}
            empty={t('routing.empty')}
            hint={
              <Text size="xs" c="dimmed">
                {t('routing.orderHint')}
              </Text>
            }
            fields={[
              textField<RoutingRule>('name', t('routing.name'), { w: 160 }),
              tagsField<RoutingRule>('countries', t('routing.countries'), { w: 180, normalize: countryCodes }),
              tagsField<RoutingRule>('postcodePrefixes', t('routing.postcodes'), { w: 180 }),
              tagsField<RoutingRule>('industries', t('routing.industries'), { w: 200 }),
              selectField<RoutingRule>('teamId', t('routing.team'), teamOptions, { w: 180 }),
            ]}
          />
        )}
      </SettingForm>
      <TeamsEditor />
    </Stack>
  );
}
