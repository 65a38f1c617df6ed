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
import { useMemo, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/notify';
import { formatDay } from '../../i18n/format';
import { chartOption, isEmpty } from './chartOptions';
import { toCsv, widgetTable } from './csv';
import { attributionRowName, fileSlug, widgetTitle } from './labels';
import { widgetPeriodRange } from './period';
import { useWidgetData } from './useDashboards';
import { type ChartInstance, WidgetChart } from './WidgetChart';

const noOptions: WidgetOptions = {};

const download = (href: string, name: string) => {
  const a = document.createElement('a');
  a.href = href;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
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
  const fileName = `nenner-${fileSlug(title)}-${range.from}-${range.to}`;

  const exportCsv = () => {
    if (!data) return;
    const blob = new Blob([`\uFEFF${toCsv(widgetTable(t, options, data))}`], { type: 'text/csv;charset=utf-8' });
    const url = URL.createObjectURL(blob);
    download(url, `${fileName}.csv`);
    setTimeout(() => URL.revokeObjectURL(url), 1000);
  };
  const exportPng = () => {
    const c = chart.current;
    if (!c) return;
    download(c.getDataURL({ type: 'png', pixelRatio: 2, backgroundColor: '#fff' }), `${fileName}.png`);
  };

  const empty = data ? isEmpty(data) : false;
  return (
    <Paper withBorder p="md" radius="md" component="section" aria-label={title} h="100%">
      <Group justify="space-between" align="flex-start" wrap="nowrap" mb="xs">
        <Stack gap={0} style={{ minWidth: 0 }}>
          <Text fw={650} truncate="end">
            {title}
          </Text>
          <Text size="xs" c="dimmed">
            {t(`dashboards.period.${widget.period}`)} · {formatDay(range.from, lng)} – {formatDay(range.to, lng)}
          </Text>
        </Stack>
        <Group gap={4} wrap="nowrap">
          {edit && (
            <>
              <Tooltip label={t('dashboards.moveUp')}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={edit.onMoveUp}
                  disabled={!edit.onMoveUp}
                  aria-label={t('dashboards.moveUpNamed', { name: title })}
                >
                  <IconArrowUp size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('dashboards.moveDown')}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={edit.onMoveDown}
                  disabled={!edit.onMoveDown}
                  aria-label={t('dashboards.moveDownNamed', { name: title })}
                >
                  <IconArrowDown size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('dashboards.editWidget')}>
                <ActionIcon
                  variant="subtle"
                  color="gray"
                  onClick={edit.onEdit}
                  aria-label={t('dashboards.editWidgetNamed', { name: title })}
                >
                  <IconPencil size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
              <Tooltip label={t('dashboards.removeWidget')}>
                <ActionIcon
                  variant="subtle"
                  color="red"
                  onClick={edit.onRemove}
                  aria-label={t('dashboards.removeWidgetNamed', { name: title })}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              </Tooltip>
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
                onClick={exportPng}
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
    </Paper>
  );
}
