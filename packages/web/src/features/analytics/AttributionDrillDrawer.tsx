import { Alert, Drawer, Group, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import type { AttributionModel } from '@nenner/shared';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/notify';
import { formatDateTime, formatMoney, formatNumber } from '../../i18n/format';
import { type AttributionParams, useAttributionDrill } from './useAttribution';

export interface DrillCell {
  id: string;
  model: AttributionModel;
  /** Row and model names, for the title. */
  rowName: string;
  modelName: string;
}

/** The deals behind one cell of the attribution report, each with its touches and their credit. */
export function AttributionDrillDrawer({
  params,
  cell,
  onClose,
}: {
  params: AttributionParams;
  cell: DrillCell | null;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const drill = useAttributionDrill(params, cell && { id: cell.id, model: cell.model });
  const deals = drill.data?.deals ?? [];
  return (
    <Drawer
      opened={cell !== null}
      onClose={onClose}
      position="right"
      size="xl"
      title={cell ? t('analytics.drill.title', { row: cell.rowName, model: cell.modelName }) : ''}
      data-testid="attr-drill"
    >
      {drill.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(t, drill.error)}
        </Alert>
      ) : drill.isPending ? (
        <Stack>
          <Skeleton h={80} />
          <Skeleton h={80} />
        </Stack>
      ) : deals.length === 0 ? (
        <EmptyState>{t('analytics.drill.empty')}</EmptyState>
      ) : (
        <Stack>
          <Text size="sm" c="dimmed">
            {t('analytics.drill.count', { n: formatNumber(drill.data.total, lng) })}
            {drill.data.total > deals.length &&
              ` ${t('analytics.drill.showing', { n: formatNumber(deals.length, lng) })}`}
          </Text>
          {deals.map((d) => (
            <Paper key={d.id} withBorder p="sm" component="article" aria-label={d.name} data-testid="attr-drill-deal">
              <Group justify="space-between" align="flex-start" mb="xs">
                <div>
                  <Link to="/deals/$dealId" params={{ dealId: d.id }} className="nenner-link">
                    {d.name}
                  </Link>
                  {d.accountName && (
                    <Text size="xs" c="dimmed">
                      {d.accountName}
                    </Text>
                  )}
                </div>
                <Stack gap={0} align="flex-end">
                  <Text size="sm">
                    {t('analytics.drill.amount')}: {formatMoney(d.amount, d.currency, lng)}
                  </Text>
                  <Text size="sm" fw={600}>
                    {t('analytics.drill.credit')}: {formatMoney(d.credit, d.currency, lng)}
                  </Text>
                </Stack>
              </Group>
              {d.touches.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('analytics.drill.noTouches')}
                </Text>
              ) : (
                <Table verticalSpacing={4} fz="sm" aria-label={`${t('analytics.drill.touches')}: ${d.name}`}>
                  <Table.Thead>
                    <Table.Tr>
                      <Table.Th>{t('analytics.drill.when')}</Table.Th>
                      <Table.Th>{t('analytics.drill.type')}</Table.Th>
                      <Table.Th>{t('analytics.drill.campaign')}</Table.Th>
                      <Table.Th>{t('analytics.drill.contact')}</Table.Th>
                      <Table.Th ta="right">{t('analytics.drill.credit')}</Table.Th>
                    </Table.Tr>
                  </Table.Thead>
                  <Table.Tbody>
                    {d.touches.map((x) => (
                      <Table.Tr
                        key={x.id}
                        fw={x.inCell ? 600 : undefined}
                        bg={x.inCell ? 'var(--mantine-color-blue-light)' : undefined}
                      >
                        <Table.Td style={{ whiteSpace: 'nowrap' }}>{formatDateTime(x.occurredAt, lng)}</Table.Td>
                        <Table.Td>{t(`leads.touchpoint.${x.type}`, { defaultValue: x.type })}</Table.Td>
                        <Table.Td>{x.campaignName || t('analytics.drill.noCampaign')}</Table.Td>
                        <Table.Td>
                          {x.contactId && x.contactName ? (
                            <Link to="/contacts/$contactId" params={{ contactId: x.contactId }} className="nenner-link">
                              {x.contactName}
                            </Link>
                          ) : (
                            x.contactName || '–'
                          )}
                        </Table.Td>
                        <Table.Td ta="right">{formatMoney(x.credit, d.currency, lng)}</Table.Td>
                      </Table.Tr>
                    ))}
                  </Table.Tbody>
                </Table>
              )}
            </Paper>
          ))}
        </Stack>
      )}
    </Drawer>
  );
}
