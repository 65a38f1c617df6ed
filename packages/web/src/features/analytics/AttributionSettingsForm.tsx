import { Alert, Checkbox, Group, NumberInput, Select, SimpleGrid, Stack, Switch, Text } from '@mantine/core';
import {
  type AttributionModel,
  type AttributionSettings,
  attributionModels,
  can,
  touchpointTypes,
} from '@nenner/shared';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, notifyError, notifySuccess } from '../../components/notify';
import { SaveBar } from '../../components/SaveBar';
import { TableSkeleton } from '../../components/TableSkeleton';
import { useMe } from '../auth/useAuth';
import { modelHint, modelLabel } from './labels';
import { useAttributionSettings, useSaveAttributionSettings } from './useAttribution';

/** The attribution settings: default model, lookback, half-life, counted touch types, account contacts. */
export function AttributionSettingsForm() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const canEdit = can(me, 'settings.admin');
  const query = useAttributionSettings();
  const save = useSaveAttributionSettings();
  const [draft, setDraft] = useState<AttributionSettings | null>(null);
  if (query.isPending) return <TableSkeleton rows={5} />;
  if (query.isError) return <Alert color="red">{errorMessage(t, query.error)}</Alert>;
  const s = draft ?? query.data.value;
  const set = (patch: Partial<AttributionSettings>) => setDraft({ ...s, ...patch });
  const noTypes = s.touchTypes.length === 0;
  return (
    <Stack maw={720} data-testid="attribution-settings">
      <Text size="sm" c="dimmed">
        {t('analytics.settings.intro')}{' '}
        <Link to="/reports" search={{ tab: 'attribution' }} className="nenner-link">
          {t('analytics.settings.openReport')}
        </Link>
      </Text>
      {!canEdit && (
        <Alert color="gray" variant="light">
          {t('analytics.settings.adminOnly')}
        </Alert>
      )}
      <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack>
          <Select
            label={t('analytics.settings.defaultModel')}
            description={`${t('analytics.settings.defaultModelHint')} ${modelHint(t, s.defaultModel, lng, s.halfLifeDays)}`}
            value={s.defaultModel}
            allowDeselect={false}
            disabled={!canEdit}
            data={attributionModels.map((m) => ({ value: m, label: modelLabel(t, m, lng, s.halfLifeDays) }))}
            onChange={(v) => v && set({ defaultModel: v as AttributionModel })}
            maw={420}
          />
          <Group align="flex-start" grow maw={620}>
            <NumberInput
              label={t('analytics.settings.lookbackDays')}
              description={t('analytics.settings.lookbackDaysHint')}
              value={s.lookbackDays}
              min={1}
              max={3650}
              allowDecimal={false}
              onChange={(v) => set({ lookbackDays: Math.min(3650, Math.max(1, Math.round(Number(v) || 1))) })}
            />
            <NumberInput
              label={t('analytics.settings.halfLifeDays')}
              description={t('analytics.settings.halfLifeDaysHint')}
              value={s.halfLifeDays}
              min={0.5}
              max={365}
              step={0.5}
              decimalScale={1}
              decimalSeparator={lng.startsWith('de') ? ',' : '.'}
              onChange={(v) => set({ halfLifeDays: Math.min(365, Math.max(0.5, Number(v) || 0.5)) })}
            />
          </Group>
          <Checkbox.Group
            label={t('analytics.settings.touchTypes')}
            value={s.touchTypes}
            onChange={(v) => set({ touchTypes: v as AttributionSettings['touchTypes'] })}
            error={noTypes ? t('analytics.settings.touchTypesNone') : undefined}
          >
            <SimpleGrid cols={{ base: 1, sm: 2 }} mt="xs" spacing="xs">
              {touchpointTypes.map((type) => (
                <Checkbox key={type} value={type} label={t(`leads.touchpoint.${type}`)} />
              ))}
            </SimpleGrid>
          </Checkbox.Group>
          <Switch
            label={t('analytics.settings.includeAccountContacts')}
            description={t('analytics.settings.includeAccountContactsHint')}
            checked={s.includeAccountContacts}
            onChange={(e) => set({ includeAccountContacts: e.currentTarget.checked })}
          />
        </Stack>
      </fieldset>
      {canEdit && (
        <SaveBar
          dirty={draft !== null}
          invalid={noTypes}
          saving={save.isPending}
          onCancel={() => setDraft(null)}
          onSave={() =>
            save.mutate(
              { value: s, version: query.data.version },
              {
                onSuccess: () => {
                  setDraft(null);
                  notifySuccess(t('common.saved'));
                },
                onError: (e) => notifyError(t, e),
              },
            )
          }
        />
      )}
    </Stack>
  );
}
