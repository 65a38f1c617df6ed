import { Alert, Group, NumberInput, Select, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { alignmentPartKeys, can, type GoalSettings } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ConflictAlert } from '../../components/form/ConflictAlert';
import { errorMessage, notifyError, notifySuccess } from '../../components/notify';
import { SaveBar } from '../../components/SaveBar';
import { TableSkeleton } from '../../components/TableSkeleton';
import { toIntlLocale } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { formatScore } from './goalFormat';
import { useGoalSettings, useSaveGoalSettings } from './useGoals';

const monthNames = (lng: string): string[] =>
  Array.from({ length: 12 }, (_, i) =>
    new Intl.DateTimeFormat(toIntlLocale(lng), { month: 'long', timeZone: 'UTC' }).format(
      new Date(Date.UTC(2026, i, 1)),
    ),
  );

/** A whole number within [min, max] from what a number input gives (a number, or '' while empty). */
const clampInt = (v: number | string, min: number, max: number): number =>
  Math.min(max, Math.max(min, Math.round(Number(v) || 0)));

/** Ziele & Index: the fiscal year's first month, the at-risk band, and the alignment index's weights. */
export function GoalSettingsForm() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const de = lng.startsWith('de');
  const me = useMe();
  const canEdit = can(me, 'settings.admin');
  const query = useGoalSettings();
  const save = useSaveGoalSettings();
  const [draft, setDraft] = useState<GoalSettings | null>(null);
  if (query.isPending) return <TableSkeleton rows={5} />;
  if (query.isError) return <Alert color="red">{errorMessage(t, query.error)}</Alert>;
  const s = draft ?? query.data.value;
  const set = (patch: Partial<GoalSettings>) => setDraft({ ...s, ...patch });
  const weightSum = alignmentPartKeys.reduce((sum, k) => sum + s.alignmentWeights[k], 0);
  const conflict = isApiError(save.error) && save.error.status === 412;
  return (
    <Stack maw={820} data-testid="goal-settings">
      <Text size="sm" c="dimmed">
        {t('goals.settings.intro')}
      </Text>
      {!canEdit && (
        <Alert color="gray" variant="light">
          {t('goals.settings.adminOnly')}
        </Alert>
      )}
      {conflict && (
        <ConflictAlert
          onReload={() => {
            setDraft(null);
            save.reset();
            void query.refetch();
          }}
        />
      )}
      <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
        <Stack>
          <Group align="flex-start" grow maw={620}>
            <Select
              label={t('goals.settings.fiscalYearStartMonth')}
              description={t('goals.settings.fiscalYearStartMonthHint')}
              data={monthNames(lng).map((name, i) => ({ value: String(i + 1), label: name }))}
              value={String(s.fiscalYearStartMonth)}
              onChange={(v) => v && set({ fiscalYearStartMonth: Number(v) })}
              allowDeselect={false}
              disabled={!canEdit}
              data-testid="goal-settings-fiscal-month"
            />
            <NumberInput
              label={t('goals.settings.atRiskPercent')}
              description={t('goals.settings.atRiskPercentHint')}
              value={s.atRiskPercent}
              min={50}
              max={99}
              allowDecimal={false}
              rightSection={<Text size="xs">%</Text>}
              onChange={(v) => set({ atRiskPercent: clampInt(v, 50, 99) })}
              data-testid="goal-settings-at-risk"
            />
          </Group>
          <div>
            <Title order={3} size="h5">
              {t('goals.settings.weights')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('goals.settings.weightsHint')}
            </Text>
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            {alignmentPartKeys.map((key) => (
              <NumberInput
                key={key}
                label={t(`alignment.parts.${key}`)}
                value={s.alignmentWeights[key]}
                min={0}
                max={100}
                decimalScale={1}
                decimalSeparator={de ? ',' : '.'}
                allowNegative={false}
                onChange={(v) =>
                  set({
                    alignmentWeights: { ...s.alignmentWeights, [key]: Math.min(100, Math.max(0, Number(v) || 0)) },
                  })
                }
                data-testid={`goal-settings-weight-${key}`}
              />
            ))}
          </SimpleGrid>
          <Text size="sm" c={weightSum === 0 ? 'red' : 'dimmed'} data-testid="goal-settings-weight-sum">
            {weightSum === 0
              ? t('goals.settings.weightsZero')
              : t('goals.settings.weightSum', { sum: formatScore(weightSum, lng) })}
          </Text>
        </Stack>
      </fieldset>
      {canEdit && (
        <SaveBar
          dirty={draft !== null}
          invalid={weightSum === 0 || conflict}
          saving={save.isPending}
          onCancel={() => {
            setDraft(null);
            save.reset();
          }}
          onSave={() =>
            save.mutate(
              { value: s, version: query.data.version },
              {
                onSuccess: () => {
                  setDraft(null);
                  notifySuccess(t('common.saved'));
                },
                onError: (e) => {
                  if (!(isApiError(e) && e.status === 412)) notifyError(t, e);
                },
              },
            )
          }
        />
      )}
    </Stack>
  );
}
