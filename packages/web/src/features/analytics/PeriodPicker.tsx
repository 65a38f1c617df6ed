import { Group, Select } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/fields';
import { isValidPeriod, matchPreset, type Period, type PeriodPreset, periodPresets, presetPeriod } from './period';

/** A preset (this year, last quarter, …) or two dates; shows the error when `to` is before `from`. */
export function PeriodPicker({ value, onChange }: { value: Period; onChange: (p: Period) => void }) {
  const { t } = useTranslation();
  const valid = isValidPeriod(value);
  const preset = matchPreset(value) ?? 'custom';
  return (
    <Group align="flex-start" gap="sm">
      <Select
        label={t('analytics.period')}
        value={preset}
        allowDeselect={false}
        w={190}
        data={[...periodPresets, 'custom'].map((p) => ({ value: p, label: t(`analytics.preset.${p}`) }))}
        onChange={(v) => v && v !== 'custom' && onChange(presetPeriod(v as PeriodPreset))}
        data-testid="period-preset"
      />
      <DateField
        label={t('reports.from')}
        value={value.from}
        onChange={(from) => onChange({ ...value, from })}
        w={170}
        error={!valid ? true : undefined}
        data-testid="period-from"
      />
      <DateField
        label={t('reports.to')}
        value={value.to}
        onChange={(to) => onChange({ ...value, to })}
        w={170}
        error={!valid ? t('reports.badPeriod') : undefined}
        data-testid="period-to"
      />
    </Group>
  );
}
