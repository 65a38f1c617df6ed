import { Group, type GroupProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { DateField } from './DateField';

export interface Period {
  from: string;
  to: string;
}

interface PeriodFieldsProps extends Omit<GroupProps, 'onChange'> {
  /** The first and last day (YYYY-MM-DD). */
  value: Period;
  onChange: (value: Period) => void;
  /** Marks the period as wrong (e.g. it ends before it starts) with the reports' message. */
  invalid?: boolean;
  fromLabel?: string;
  toLabel?: string;
  /** data-testid prefix: `${testId}-from`, `${testId}-to`. */
  testId?: string;
}

/** A period as two days, from and to, in the user's language (01.01.2026 – 31.03.2026). */
export function PeriodFields({ value, onChange, invalid, fromLabel, toLabel, testId, ...group }: PeriodFieldsProps) {
  const { t } = useTranslation();
  return (
    <Group align="flex-start" gap="sm" {...group}>
      <DateField
        label={fromLabel ?? t('reports.from')}
        value={value.from}
        onChange={(from) => onChange({ ...value, from })}
        error={invalid ? true : undefined}
        w={170}
        data-testid={testId && `${testId}-from`}
      />
      <DateField
        label={toLabel ?? t('reports.to')}
        value={value.to}
        onChange={(to) => onChange({ ...value, to })}
        error={invalid ? t('reports.badPeriod') : undefined}
        w={170}
        data-testid={testId && `${testId}-to`}
      />
    </Group>
  );
}
