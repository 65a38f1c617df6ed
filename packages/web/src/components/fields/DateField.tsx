import { DateInput, type DateInputProps } from '@mantine/dates';
import { IconCalendar } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DatesLocale } from './DatesLocale';
import { formatDayInput, parseDay } from './fieldFormat';

export interface DateFieldProps
  extends Omit<
    DateInputProps,
    'value' | 'defaultValue' | 'onChange' | 'valueFormat' | 'dateParser' | 'minDate' | 'maxDate' | 'min' | 'max'
  > {
  /** The calendar day as the API takes it (YYYY-MM-DD), '' when empty. */
  value: string;
  onChange: (value: string) => void;
  /** Earliest and latest day to pick (YYYY-MM-DD). */
  min?: string | undefined;
  max?: string | undefined;
  'data-testid'?: string;
}

/**
 * A calendar day in the user's language: shows and takes 31.12.2026 in German, 31 Dec 2026 (or 31/12/2026)
 * in English, whatever the operating system's locale; a calendar opens below it.
 */
export function DateField({ value, onChange, min, max, placeholder, ...props }: DateFieldProps) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <DatesLocale>
      <DateInput
        value={value || null}
        onChange={(v) => onChange(v ?? '')}
        valueFormat={(v) => formatDayInput(v.slice(0, 10), lng)}
        dateParser={parseDay}
        minDate={min || undefined}
        maxDate={max || undefined}
        placeholder={placeholder ?? t('fields.datePlaceholder')}
        allowDeselect
        leftSection={<IconCalendar size={16} stroke={1.5} />}
        popoverProps={{ withinPortal: true }}
        {...props}
      />
    </DatesLocale>
  );
}
