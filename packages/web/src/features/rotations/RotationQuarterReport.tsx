import { ActionIcon, Alert, Group, Paper, Skeleton, Table, Text, Title, Tooltip } from '@mantine/core';
import type { RotationReportLine } from '@nenner/shared';
import { IconChevronLeft, IconChevronRight } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { errorMessage } from '../../components/notify';
import { formatNumber, formatPercent, quarterOf, shiftQuarter } from '../../i18n/format';
import { formatRating } from './rotationFormat';
import { useRotationReport } from './useRotations';

/** Per host department and quarter: rotations, people, days spent, learning goals met, the mentors' mean rating. */
export function RotationQuarterReport() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [quarter, setQuarter] = useState(() => quarterOf(new Date()));
  const report = useRotationReport(quarter);
  const row = (line: RotationReportLine) => (
    <Table.Tr key={line.department ?? 'total'} data-testid={`rotation-report-${line.department ?? 'total'}`}>
      <Table.Th scope="row">
        {line.department ? (
          <DepartmentBadge department={line.department} />
        ) : (
          <Text size="sm" fw={700}>
            {t('rotations.quarter.total')}
          </Text>
        )}
      </Table.Th>
      <Table.Td ta="right">{formatNumber(line.rotations, lng)}</Table.Td>
      <Table.Td ta="right">{formatNumber(line.people, lng)}</Table.Td>
      <Table.Td ta="right">{formatNumber(line.days, lng)}</Table.Td>
      <Table.Td ta="right">
        {line.goalsTotal === 0
          ? '–'
          : `${t('rotations.goalsDone', { done: line.goalsMet, total: line.goalsTotal })} (${formatPercent(line.goalsMet / line.goalsTotal, lng)})`}
      </Table.Td>
      <Table.Td ta="right">
        {formatRating(line.meanRating, lng)}
        {line.ratings > 0 && (
          <Text span size="xs" c="dimmed">
            {' '}
            {t('rotations.quarter.ratings', { count: line.ratings })}
          </Text>
        )}
      </Table.Td>
    </Table.Tr>
  );
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rotation-quarter-title">
      <Group justify="space-between" mb="xs" wrap="wrap">
        <Title order={2} size="h4" id="rotation-quarter-title">
          {t('rotations.quarter.title')}
        </Title>
        <Group gap="xs">
          <Tooltip label={t('rotations.quarter.previous')}>
            <ActionIcon
              variant="default"
              aria-label={t('rotations.quarter.previous')}
              onClick={() => setQuarter((q) => shiftQuarter(q, -1))}
            >
              <IconChevronLeft size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Text fw={600} aria-live="polite" data-testid="rotation-quarter">
            {t('rotations.quarter.name', { quarter: quarter.slice(6), year: quarter.slice(0, 4) })}
          </Text>
          <Tooltip label={t('rotations.quarter.next')}>
            <ActionIcon
              variant="default"
              aria-label={t('rotations.quarter.next')}
              onClick={() => setQuarter((q) => shiftQuarter(q, 1))}
            >
              <IconChevronRight size={16} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      </Group>
      <Text size="sm" c="dimmed" mb="sm">
        {t('rotations.quarter.intro')}
      </Text>
      {report.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(t, report.error)}
        </Alert>
      ) : report.isPending ? (
        <Skeleton h={140} />
      ) : (
        <Table.ScrollContainer minWidth={640}>
          <Table striped verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('rotations.hostDepartment')}</Table.Th>
                <Table.Th ta="right">{t('rotations.quarter.rotations')}</Table.Th>
                <Table.Th ta="right">{t('rotations.quarter.people')}</Table.Th>
                <Table.Th ta="right">{t('rotations.quarter.days')}</Table.Th>
                <Table.Th ta="right">{t('rotations.quarter.goalsMet')}</Table.Th>
                <Table.Th ta="right">{t('rotations.quarter.meanRating')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {report.data.departments.map(row)}
              {row(report.data.total)}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
