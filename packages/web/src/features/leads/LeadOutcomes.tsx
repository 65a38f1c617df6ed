import { Group, Paper, Select, Stack, Text } from '@mantine/core';
import { contract, handoffStatuses } from '@nenner/shared';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordTable } from '../../components/RecordTable';
import { formatDateTime, formatSpan } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { ExportButton } from '../exports/ExportButton';
import { HandoffStatusBadge, RoutingRule } from './HandoffBadges';
import { type HandoffFilter, reasonLabel, useHandoffs, useRejectReasons } from './useLeads';

/** "What happened to my leads": every handoff with status, reason and time to response, for both sides. */
export function LeadOutcomes() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const [status, setStatus] = useState('');
  const query = { status: (status || undefined) as HandoffFilter['status'] };
  const list = useHandoffs(query);
  const reasons = useRejectReasons();
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
        <ExportButton endpoint={contract.exportHandoffs} filters={query} />
      </Group>
      <Paper withBorder p="md">
        <RecordTable
          list={list}
          rowKey={(h) => h.id}
          minWidth={900}
          highlightOnHover={false}
          empty={status ? t('leads.outcomesEmptyFiltered') : t('leads.outcomesEmpty')}
          columns={[
            {
              key: 'contact',
              header: t('leads.col.contact'),
              cell: (h) => (
                <>
                  <Link to="/leads/$handoffId" params={{ handoffId: h.id }} className="nenner-link">
                    {h.contact.name || h.contact.email}
                  </Link>
                  <Text size="xs" c="dimmed">
                    {h.contact.accountName}
                  </Text>
                </>
              ),
            },
            {
              key: 'qualified',
              header: t('leads.col.qualifiedAt'),
              cell: (h) => <Text size="sm">{formatDateTime(h.qualifiedAt, i18n.language, me.timeZone)}</Text>,
            },
            {
              key: 'assignee',
              header: t('leads.col.assignee'),
              cell: (h) => (
                <>
                  <Text size="sm">{h.assignee?.name ?? t('leads.unassigned')}</Text>
                  <RoutingRule rule={h.routingRule} />
                </>
              ),
            },
            { key: 'status', header: t('leads.col.status'), cell: (h) => <HandoffStatusBadge handoff={h} /> },
            {
              key: 'reason',
              header: t('leads.col.reason'),
              cell: (h) => (
                <>
                  <Text size="sm">{reasonLabel(reasons.data?.value, h.rejectReason, i18n.language) || '–'}</Text>
                  {h.rejectComment && (
                    <Text size="xs" c="dimmed" lineClamp={2} title={h.rejectComment}>
                      {h.rejectComment}
                    </Text>
                  )}
                </>
              ),
            },
            {
              key: 'response',
              header: t('leads.col.response'),
              cell: (h) => (
                <Text size="sm">
                  {h.respondedAt
                    ? formatSpan(Date.parse(h.respondedAt) - Date.parse(h.qualifiedAt), i18n.language)
                    : t('leads.notYet')}
                </Text>
              ),
            },
            {
              key: 'source',
              header: t('leads.col.source'),
              cell: (h) => (
                <>
                  <Text size="sm">{h.source ?? '–'}</Text>
                  {h.utmCampaign && (
                    <Text size="xs" c="dimmed">
                      {h.utmCampaign}
                    </Text>
                  )}
                </>
              ),
            },
          ]}
        />
      </Paper>
    </Stack>
  );
}
