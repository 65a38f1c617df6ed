import { ActionIcon, Group, NumberInput, Paper, Select, Stack, Text } from '@mantine/core';
import type { AgendaSection, AgendaTemplate } from '@nenner/shared';
import { IconArrowDown, IconArrowUp, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { missingSections, moveSection } from './meetingForm';
import { agendaMinutes } from './meetingFormat';

interface Props {
  value: AgendaTemplate;
  onChange: (next: AgendaTemplate) => void;
  /** The meeting's length, to compare the time boxes with. */
  durationMinutes: number | string;
  /** Errors by the API's paths (`agendaTemplate`, `agendaTemplate.2.minutes`). */
  errors: Record<string, string>;
  disabled: boolean;
}

/** The agenda template: its sections in order, each with a time box; reorder with up and down. */
export function AgendaTemplateEditor({ value, onChange, durationMinutes, errors, disabled }: Props) {
  const { t } = useTranslation();
  const sum = agendaMinutes(value);
  const duration = Number(durationMinutes);
  const missing = missingSections(value);
  const name = (s: AgendaSection) => t(`meetings.section.${s}`);
  const setMinutes = (i: number, minutes: number) => onChange(value.map((s, j) => (j === i ? { ...s, minutes } : s)));
  return (
    <Stack gap={6}>
      <div>
        <Text size="sm" fw={600}>
          {t('meetings.agendaTemplate')}
        </Text>
        <Text size="xs" c="dimmed">
          {t('meetings.agendaTemplateHint')}
        </Text>
      </div>
      <Paper withBorder p="xs" data-testid="meeting-agenda-template">
        <Stack gap={6}>
          {value.map((s, i) => (
            <Group key={s.section} gap="xs" wrap="nowrap" data-testid={`agenda-template-${s.section}`}>
              <Text size="sm" style={{ flex: 1 }}>
                {i + 1}. {name(s.section)}
              </Text>
              <NumberInput
                aria-label={t('meetings.sectionMinutes', { section: name(s.section) })}
                value={s.minutes}
                onChange={(v) => setMinutes(i, typeof v === 'number' ? v : Number(v) || 0)}
                min={1}
                max={240}
                allowDecimal={false}
                allowNegative={false}
                w={90}
                size="xs"
                rightSection={
                  <Text size="xs" c="dimmed">
                    {t('meetings.minutesUnit')}
                  </Text>
                }
                error={errors[`agendaTemplate.${i}.minutes`]}
                disabled={disabled}
              />
              <ActionIcon
                variant="subtle"
                aria-label={t('meetings.moveSectionUp', { section: name(s.section) })}
                disabled={disabled || i === 0}
                onClick={() => onChange(moveSection(value, i, -1))}
              >
                <IconArrowUp size={16} aria-hidden />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                aria-label={t('meetings.moveSectionDown', { section: name(s.section) })}
                disabled={disabled || i === value.length - 1}
                onClick={() => onChange(moveSection(value, i, 1))}
              >
                <IconArrowDown size={16} aria-hidden />
              </ActionIcon>
              <ActionIcon
                variant="subtle"
                color="red"
                aria-label={t('meetings.removeSection', { section: name(s.section) })}
                disabled={disabled || value.length === 1}
                onClick={() => onChange(value.filter((_, j) => j !== i))}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            </Group>
          ))}
        </Stack>
      </Paper>
      {missing.length > 0 && (
        <Select
          aria-label={t('meetings.addSection')}
          placeholder={t('meetings.addSection')}
          data={missing.map((s) => ({ value: s, label: name(s) }))}
          value={null}
          onChange={(v) => v && onChange([...value, { section: v as AgendaSection, minutes: 10 }])}
          disabled={disabled}
          w={{ base: '100%', sm: 280 }}
          size="xs"
        />
      )}
      <Text
        size="xs"
        c={Number.isFinite(duration) && sum > duration ? 'orange' : 'dimmed'}
        data-testid="meeting-time-box-sum"
      >
        {Number.isFinite(duration) && sum > duration
          ? t('meetings.timeBoxOver', { sum, duration })
          : t('meetings.timeBoxSum', { sum, duration: Number.isFinite(duration) ? duration : '–' })}
      </Text>
      {errors.agendaTemplate && (
        <Text size="sm" c="red">
          {errors.agendaTemplate}
        </Text>
      )}
    </Stack>
  );
}
