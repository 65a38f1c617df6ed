import { Alert, Paper, Skeleton, Stack, Table, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { PeriodFields } from '../../components/fields';
import { errorMessage } from '../../components/notify';
import { formatMoney, formatNumber, formatPercent } from '../../i18n/format';
import { useWinLoss } from '../competitors/useCompetitors';
import { closeReasonLabel, useCloseReasons } from '../deals/useDeals';

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
/** This calendar year up to today. */
const thisYear = (now = new Date()) => ({ from: `${now.getFullYear()}-01-01`, to: isoDay(now) });

/** Win/loss per competitor for deals closed in a period: met, won, lost, win rate, lost amount, top loss reasons. */
export function WinLossView() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [period, setPeriod] = useState(thisYear);
  const reasons = useCloseReasons();
  const valid =
    /^\d{4}-\d{2}-\d{2}$/.test(period.from) && /^\d{4}-\d{2}-\d{2}$/.test(period.to) && period.from <= period.to;
  const report = useWinLoss(period, valid);
  const rows = report.data?.competitors ?? [];
  const n = (x: number) => formatNumber(x, lng);
  return (
    <Stack>
      <PeriodFields value={period} onChange={setPeriod} invalid={!valid} testId="winloss-period" />
      <Text size="sm" c="dimmed">
        {t('winLoss.intro')}
      </Text>
      <Paper withBorder p="md">
        {report.isError ? (
          <Alert color="red" role="alert">
            {errorMessage(t, report.error)}
          </Alert>
        ) : !report.data ? (
          <Skeleton h={200} />
        ) : rows.length === 0 ? (
          <EmptyState>{t('winLoss.empty')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={860}>
            <Table striped verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('winLoss.competitor')}</Table.Th>
                  <Table.Th ta="right">{t('winLoss.met')}</Table.Th>
                  <Table.Th ta="right">{t('winLoss.won')}</Table.Th>
                  <Table.Th ta="right">{t('winLoss.lost')}</Table.Th>
                  <Table.Th ta="right">{t('winLoss.lostTo')}</Table.Th>
                  <Table.Th ta="right">{t('winLoss.winRate')}</Table.Th>
                  <Table.Th ta="right">{t('winLoss.lostAmount')}</Table.Th>
                  <Table.Th>{t('winLoss.topReasons')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {rows.map((r) => (
                  <Table.Tr key={r.competitor.id}>
                    <Table.Th scope="row" fw={500}>
                      <Link
                        to="/competitors/$competitorId"
                        params={{ competitorId: r.competitor.id }}
                        className="nenner-link"
                      >
                        {r.competitor.name}
                      </Link>
                    </Table.Th>
                    <Table.Td ta="right">{n(r.met)}</Table.Td>
                    <Table.Td ta="right">{n(r.won)}</Table.Td>
                    <Table.Td ta="right">{n(r.lost)}</Table.Td>
                    <Table.Td ta="right">{n(r.lostTo)}</Table.Td>
                    <Table.Td ta="right">{formatPercent(r.winRate, lng)}</Table.Td>
                    <Table.Td ta="right">
                      {r.lostAmount.length === 0
                        ? '–'
                        : r.lostAmount.map((a) => (
                            <div key={a.currency}>{formatMoney(a.amount, a.currency, lng, true)}</div>
                          ))}
                    </Table.Td>
                    <Table.Td>
                      {r.topLossReasons.length === 0
                        ? '–'
                        : r.topLossReasons
                            .map(
                              (x) => `${closeReasonLabel(reasons.data?.value, x.reason, 'lost', lng)} (${n(x.count)})`,
                            )
                            .join(', ')}
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
    </Stack>
  );
}
