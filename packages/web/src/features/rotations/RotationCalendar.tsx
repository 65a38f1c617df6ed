import { ActionIcon, Box, Button, Group, Paper, SegmentedControl, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { departmentColor } from '../../app/theme';
import { DepartmentBadge, isDepartment } from '../../components/DepartmentBadge';
import { errorMessage } from '../../components/notify';
import { localDay } from '../goals/goalForm';
import {
  type CalendarSpan,
  type CalendarWindow,
  calendarLanes,
  calendarWindow,
  dayOffset,
  monthTicks,
  shiftWindow,
} from './rotationCalendar';
import { formatMonth, formatRotationPeriod } from './rotationFormat';
import { useRotationsInWindow } from './useRotations';

const pct = (share: number) => `${(share * 100).toFixed(3)}%`;

/**
 * Who is where, when: a lane per person over a month or a quarter, each rotation a bar in the host
 * department's colour. Every bar is a link that says in words what it shows.
 */
export function RotationCalendar() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const today = localDay(new Date());
  const [span, setSpan] = useState<CalendarSpan>('quarter');
  const [window, setWindow] = useState<CalendarWindow>(() => calendarWindow('quarter', today));
  const rotations = useRotationsInWindow(window.from, window.to);
  const lanes = calendarLanes(rotations.data?.items ?? [], window, { locale: lng });
  const todayAt = dayOffset(window, today);
  const ticks = monthTicks(window);
  const title =
    span === 'month' ? formatMonth(window.from.slice(0, 7), lng) : formatRotationPeriod(window.from, window.to, lng);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rotation-calendar-title">
      <Group justify="space-between" mb="md" wrap="wrap">
        <Group gap="xs">
          <Tooltip label={t('rotations.calendar.previous')}>
            <ActionIcon
              variant="default"
              onClick={() => setWindow((w) => shiftWindow(span, w, -1))}
              aria-label={t('rotations.calendar.previous')}
            >
              <IconChevronLeft size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Text fw={600} id="rotation-calendar-title" aria-live="polite" data-testid="rotation-calendar-window">
            {title}
          </Text>
          <Tooltip label={t('rotations.calendar.next')}>
            <ActionIcon
              variant="default"
              onClick={() => setWindow((w) => shiftWindow(span, w, 1))}
              aria-label={t('rotations.calendar.next')}
            >
              <IconChevronRight size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Button variant="subtle" size="xs" onClick={() => setWindow(calendarWindow(span, today))}>
            {t('rotations.calendar.today')}
          </Button>
        </Group>
        <SegmentedControl
          size="xs"
          value={span}
          onChange={(v) => {
            const next = v as CalendarSpan;
            setSpan(next);
            setWindow((w) => calendarWindow(next, todayAt !== null ? today : w.from));
          }}
          data={[
            { value: 'month', label: t('rotations.calendar.month') },
            { value: 'quarter', label: t('rotations.calendar.quarter') },
          ]}
          aria-label={t('rotations.calendar.span')}
        />
      </Group>
      <Group gap="xs" mb="sm" aria-hidden>
        <Text size="xs" c="dimmed">
          {t('rotations.calendar.legend')}
        </Text>
        <DepartmentBadge department="marketing" size="xs" />
        <DepartmentBadge department="sales" size="xs" />
      </Group>
      {rotations.isError ? (
        <Text c="red" size="sm" role="alert">
          {errorMessage(t, rotations.error)}
        </Text>
      ) : rotations.isPending ? (
        <Skeleton h={120} />
      ) : lanes.length === 0 ? (
        <Text size="sm" c="dimmed" py="md" data-testid="rotation-calendar-empty">
          {t('rotations.calendar.empty')}
        </Text>
      ) : (
        <Stack gap={0}>
          <Box pos="relative" h={22} ml={180} aria-hidden>
            {ticks.map((tick) => (
              <Text
                key={tick.month}
                size="xs"
                c="dimmed"
                pos="absolute"
                style={{ left: pct(tick.offset), whiteSpace: 'nowrap' }}
              >
                {formatMonth(tick.month, lng)}
              </Text>
            ))}
          </Box>
          <Box component="ul" p={0} m={0} style={{ listStyle: 'none' }} data-testid="rotation-calendar">
            {lanes.map((lane) => (
              <Group
                component="li"
                key={lane.person.id}
                gap={0}
                wrap="nowrap"
                py={4}
                style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
              >
                <Text size="sm" w={180} pr="sm" truncate="end" style={{ flexShrink: 0 }}>
                  {lane.person.name}
                </Text>
                <Box pos="relative" h={26} style={{ flex: 1 }}>
                  {ticks.map((tick) => (
                    <Box
                      key={tick.month}
                      pos="absolute"
                      top={0}
                      bottom={0}
                      style={{ left: pct(tick.offset), borderLeft: '1px dashed var(--mantine-color-gray-3)' }}
                      aria-hidden
                    />
                  ))}
                  {todayAt !== null && (
                    <Box
                      pos="absolute"
                      top={0}
                      bottom={0}
                      style={{ left: pct(todayAt), borderLeft: '2px solid var(--mantine-color-red-5)', zIndex: 1 }}
                      aria-hidden
                    />
                  )}
                  {lane.bars.map((bar) => {
                    const host = bar.rotation.hostDepartment;
                    const color = isDepartment(host) ? departmentColor[host] : 'gray';
                    const label = t('rotations.calendar.bar', {
                      name: bar.rotation.person.name,
                      department: t(`department.${host}`),
                      period: formatRotationPeriod(bar.rotation.startsOn, bar.rotation.endsOn, lng),
                      status: t(`rotations.status.${bar.rotation.status}`),
                    });
                    return (
                      <Tooltip key={bar.rotation.id} label={label} withArrow>
                        <Link
                          to="/rotations/$rotationId"
                          params={{ rotationId: bar.rotation.id }}
                          aria-label={label}
                          data-testid="rotation-bar"
                          style={{
                            position: 'absolute',
                            top: 3,
                            height: 20,
                            left: pct(bar.offset),
                            width: pct(bar.width),
                            minWidth: 6,
                            background: `var(--mantine-color-${color}-${bar.rotation.status === 'completed' ? 3 : 6})`,
                            borderRadius: `${bar.clippedStart ? 0 : 4}px ${bar.clippedEnd ? 0 : 4}px ${bar.clippedEnd ? 0 : 4}px ${bar.clippedStart ? 0 : 4}px`,
                            display: 'block',
                          }}
                        />
                      </Tooltip>
                    );
                  })}
                </Box>
              </Group>
            ))}
          </Box>
        </Stack>
      )}
    </Paper>
  );
}
