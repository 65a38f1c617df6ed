import { Alert, Group, Paper, Select, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import type { Forecast } from '@nenner/shared';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/notify';
import { formatMoney, formatNumber, quarterOf } from '../../i18n/format';
import { quarterOptions } from './DealFilters';
import { useForecast } from './useDeals';

type Figures = Forecast['totals'];

/** One line per currency: the amounts are never added across currencies. */
function Money({ figures, field }: { figures: Figures; field: keyof Figures[number] }) {
  const { i18n } = useTranslation();
  if (figures.length === 0) return <>–</>;
  return (
    <Stack gap={0}>
      {figures.map((f) => (
        <span key={f.currency}>{formatMoney(Number(f[field]), f.currency, i18n.language, true)}</span>
      ))}
    </Stack>
  );
}

function FigureTable({ rows }: { rows: { key: string; label: ReactNode; figures: Figures }[] }) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <EmptyState>{t('forecast.empty')}</EmptyState>;
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table striped verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th />
            <Table.Th ta="right">{t('forecast.won')}</Table.Th>
            <Table.Th ta="right">{t('forecast.committed')}</Table.Th>
            <Table.Th ta="right">{t('forecast.bestCase')}</Table.Th>
            <Table.Th ta="right">{t('forecast.weighted')}</Table.Th>
            <Table.Th ta="right">{t('forecast.pipeline')}</Table.Th>
            <Table.Th ta="right">{t('forecast.deals')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((r) => (
            <Table.Tr key={r.key}>
              <Table.Th scope="row" fw={500}>
                {r.label}
              </Table.Th>
              {(['won', 'committed', 'bestCase', 'weighted', 'pipeline'] as const).map((f) => (
                <Table.Td key={f} ta="right">
                  <Money figures={r.figures} field={f} />
                </Table.Td>
              ))}
              <Table.Td ta="right">
                {formatNumber(
                  r.figures.reduce((s, f) => s + f.deals, 0),
                  i18n.language,
                )}
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The quarter forecast: committed / best case / weighted per currency, per owner and per team. */
export function ForecastView({ pipelineId }: { pipelineId: string | undefined }) {
  const { t } = useTranslation();
  const [quarter, setQuarter] = useState(() => quarterOf(new Date()));
  const forecast = useForecast(quarter, pipelineId);
  const f = forecast.data;
  return (
    <Stack>
      <Group align="flex-end">
        <Select
          label={t('forecast.quarter')}
          data={quarterOptions().map((q) => ({ value: q, label: q.replace('-', ' ') }))}
          value={quarter}
          onChange={(v) => v && setQuarter(v)}
          allowDeselect={false}
          w={160}
        />
        <Text size="sm" c="dimmed" maw={640}>
          {t('forecast.explain')}
        </Text>
      </Group>
      {forecast.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(t, forecast.error)}
        </Alert>
      ) : !f ? (
        <Skeleton h={240} />
      ) : (
        <>
          <SimpleGrid cols={{ base: 2, md: 4 }}>
            {(['won', 'committed', 'bestCase', 'weighted'] as const).map((k) => (
              <Paper key={k} withBorder p="md" component="section" aria-label={t(`forecast.${k}`)}>
                <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                  {t(`forecast.${k}`)}
                </Text>
                <Text fz={22} fw={700} data-testid={`forecast-${k}`}>
                  {f.totals.length === 0 ? '–' : <Money figures={f.totals} field={k} />}
                </Text>
                <Text size="xs" c="dimmed">
                  {t(`forecast.${k}Hint`)}
                </Text>
              </Paper>
            ))}
          </SimpleGrid>
          <Paper withBorder p="md" component="section" aria-labelledby="forecast-owner">
            <Title order={2} size="h4" id="forecast-owner" mb="sm">
              {t('forecast.byOwner')}
            </Title>
            <FigureTable
              rows={f.byOwner.map((r) => ({
                key: r.owner?.id ?? 'none',
                label: r.owner ? (
                  <Group gap={6}>
                    {r.owner.name}
                    <DepartmentBadge department={r.owner.department} size="xs" />
                  </Group>
                ) : (
                  t('common.noOwner')
                ),
                figures: r.figures,
              }))}
            />
          </Paper>
          <Paper withBorder p="md" component="section" aria-labelledby="forecast-team">
            <Title order={2} size="h4" id="forecast-team" mb="sm">
              {t('forecast.byTeam')}
            </Title>
            <FigureTable
              rows={f.byTeam.map((r) => ({
                key: r.team?.id ?? 'none',
                label: r.team?.name ?? t('reports.noTeam'),
                figures: r.figures,
              }))}
            />
          </Paper>
        </>
      )}
    </Stack>
  );
}
