import {
  Alert,
  Button,
  Group,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  Title,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { type AttributionModel, attributionModels } from '@nenner/shared';
import { IconDownload } from '@tabler/icons-react';
import { type ReactNode, useCallback, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/notify';
import { type ReportColumn, ReportTable } from '../../components/ReportTable';
import { formatMoney } from '../../i18n/format';
import { AttributionChart } from './AttributionChart';
import { AttributionDrillDrawer, type DrillCell } from './AttributionDrillDrawer';
import {
  attributionCurrencies,
  buildAttributionTable,
  type ChartBar,
  type CurrencyTotal,
  chartBars,
  type ModelCredits,
  UNATTRIBUTED,
} from './attributionTable';
import { modelHint, modelLabel, rowLabel } from './labels';
import { PeriodPicker } from './PeriodPicker';
import { isValidPeriod, presetPeriod } from './period';
import {
  type AttributionDimension,
  type AttributionMeasure,
  attributionQueryString,
  useAttributionReport,
  useAttributionSettings,
} from './useAttribution';

const dimensions: AttributionDimension[] = ['campaign', 'channel', 'department'];
const measures: AttributionMeasure[] = ['pipeline', 'revenue'];
const selectedBg = 'var(--mantine-color-blue-light)';

/** A row of the table: a campaign, channel or department, the unattributed credit, or the total. */
interface AttrRow {
  id: string;
  name: string;
  label: ReactNode;
  credits: ModelCredits;
  drill: boolean;
}

/** All seven attribution models side by side for a period, one of them as a chart, every cell drillable. */
export function AttributionView() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [period, setPeriod] = useState(() => presetPeriod('thisYear'));
  const [measure, setMeasure] = useState<AttributionMeasure>('pipeline');
  const [by, setBy] = useState<AttributionDimension>('campaign');
  const [chosen, setChosen] = useState<AttributionModel | null>(null);
  const [cell, setCell] = useState<DrillCell | null>(null);
  const [pickedCurrency, setPickedCurrency] = useState<string | null>(null);
  const settings = useAttributionSettings();
  const halfLife = settings.data?.value.halfLifeDays ?? 7;
  const model = chosen ?? settings.data?.value.defaultModel ?? 'w';
  const valid = isValidPeriod(period);
  const params = useMemo(() => ({ ...period, by, measure }), [period, by, measure]);
  const report = useAttributionReport(params, valid);
  const currencies = useMemo(() => attributionCurrencies(report.data?.models ?? {}), [report.data]);
  // the picked currency while the period still has it, else the leading one
  const currency = currencies.some((c) => c.currency === pickedCurrency)
    ? (pickedCurrency as string)
    : currencies[0]?.currency;
  const table = useMemo(() => buildAttributionTable(report.data?.models ?? {}, currency), [report.data, currency]);
  const drillParams = useMemo(() => ({ ...params, currency: table.currency || undefined }), [params, table.currency]);
  const bars = useMemo(() => chartBars(table, model), [table, model]);
  const money = (v: number) => formatMoney(v, table.currency || 'EUR', lng);
  const name = (m: AttributionModel) => modelLabel(t, m, lng, halfLife);
  const dimensionName = t(`analytics.dimension.${by}`);
  const nameOfBar = useCallback((b: ChartBar) => rowLabel(t, by, b), [t, by]);
  const open = useCallback(
    (id: string, rowName: string, m: AttributionModel) =>
      setCell({ id, model: m, rowName, modelName: modelLabel(t, m, lng, halfLife) }),
    [t, lng, halfLife],
  );
  const onBar = useCallback((b: ChartBar) => open(b.id, rowLabel(t, by, b), model), [open, t, by, model]);
  const empty = table.models.length > 0 && table.rows.length === 0 && table.totals[model] === 0;

  const amount = (r: AttrRow, m: AttributionModel) => {
    const value = r.credits[m];
    return r.drill ? (
      <UnstyledButton
        className="nenner-link"
        fz="sm"
        onClick={() => open(r.id, r.name, m)}
        aria-label={t('analytics.openCell', { row: r.name, model: name(m), amount: money(value) })}
      >
        {money(value)}
      </UnstyledButton>
    ) : (
      money(value)
    );
  };
  const columns: ReportColumn<AttrRow>[] = [
    { key: 'row', header: dimensionName, cell: (r) => r.label, cellProps: { miw: 160 } },
    ...attributionModels.map(
      (m): ReportColumn<AttrRow> => ({
        key: m,
        align: 'right',
        cardLabel: name(m),
        header: (
          <Tooltip label={modelHint(t, m, lng, halfLife)} multiline w={280} withinPortal>
            <UnstyledButton
              fz="sm"
              fw={700}
              ta="right"
              onClick={() => setChosen(m)}
              aria-label={t('analytics.showModel', { model: name(m) })}
              aria-pressed={m === model}
            >
              {name(m)}
            </UnstyledButton>
          </Tooltip>
        ),
        headerProps: {
          'data-testid': `attr-col-${m}`,
          'data-selected': m === model || undefined,
          bg: m === model ? selectedBg : undefined,
          'aria-current': m === model ? 'true' : undefined,
          style: { verticalAlign: 'bottom' },
        },
        cell: (r) => amount(r, m),
        cellProps: { style: { whiteSpace: 'nowrap' } },
        cellPropsOf: (r) => ({
          'data-testid': `attr-cell-${r.id}-${m}`,
          'data-selected': m === model || undefined,
          bg: m === model ? selectedBg : undefined,
        }),
      }),
    ),
  ];
  const unattributed = t('analytics.unattributed');
  const rows: AttrRow[] = [
    ...table.rows.map((r) => {
      const label = rowLabel(t, by, r);
      return { id: r.id, name: label, label, credits: r.credits, drill: true };
    }),
    {
      id: UNATTRIBUTED,
      name: unattributed,
      label: (
        <Tooltip label={t('analytics.unattributedHint')} withinPortal>
          <span>{unattributed}</span>
        </Tooltip>
      ),
      credits: table.unattributed,
      drill: true,
    },
  ];
  const total = t('analytics.total');
  const footer: AttrRow[] = [{ id: 'total', name: total, label: total, credits: table.totals, drill: false }];

  return (
    <Stack>
      <Group align="flex-end" justify="space-between">
        <Group align="flex-end">
          <PeriodPicker value={period} onChange={setPeriod} />
          <Stack gap={4}>
            <Text size="sm" fw={500} id="attr-measure-label">
              {t('analytics.measure.label')}
            </Text>
            <SegmentedControl
              value={measure}
              onChange={(v) => setMeasure(v as AttributionMeasure)}
              data={measures.map((m) => ({ value: m, label: t(`analytics.measure.${m}`) }))}
              aria-labelledby="attr-measure-label"
              data-testid="attr-measure-switch"
            />
          </Stack>
          <Stack gap={4}>
            <Text size="sm" fw={500} id="attr-by-label">
              {t('analytics.dimension.label')}
            </Text>
            <SegmentedControl
              value={by}
              onChange={(v) => setBy(v as AttributionDimension)}
              data={dimensions.map((d) => ({ value: d, label: t(`analytics.dimension.${d}`) }))}
              aria-labelledby="attr-by-label"
              data-testid="attr-by-switch"
            />
          </Stack>
        </Group>
        <Button
          component="a"
          href={valid ? `/api/reports/attribution.csv${attributionQueryString(params)}` : undefined}
          download
          variant="light"
          leftSection={<IconDownload size={16} aria-hidden />}
          disabled={!valid}
          data-testid="attr-csv"
        >
          {t('analytics.exportCsv')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('analytics.intro')} {t(`analytics.measureHint.${measure}`)}
      </Text>
      {currencies.length > 1 && (
        <CurrencyPanel currencies={currencies} shown={table.currency} onPick={setPickedCurrency} lng={lng} />
      )}
      {report.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(t, report.error)}
        </Alert>
      ) : !report.data ? (
        <Skeleton h={320} />
      ) : (
        <>
          <Paper withBorder p="md" component="section" aria-labelledby="attr-chart-title">
            <Group justify="space-between" align="flex-start" mb="sm">
              <div>
                <Title order={2} size="h4" id="attr-chart-title">
                  {name(model)}
                </Title>
                <Text size="sm" c="dimmed" maw={640}>
                  {modelHint(t, model, lng, halfLife)}
                </Text>
              </div>
              <SegmentedControl
                value={model}
                onChange={(v) => setChosen(v as AttributionModel)}
                data={attributionModels.map((m) => ({ value: m, label: t(`analytics.modelShort.${m}`) }))}
                aria-label={t('analytics.modelSwitch')}
                data-testid="attr-model-switch"
                size="xs"
              />
            </Group>
            {empty || bars.length === 0 ? (
              <EmptyState>{t('analytics.empty')}</EmptyState>
            ) : (
              <AttributionChart
                bars={bars}
                label={t('analytics.chartLabel', { dimension: dimensionName, model: name(model) })}
                currency={table.currency || 'EUR'}
                lng={lng}
                nameOf={nameOfBar}
                onSelect={onBar}
              />
            )}
          </Paper>
          <Paper withBorder p="md">
            <ReportTable
              columns={columns}
              rows={rows}
              footer={footer}
              rowKey={(r) => r.id}
              rowProps={(r) => ({ 'data-testid': `attr-row-${r.id}` })}
              rowHeaders
              striped
              highlightOnHover
              verticalSpacing="xs"
              fz="sm"
              testId="attribution-table"
              ariaLabel={t('analytics.tableLabel', { dimension: dimensionName })}
              style={{ opacity: report.isPlaceholderData ? 0.6 : 1 }}
              minWidth={980}
            />
          </Paper>
        </>
      )}
      <AttributionDrillDrawer params={drillParams} cell={cell} onClose={() => setCell(null)} />
    </Stack>
  );
}

