import { Button, Group, Input, Pill, Text } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField } from './DateField';
import { formatDayInput } from './fieldFormat';

interface HolidayListFieldProps {
  label: string;
  description?: string;
  /** The days (YYYY-MM-DD), in order. */
  value: string[];
  onChange: (value: string[]) => void;
  disabled?: boolean;
  max?: number;
  'data-testid'?: string;
}

/** A list of days (holidays, days off): each typed or picked in the user's language, shown as 24.12.2026. */
export function HolidayListField({
  label,
  description,
  value,
  onChange,
  disabled,
  max = 100,
  'data-testid': testId,
}: HolidayListFieldProps) {
  const { t, i18n } = useTranslation();
  const [draft, setDraft] = useState('');
  const add = () => {
    if (!draft) return;
    onChange([...new Set([...value, draft])].sort());
    setDraft('');
  };
  return (
    <Input.Wrapper label={label} description={description} data-testid={testId}>
      <Group gap="xs" align="flex-start" wrap="nowrap" mt={4}>
        <DateField
          aria-label={`${label} – ${t('fields.date')}`}
          value={draft}
          onChange={setDraft}
          disabled={disabled || value.length >= max}
          onKeyDown={(e) => {
            if (e.key === 'Enter') {
              e.preventDefault();
              add();
            }
          }}
          style={{ flex: 1 }}
          data-testid={testId && `${testId}-input`}
        />
        <Button
          variant="default"
          leftSection={<IconPlus size={14} />}
          onClick={add}
          disabled={disabled || !draft}
          data-testid={testId && `${testId}-add`}
        >
          {t('fields.addHoliday')}
        </Button>
      </Group>
      {value.length === 0 ? (
        <Text size="xs" c="dimmed" mt={6}>
          {t('fields.noHolidays')}
        </Text>
      ) : (
        <Pill.Group mt={6} data-testid={testId && `${testId}-days`}>
          {value.map((day) => {
            const shown = formatDayInput(day, i18n.language);
            return (
              <Pill
                key={day}
                withRemoveButton={!disabled}
                onRemove={() => onChange(value.filter((d) => d !== day))}
                removeButtonProps={{ 'aria-label': t('fields.removeHoliday', { day: shown }) }}
              >
                {shown}
              </Pill>
            );
          })}
        </Pill.Group>
      )}
    </Input.Wrapper>
  );
}
