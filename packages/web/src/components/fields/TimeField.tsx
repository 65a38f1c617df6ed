import { TextInput, type TextInputProps } from '@mantine/core';
import { IconClock } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseTime } from './fieldFormat';

export interface TimeFieldProps extends Omit<TextInputProps, 'value' | 'onChange' | 'type'> {
  /** The time of day as the API takes it (HH:MM, 24 hours), '' when empty. */
  value: string;
  onChange: (value: string) => void;
  'data-testid'?: string;
}

/**
 * A time of day on the 24-hour clock (17:00) in German and English alike, whatever the operating system
 * shows; it also takes 17.00, 17 Uhr, 1700 and 5 pm, and writes what it understood on leaving the field.
 */
export function TimeField({ value, onChange, error, onBlur, placeholder, ...props }: TimeFieldProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value);
  const [bad, setBad] = useState(false);
  // A value set from outside (a reset, another field) replaces what is typed, unless it means the same.
  useEffect(() => {
    setText((current) => (parseTime(current) === value || (current === '' && value === '') ? current : value));
  }, [value]);
  return (
    <TextInput
      inputMode="numeric"
      autoComplete="off"
      placeholder={placeholder ?? t('fields.timePlaceholder')}
      leftSection={<IconClock size={16} stroke={1.5} />}
      value={text}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        setBad(false);
        if (next.trim() === '') onChange('');
        else {
          const parsed = parseTime(next);
          if (parsed !== null && parsed !== value) onChange(parsed);
        }
      }}
      onBlur={(e) => {
        const parsed = parseTime(text);
        if (parsed !== null) setText(parsed);
        setBad(text.trim() !== '' && parsed === null);
        onBlur?.(e);
      }}
      error={bad ? t('fields.badTime') : error}
      {...props}
    />
  );
}
