import {
  Checkbox,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { GoalMetric, MetricFilterKind, PeriodType } from '@nenner/shared';
import { periodTypes } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/fields';
import type { RecordForm } from '../../components/form/useRecordForm';
import { MoneyInput } from '../campaigns/CampaignFields';
import { CampaignPicker } from '../campaigns/CampaignPicker';
import { currencies } from '../deals/dealForm';
import { usePipelines, useTeams } from '../deals/useDeals';
import { useForms } from '../leadSettings/useSettings';
import { useAllUsers } from '../settings/useUsers';
import { localized } from './GoalParts';
import type { GoalDraft } from './goalForm';
import { useGoalOptions } from './useGoals';

interface FilterProps {
  filter: GoalMetric['filters'][number];
  value: string;
  onChange: (value: string) => void;
  error: string | undefined;
  disabled: boolean;
}

/** The records a filter of this kind picks from, as select options. */
function useRecordOptions(kind: MetricFilterKind): { value: string; label: string }[] | undefined {
  const forms = useForms();
  const pipelines = usePipelines();
  const teams = useTeams();
  if (kind === 'form') return forms.data?.items.map((f) => ({ value: f.id, label: f.name })) ?? [];
  if (kind === 'pipeline') return pipelines.data?.items.map((p) => ({ value: p.id, label: p.name })) ?? [];
  if (kind === 'team') return teams.data?.items.map((x) => ({ value: x.id, label: x.name })) ?? [];
  return undefined;
}

/** One filter the metric accepts, with the input its kind calls for. */
function GoalFilterInput({ filter, value, onChange, error, disabled }: FilterProps) {
  const { t } = useTranslation();
  const records = useRecordOptions(filter.kind);
  const label = t(`goals.filter.${filter.key}`, { defaultValue: t(`goals.filterKind.${filter.kind}`) });
  const testId = `goal-filter-${filter.key}`;
  if (filter.kind === 'text') {
    return (
      <TextInput
        label={label}
        value={value}
        maxLength={200}
        onChange={(e) => onChange(e.currentTarget.value)}
        error={error}
        disabled={disabled}
        data-testid={testId}
      />
    );
  }
  if (filter.kind === 'campaign') {
    return (
      <CampaignPicker
        value={value || null}
        onChange={(v) => onChange(v ?? '')}
        error={error}
        disabled={disabled}
        description=""
      />
    );
  }
  const data =
    records ??
    (filter.options ?? []).map((o) => ({
      value: o,
      label:
        filter.kind === 'department'
          ? t(`department.${o}`, { defaultValue: o })
          : t(`campaigns.channelName.${o}`, { defaultValue: o }),
    }));
  return (
    <Select
      label={label}
      placeholder={t('goals.filterAny')}
      data={data}
      value={value || null}
      onChange={(v) => onChange(v ?? '')}
      clearable
      searchable
      nothingFoundMessage={t('common.noResults')}
      error={error}
      disabled={disabled}
      data-testid={testId}
    />
  );
}

/** The target's input for the metric's unit: an amount with currency, a percentage, hours or a count. */
function TargetInput({ form, metric }: { form: RecordForm<GoalDraft>; metric: GoalMetric | undefined }) {
  const { t, i18n } = useTranslation();
  const de = i18n.language.startsWith('de');
  const bound = { ...form.field('target'), error: form.fieldErrors.target };
  const separators = { thousandSeparator: de ? '.' : ',', decimalSeparator: de ? ',' : '.' };
  if (metric?.unit === 'money') {
    return (
      <SimpleGrid cols={2}>
        <MoneyInput label={t('goals.target')} currency={form.values.currency} data-testid="goal-target" {...bound} />
        <Select
          label={t('goals.currency')}
          data={[...new Set([...currencies, form.values.currency])]}
          allowDeselect={false}
          {...form.field('currency')}
        />
      </SimpleGrid>
    );
  }
  const unit = metric?.unit ?? 'count';
  return (
    <NumberInput
      label={t('goals.target')}
      description={t(`goals.targetHint.${unit}`)}
      withAsterisk
      min={0}
      max={10_000_000_000}
      allowNegative={false}
      allowDecimal={unit !== 'count'}
      decimalScale={unit === 'count' ? 0 : 1}
      {...separators}
      rightSection={
        unit === 'count' ? undefined : (
          <Text size="xs" c="dimmed">
            {unit === 'percent' ? '%' : t('goals.hoursUnit')}
          </Text>
        )
      }
      data-testid="goal-target"
      {...bound}
    />
  );
}

/**
 * Every field of a goal: what is measured (metric and filters), when, how much, and who owns it. Required
 * fields carry an asterisk but no `required` attribute, so the form's own translated checks speak, not
 * the browser's.
 */
export function GoalFields({
  form,
  metrics,
  goalId,
}: {
  form: RecordForm<GoalDraft>;
  metrics: readonly GoalMetric[] | undefined;
  /** The goal being edited: it cannot be its own parent. */
  goalId?: string;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const users = useAllUsers();
  const teams = useTeams();
  const goals = useGoalOptions();
  const { values: draft, fieldErrors } = form;
  const metric = metrics?.find((m) => m.key === draft.metric);
  const custom = draft.periodType === 'custom';
  const periodError = fieldErrors['period.type'] ?? (fieldErrors.period && !custom ? fieldErrors.period : undefined);
  return (
    <Stack>
      <TextInput
        label={t('goals.name')}
        withAsterisk
        maxLength={150}
        data-autofocus
        data-testid="goal-name"
        {...form.field('name')}
      />
      <Select
        label={t('goals.metric')}
        placeholder={t('goals.metricPlaceholder')}
        data={(metrics ?? []).map((m) => ({ value: m.key, label: localized(m.name, lng) }))}
        value={draft.metric}
        onChange={(v) => {
          form.setFieldValue('metric', v);
          // the filters belong to the metric: another metric takes others
          form.setFieldValue('filters', {});
        }}
        error={fieldErrors.metric}
        disabled={form.disabled}
        withAsterisk
        searchable
        allowDeselect={false}
        nothingFoundMessage={t('common.noResults')}
        data-testid="goal-metric"
      />
      {metric && (
        <Text size="sm" c="dimmed" data-testid="goal-metric-definition" mt={-8}>
          {localized(metric.definition, lng)}
        </Text>
      )}
      {metric && metric.filters.length > 0 && (
        <Stack gap={6}>
          <div>
            <Text size="sm" fw={600}>
              {t('goals.filtersTitle')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('goals.filtersHint')}
            </Text>
          </div>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            {metric.filters.map((f) => (
              <GoalFilterInput
                key={f.key}
                filter={f}
                value={draft.filters[f.key] ?? ''}
                onChange={(v) => form.setFieldValue('filters', { ...form.values.filters, [f.key]: v })}
                error={fieldErrors[`filters.${f.key}`]}
                disabled={form.disabled}
              />
            ))}
          </SimpleGrid>
        </Stack>
      )}
      {fieldErrors.filters && !metric?.filters.some((f) => fieldErrors[`filters.${f.key}`]) && (
        <Text size="sm" c="red">
          {fieldErrors.filters}
        </Text>
      )}
      <SimpleGrid cols={{ base: 1, sm: custom ? 3 : 2 }}>
        <Select
          label={t('goals.periodType')}
          data={periodTypes.map((p) => ({ value: p, label: t(`goals.periodTypeName.${p}`) }))}
          allowDeselect={false}
          data-testid="goal-period-type"
          {...form.field('periodType')}
          onChange={(v) => v && form.setFieldValue('periodType', v as PeriodType)}
          error={periodError}
        />
        {custom ? (
          <>
            <DateField
              label={t('goals.from')}
              withAsterisk
              data-testid="goal-from"
              {...form.field('from')}
              error={fieldErrors['period.from']}
            />
            <DateField
              label={t('goals.to')}
              withAsterisk
              data-testid="goal-to"
              {...form.field('to')}
              error={fieldErrors['period.to']}
            />
          </>
        ) : (
          <DateField
            label={t('goals.start')}
            description={t(`goals.startHint.${draft.periodType}`)}
            data-testid="goal-start"
            {...form.field('start')}
            error={fieldErrors['period.start']}
          />
        )}
      </SimpleGrid>
      <TargetInput form={form} metric={metric} />
      <MultiSelect
        label={t('goals.owners')}
        description={t('goals.ownersHint')}
        data={(users.data?.items ?? [])
          .filter((u) => u.active || draft.ownerIds.includes(u.id))
          .map((u) => ({ value: u.id, label: `${u.name} · ${t(`department.${u.department}`)}` }))}
        searchable
        withAsterisk
        maxValues={20}
        nothingFoundMessage={t('common.noResults')}
        data-testid="goal-owners"
        {...form.field('ownerIds')}
        error={fieldErrors.ownerIds}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('goals.parent')}
          description={t('goals.parentHint')}
          placeholder={t('goals.noParent')}
          data={(goals.data?.items ?? []).filter((g) => g.id !== goalId).map((g) => ({ value: g.id, label: g.name }))}
          clearable
          searchable
          nothingFoundMessage={t('common.noResults')}
          data-testid="goal-parent"
          {...form.field('parentId')}
        />
        <Select
          label={t('goals.team')}
          placeholder={t('goals.noTeam')}
          data={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
          clearable
          {...form.field('teamId')}
        />
      </SimpleGrid>
      {!custom && (
        <Checkbox
          label={t('goals.repeat')}
          description={t('goals.repeatHint')}
          data-testid="goal-repeat"
          {...form.checkbox('repeat')}
        />
      )}
      <Textarea label={t('goals.description')} autosize minRows={2} maxLength={2000} {...form.field('description')} />
    </Stack>
  );
}
