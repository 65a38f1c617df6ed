import { Alert, Paper, Skeleton, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { PeriodFields } from '../../components/fields';
import { errorMessage } from '../../components/notify';
import { type ReportColumn, ReportTable } from '../../components/ReportTable';
import { formatMoney, formatNumber, formatPercent } from '../../i18n/format';
import { useWinLoss } from '../competitors/useCompetitors';
import { closeReasonLabel, useCloseReasons } from '../deals/useDeals';

const pad = (n: number) => String(n).padStart(2, '0');
const isoDay = (d: Date) => `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}`;
/** This calendar year up to today. */
const thisYear = (now = new Date()) => ({ from: `${now.getFullYear()}-01-01`, to: isoDay(now) });

type Row = NonNullable<ReturnType<typeof useWinLoss>['data']>['competitors'][number];

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
  const count = (key: 'met' | 'won' | 'lost' | 'lostTo'): ReportColumn<Row> => ({
    key,
    header: t(`winLoss.${key}`),
    align: 'right',
    cell: (r) => n(r[key]),
  });
  const columns: ReportColumn<Row>[] = [
    {
      key: 'competitor',
      header: t('winLoss.competitor'),
      cell: (r) => (
        <Link to="/competitors/$competitorId" params={{ competitorId: r.competitor.id }} className="nenner-link">
          {r.competitor.name}
        </Link>
      ),
    },
    count('met'),
    count('won'),
    count('lost'),
    count('lostTo'),
    { key: 'winRate', header: t('winLoss.winRate'), align: 'right', cell: (r) => formatPercent(r.winRate, lng) },
    {
      key: 'lostAmount',
      header: t('winLoss.lostAmount'),
      align: 'right',
      cell: (r) =>
        r.lostAmount.length === 0
          ? '–'
          : r.lostAmount.map((a) => <div key={a.currency}>{formatMoney(a.amount, a.currency, lng, true)}</div>),
    },
    {
      key: 'topReasons',
      header: t('winLoss.topReasons'),
      cell: (r) =>
        r.topLossReasons.length === 0
          ? '–'
          : r.topLossReasons
              .map((x) => `${closeReasonLabel(reasons.data?.value, x.reason, 'lost', lng)} (${n(x.count)})`)
              .join(', '),
    },
  ];
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
          <ReportTable
            columns={columns}
            rows={rows}
            rowKey={(r) => r.competitor.id}
            rowHeaders
            striped
            verticalSpacing="xs"
            minWidth={860}
          />
        )}
      </Paper>
    </Stack>
  );
}
