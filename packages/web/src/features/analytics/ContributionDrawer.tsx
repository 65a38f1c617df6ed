import { Alert, Drawer, Skeleton, Stack, Table, Text } from '@mantine/core';
import type { ContributionLink } from '@nenner/shared';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/notify';
import { formatDate, formatMoney, formatNumber } from '../../i18n/format';
import { useContributionRecords } from './useReports';

/** The deals or handoffs behind one scorecard figure, newest first. */
export function ContributionDrawer({ link, onClose }: { link: ContributionLink | null; onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const records = useContributionRecords(link);
  const data = records.data;
  const title = link
    ? `${t(`analytics.contribution.figure.${link.figure}`)} · ${
        link.department ? t(`department.${link.department}`) : t('analytics.contribution.all')
      }`
    : '';
  return (
    <Drawer
      opened={link !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={title}
      data-testid="contrib-drill"
    >
      {records.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(t, records.error)}
        </Alert>
      ) : !data ? (
        <Stack>
          <Skeleton h={40} />
          <Skeleton h={40} />
          <Skeleton h={40} />
        </Stack>
      ) : data.records.length === 0 ? (
        <EmptyState>{t('analytics.contribution.noRecords')}</EmptyState>
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('analytics.contribution.count', { n: formatNumber(data.total, lng) })}
            {data.total > data.records.length &&
              ` ${t('analytics.contribution.moreRecords', { n: formatNumber(data.records.length, lng) })}`}
          </Text>
          <Table.ScrollContainer minWidth={560}>
            <Table striped verticalSpacing={6} fz="sm" aria-label={title}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('analytics.contribution.name')}</Table.Th>
                  <Table.Th ta="right">{t('analytics.contribution.amount')}</Table.Th>
                  <Table.Th>{t('analytics.contribution.date')}</Table.Th>
                  <Table.Th>{t('analytics.contribution.owner')}</Table.Th>
                  <Table.Th>{t('analytics.contribution.source')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {data.records.map((r) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      {r.kind === 'deal' ? (
                        <Link to="/deals/$dealId" params={{ dealId: r.id }} className="nenner-link">
                          {r.name}
                        </Link>
                      ) : (
                        <Link to="/leads/$handoffId" params={{ handoffId: r.id }} className="nenner-link">
                          {r.name}
                        </Link>
                      )}
                    </Table.Td>
                    <Table.Td ta="right" style={{ whiteSpace: 'nowrap' }}>
                      {r.amount === null || r.currency === null ? '–' : formatMoney(r.amount, r.currency, lng)}
                    </Table.Td>
                    <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDate(r.date, lng)}</Table.Td>
                    <Table.Td>{r.owner?.name ?? '–'}</Table.Td>
                    <Table.Td>
                      {r.source === 'marketing' || r.source === 'sales' ? (
                        <DepartmentBadge department={r.source} size="sm" />
                      ) : (
                        (r.source ?? '–')
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        </Stack>
      )}
    </Drawer>
  );
}
