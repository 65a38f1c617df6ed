import { Alert, Group, Paper, Select, Stack, Table, Text } from '@mantine/core';
import { handoffStatuses } from '@nenner/shared';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { LoadMore } from '../../components/ListControls';
import { errorMessage } from '../../components/notify';
import { TableSkeleton } from '../../components/TableSkeleton';
import { formatDateTime, formatSpan } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { HandoffStatusBadge, RoutingRule } from './HandoffBadges';
import { reasonLabel, useHandoffs, useRejectReasons } from './useLeads';

/** "What happened to my leads": every handoff with status, reason and time to response, for both sides. */
export function LeadOutcomes() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [status, setStatus] = useState('');
  const list = useHandoffs({ status: status || undefined });
  const reasons = useRejectReasons();
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Stack gap="md">
      <Group justify="space-between" align="flex-end">
        <Text size="sm" c="dimmed" maw={640}>
          {t('leads.outcomesIntro')}
        </Text>
        <Select
          label={t('leads.statusFilter')}
          data={[
            { value: '', label: t('common.all') },
            ...[...handoffStatuses, 'breached' as const].map((s) => ({
              value: s,
              label: s === 'breached' ? t('leads.breached') : t(`leads.status.${s}`),
            })),
          ]}
          value={status}
          onChange={(v) => setStatus(v ?? '')}
          allowDeselect={false}
          w={220}
        />
      </Group>
      <Paper withBorder p="md">
        {list.isError ? (
          <Alert color="red" role="alert">
            {errorMessage(t, list.error)}
          </Alert>
        ) : list.isPending ? (
          <TableSkeleton rows={5} />
        ) : rows.length === 0 ? (
          <EmptyState>{status ? t('leads.outcomesEmptyFiltered') : t('leads.outcomesEmpty')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={900}>
            <Table verticalSpacing="xs" striped>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('leads.col.contact')}</Table.Th>
                  <Table.Th>{t('leads.col.qualifiedAt')}</Table.Th>
                  <Table.Th>{t('leads.col.assignee')}</Table.Th>
                  <Table.Th>{t('leads.col.status')}</Table.Th>
                  <Table.Th>{t('leads.col.reason')}</Table.Th>
                  <Table.Th>{t('leads.col.response')}</Table.Th>
                  <Table.Th>{t('leads.col.source')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((h) => (
                  <Table.Tr key={h.id}>
                    <Table.Td>
                      <Link to="/leads/$handoffId" params={{ handoffId: h.id }} className="nenner-link">
                        {h.contact.name || h.contact.email}
                      </Link>
                      <Text size="xs" c="dimmed">
                        {h.contact.accountName}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{formatDateTime(h.qualifiedAt, i18n.language, me.timeZone)}</Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{h.assignee?.name ?? t('leads.unassigned')}</Text>
                      <RoutingRule rule={h.routingRule} />
                    </Table.Td>
                    <Table.Td>
                      <HandoffStatusBadge handoff={h} />
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{reasonLabel(reasons.data?.value, h.rejectReason, i18n.language) || '–'}</Text>
                      {h.rejectComment && (
                        <Text size="xs" c="dimmed" lineClamp={2} title={h.rejectComment}>
                          {h.rejectComment}
                        </Text>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">
                        {h.respondedAt
                          ? formatSpan(Date.parse(h.respondedAt) - Date.parse(h.qualifiedAt), i18n.language)
                          : t('leads.notYet')}
                      </Text>
                    </Table.Td>
                    <Table.Td>
                      <Text size="sm">{h.source ?? '–'}</Text>
                      {h.utmCampaign && (
                        <Text size="xs" c="dimmed">
                          {h.utmCampaign}
                        </Text>
                      )}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      {rows.length > 0 && (
        <LoadMore
          shown={rows.length}
          hasMore={Boolean(list.hasNextPage)}
          loading={list.isFetchingNextPage}
          onLoad={() => void list.fetchNextPage()}
        />
      )}
    </Stack>
  );
}
