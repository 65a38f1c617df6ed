import { ActionIcon, Alert, Group, Menu, Paper, Skeleton, Stack, Text, Tooltip } from '@mantine/core';
import type { DashboardWidget, WidgetOptions } from '@nenner/shared';
import {
  IconArrowDown,
  IconArrowUp,
  IconDots,
  IconFileSpreadsheet,
  IconPencil,
  IconPhoto,
  IconTrash,
} from '@tabler/icons-react';
import { type ReactNode, useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { FigureHelp } from '../../components/FigureHelp';
import { errorMessage } from '../../components/notify';
import { formatDay, formatMoney } from '../../i18n/format';
import { chartOption, isEmpty } from './chartOptions';
import { toCsv, widgetTable } from './csv';
import { attributionRowName, fileSlug, widgetTitle } from './labels';
import { widgetPeriodRange } from './period';
import { useWidgetData } from './useDashboards';
import { type ChartInstance, WidgetChart } from './WidgetChart';

const noOptions: WidgetOptions = {};

/** One of the card's edit-mode buttons: an icon with a tooltip, disabled when it has nothing to do. */
const EditButton = ({
  tip,
  label,
  onClick,
  icon,
  color = 'gray',
}: {
  tip: string;
  label: string;
  onClick: (() => void) | undefined;
  icon: ReactNode;
  color?: string;
}) => (
  <Tooltip label={tip}>
    <ActionIcon variant="subtle" color={color} onClick={onClick} disabled={!onClick} aria-label={label}>
      {icon}
    </ActionIcon>
  </Tooltip>
);

const download = (href: string, name: string) => {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
};

/** The chart image with the widget's title and period above it, so a pasted picture says what it shows. */
const withHeading = async (chartPng: string, title: string, subtitle: string): Promise<string> => {
  const img = new Image();
  img.src = chartPng;
  await img.decode();
  const scale = 2; // the chart's pixel ratio
  const head = 52 * scale;
  const canvas = document.createElement('canvas');
  canvas.width = img.width;
  canvas.height = img.height + head;
  const ctx = canvas.getContext('2d');
  if (!ctx) return chartPng;
  ctx.fillStyle = '#fff';
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.fillStyle = '#212529';
  ctx.font = `600 ${16 * scale}px system-ui, sans-serif`;
  ctx.fillText(title, 12 * scale, 22 * scale, canvas.width - 24 * scale);
  ctx.fillStyle = '#868e96';
  ctx.font = `${12 * scale}px system-ui, sans-serif`;
  ctx.fillText(subtitle, 12 * scale, 40 * scale, canvas.width - 24 * scale);
  ctx.drawImage(img, 0, head);
  return canvas.toDataURL('image/png');
};

/** Editing controls a card shows in edit mode. */
export interface WidgetEditControls {
  onEdit: () => void;
  onRemove: () => void;
  onMoveUp?: (() => void) | undefined;
  onMoveDown?: (() => void) | undefined;
}

/** One widget: its chart for the period, and a menu to export its figures as CSV or the chart as PNG. */
export function WidgetCard({
  widget,
  today,
  edit,
}: {
  widget: DashboardWidget;
  today: string;
  edit?: WidgetEditControls | undefined;
}) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const range = widgetPeriodRange(widget.period, today);
  const query = useWidgetData(widget, range);
  const chart = useRef<ChartInstance | null>(null);
  const title = widgetTitle(t, widget);
  const data = query.data;
  const options = widget.options ?? noOptions;
  const option = useMemo(
    () => (data ? chartOption(t, lng, data, options, (by, row) => attributionRowName(t, by, row)) : null),
    [data, t, lng, options],
  );
  const periodLabel = `${t(`dashboards.period.${widget.period}`)} · ${formatDay(range.from, lng)} – ${formatDay(range.to, lng)}`;
  const fileName = `nenner-${fileSlug(title)}-${range.from}-${range.to}`;

  const exportCsv = () => {
    if (!data) return;
    const blob = new Blob([`\uFEFF${toCsv(widgetTable(t, options, data))}`], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    download(url, `${fileName}.csv`);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const exportPng = async () => {
    const c = chart.current;
    if (!c) return;
    const png = c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' });
    download(await withHeading(png, title, periodLabel), `${fileName}.png`);
  };

  const empty = data ? isEmpty(data) : false;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title} h="100%">
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={650} truncate="end">
            {title}
          </Text>
          <Group gap={4} wrap="nowrap">
            <Text size="xs" c="dimmed">
              {periodLabel}
            </Text>
            {widget.type === 'funnel' && <FigureHelp figure="cohortMqls" />}
            {widget.type === 'contribution' && <FigureHelp figure="moneyPerCurrency" />}
          </Group>
        </Stack>
        <Group gap={4} wrap="nowrap">
          {edit && (
            <>
              <EditButton
                tip={t('dashboards.moveUp')}
                label={t('dashboards.moveUpNamed', { name: title })}
                onClick={edit.onMoveUp}
                icon={<IconArrowUp size={16} aria-hidden />}
              />
              <EditButton
                tip={t('dashboards.moveDown')}
                label={t('dashboards.moveDownNamed', { name: title })}
                onClick={edit.onMoveDown}
                icon={<IconArrowDown size={16} aria-hidden />}
              />
              <EditButton
                tip={t('dashboards.editWidget')}
                label={t('dashboards.editWidgetNamed', { name: title })}
                onClick={edit.onEdit}
                icon={<IconPencil size={16} aria-hidden />}
              />
              <EditButton
                tip={t('dashboards.removeWidget')}
                label={t('dashboards.removeWidgetNamed', { name: title })}
                onClick={edit.onRemove}
                icon={<IconTrash size={16} aria-hidden />}
                color="red"
              />
            </>
          )}
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon variant="subtle" color="gray" aria-label={t('dashboards.widgetMenu', { name: title })}>
                <IconDots size={18} aria-hidden />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                leftSection={<IconFileSpreadsheet size={16} aria-hidden />}
                onClick={exportCsv}
                disabled={!data}
              >
                {t('dashboards.exportCsv')}
              </Menu.Item>
              <Menu.Item
                leftSection={<IconPhoto size={16} aria-hidden />}
                onClick={() => void exportPng()}
                disabled={!data || empty}
              >
                {t('dashboards.exportPng')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </Group>
      {query.isPending ? (
        <Skeleton height={280} />
      ) : query.isError ? (
        <Alert color="red" variant="light">
          {errorMessage(t, query.error)}
        </Alert>
      ) : empty || !option ? (
        <EmptyState>{t(`dashboards.empty.${widget.type}`)}</EmptyState>
      ) : (
        <WidgetChart
          option={option}
          label={title}
          lng={lng}
          height={widget.type === 'leadFlow' ? 320 : 280}
          onChart={(c) => {
            chart.current = c;
          }}
        />
      )}
      {(data?.type === 'attribution' || data?.type === 'topCampaigns') && data.result.byCurrency.length > 1 && (
        // the chart holds one currency; the others are named with their totals, never dropped silently
        <Text size="xs" c="dimmed" mt="xs" data-testid="widget-other-currencies">
          {t('figures.otherCurrencies', {
            list: data.result.byCurrency
              .filter((c) => c.currency !== data.result.currency)
              .map((c) => formatMoney(c.total, c.currency, lng, true))
              .join(' · '),
          })}
        </Text>
      )}
      {data?.type === 'pipelineBySource' && data.result.otherCurrencies.length > 0 && (
        <Text size="xs" c="dimmed" mt="xs" data-testid="widget-other-currencies">
          {t('figures.otherCurrencies', {
            list: data.result.otherCurrencies
              .map((o) =>
                t('figures.pipelineRevenue', {
                  pipeline: formatMoney(o.pipeline.marketing + o.pipeline.sales, o.currency, lng, true),
                  revenue: formatMoney(o.revenue.marketing + o.revenue.sales, o.currency, lng, true),
                }),
              )
              .join(' · '),
          })}
        </Text>
      )}
    </Paper>
  );
}
