import { Group, Input } from '@mantine/core';
import { type ReactNode, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from './DateField';
import { instantToWall, wallToInstant } from './fieldFormat';
import { TimeField } from './TimeField';
import { useUserTimeZone } from './useUserTimeZone';

export interface DateTimeFieldProps {
  label: ReactNode;
  /** The instant as the API takes it (ISO, UTC), '' when empty. */
  value: string;
  onChange: (value: string) => void;
  /** Whose wall clock the day and time are read on: the user's time zone unless a record has its own. */
  timeZone?: string | undefined;
  /** The time a day gets when none is typed yet. */
  defaultTime?: string;
  description?: ReactNode;
  error?: ReactNode;
  disabled?: boolean | undefined;
  required?: boolean;
  'data-testid'?: string;
}

const partsOf = (value: string, timeZone: string) => (value ? instantToWall(value, timeZone) : { day: '', time: '' });

/**
 * A day and a time of day (31.12.2026 · 17:00) on the wall clock of the user's time zone, handed on as
 * the UTC instant the API stores; the day field takes the language's formats, the time the 24-hour clock.
 */
export function DateTimeField({
  label,
  value,
  onChange,
  timeZone,
  defaultTime = '09:00',
  description,
  error,
  disabled,
  required,
  'data-testid': testId,
}: DateTimeFieldProps) {
  const { t } = useTranslation();
  const userZone = useUserTimeZone();
  const zone = timeZone ?? userZone;
  const [parts, setParts] = useState(() => partsOf(value, zone));
  // A value set from outside (a reset) replaces the parts, unless they already stand for it.
  useEffect(() => {
    setParts((p) => {
      const current = p.day && p.time ? wallToInstant(p.day, p.time, zone) : '';
      return current === value || (!value && !p.day) ? p : partsOf(value, zone);
    });
  }, [value, zone]);
  const update = (next: { day: string; time: string }) => {
    const filled = next.day && !next.time ? { ...next, time: defaultTime } : next;
    setParts(filled);
    onChange(filled.day ? (wallToInstant(filled.day, filled.time, zone) ?? '') : '');
  };
  const labelText = typeof label === 'string' ? label : '';
  return (
    <Input.Wrapper label={label} description={description} error={error} required={required}>
      <Group gap="xs" wrap="nowrap" align="flex-start">
        <DateField
          aria-label={`${labelText} – ${t('fields.date')}`}
          value={parts.day}
          onChange={(day) => update({ ...parts, day })}
          error={Boolean(error)}
          disabled={disabled}
          style={{ flex: 3 }}
          data-testid={testId && `${testId}-date`}
        />
        <TimeField
          aria-label={`${labelText} – ${t('fields.time')}`}
          value={parts.time}
          onChange={(time) => update({ ...parts, time })}
          error={Boolean(error)}
          disabled={disabled}
          style={{ flex: 2 }}
          data-testid={testId && `${testId}-time`}
        />
      </Group>
    </Input.Wrapper>
  );
}