/**
 * Every currency of the period with its total, always visible, and the switch for the table: amounts are
 * never converted, and the currencies not shown are named, so no deal silently drops out of the report.
 */
function CurrencyPanel({
  currencies,
  shown,
  onPick,
  lng,
}: {
  currencies: CurrencyTotal[];
  shown: string;
  onPick: (currency: string) => void;
  lng: string;
}) {
  const { t } = useTranslation();
  const others = currencies.filter((c) => c.currency !== shown).map((c) => c.currency);
  return (
    <Paper withBorder p="sm" data-testid="attr-currencies">
      <Group justify="space-between" align="center" gap="sm">
        <Group gap="md" wrap="wrap">
          <Text size="sm" fw={500}>
            {t('analytics.currency.totals')}
          </Text>
          {currencies.map((c) => (
            <Text key={c.currency} size="sm" data-testid={`attr-currency-total-${c.currency}`}>
              <Text span fw={700} size="sm">
                {formatMoney(c.total, c.currency, lng)}
              </Text>{' '}
              <Text span c="dimmed" size="sm">
                ({t('analytics.currency.deals', { count: c.deals })})
              </Text>
            </Text>
          ))}
        </Group>
        <SegmentedControl
          value={shown}
          onChange={onPick}
          data={currencies.map((c) => c.currency)}
          aria-label={t('analytics.currency.switch')}
          data-testid="attr-currency-switch"
          size="xs"
        />
      </Group>
      <Text size="sm" c="dimmed" mt={4} data-testid="attr-currency-note">
        {t('analytics.currency.separate', { shown, others: others.join(', ') })}
      </Text>
    </Paper>
  );
}
