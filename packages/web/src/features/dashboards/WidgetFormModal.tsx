import { Button, Group, Modal, Select, Stack, TextInput } from '@mantine/core';
import {
  attributionDimensions,
  attributionMeasures,
  attributionModels,
  type DashboardWidget,
  funnelDimensions,
  leadFlowDimensions,
  type WidgetOptions,
  type WidgetType,
  widgetOptionKeys,
  widgetPeriods,
  widgetTitleMax,
  widgetTypes,
} from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_MODEL, defaultMeasure } from './widgets';

const byChoices: Partial<Record<WidgetType, readonly string[]>> = {
  funnel: funnelDimensions,
  leadFlow: leadFlowDimensions,
  attribution: attributionDimensions,
};

/** A new widget's id: unique enough within one dashboard, stable when widgets move. */
const newWidgetId = (): string => crypto.randomUUID();

/** Adds a widget or changes one: its type, period, optional title and the options its type takes. */
export function WidgetFormModal({
  widget,
  onSave,
  onClose,
}: {
  widget?: DashboardWidget | undefined;
  onSave: (widget: DashboardWidget) => void;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [type, setType] = useState<WidgetType>(widget?.type ?? 'funnel');
  const [period, setPeriod] = useState(widget?.period ?? 'thisQuarter');
  const [title, setTitle] = useState(widget?.title ?? '');
  const [options, setOptions] = useState<WidgetOptions>(widget?.options ?? {});
  const allowed = widgetOptionKeys[type];
  const set = (key: keyof WidgetOptions, value: string | null) =>
    setOptions((o) => ({ ...o, [key]: value ?? undefined }));

  const save = () => {
    // Keep only the options this type takes, so a changed type never carries a stale one.
    const kept: WidgetOptions = {};
    if (allowed.includes('model') && options.model) kept.model = options.model;
    if (allowed.includes('measure') && options.measure) kept.measure = options.measure;
    if (allowed.includes('by') && options.by && byChoices[type]?.includes(options.by)) kept.by = options.by;
    onSave({
      id: widget?.id ?? newWidgetId(),
      type,
      period,
      ...(title.trim() && { title: title.trim() }),
      ...(Object.keys(kept).length > 0 && { options: kept }),
    });
  };

  return (
    <Modal opened onClose={onClose} title={t(widget ? 'dashboards.editWidget' : 'dashboards.addWidget')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        <Stack>
          <Select
            label={t('dashboards.widgetType')}
            data={widgetTypes.map((x) => ({ value: x, label: t(`dashboards.type.${x}`) }))}
            value={type}
            onChange={(v) => v && setType(v as WidgetType)}
            allowDeselect={false}
            description={t(`dashboards.typeHint.${type}`)}
          />
          <Select
            label={t('dashboards.widgetPeriod')}
            data={widgetPeriods.map((x) => ({ value: x, label: t(`dashboards.period.${x}`) }))}
            value={period}
            onChange={(v) => v && setPeriod(v as typeof period)}
            allowDeselect={false}
          />
          <TextInput
            label={t('dashboards.widgetTitle')}
            placeholder={t(`dashboards.type.${type}`)}
            value={title}
            maxLength={widgetTitleMax}
            onChange={(e) => setTitle(e.currentTarget.value)}
          />
          {allowed.includes('model') && (
            <Select
              label={t('dashboards.model')}
              data={attributionModels.map((x) => ({ value: x, label: t(`analytics.modelShort.${x}`) }))}
              value={options.model ?? DEFAULT_MODEL}
              onChange={(v) => set('model', v)}
              allowDeselect={false}
            />
          )}
          {allowed.includes('measure') && (
            <Select
              label={t('dashboards.measure')}
              data={attributionMeasures.map((x) => ({ value: x, label: t(`dashboards.measures.${x}`) }))}
              value={options.measure ?? defaultMeasure[type] ?? 'pipeline'}
              onChange={(v) => set('measure', v)}
              allowDeselect={false}
            />
          )}
          {allowed.includes('by') && (
            <Select
              label={t('dashboards.by')}
              data={(byChoices[type] ?? []).map((x) => ({ value: x, label: t(`dashboards.dimension.${x}`) }))}
              value={options.by && byChoices[type]?.includes(options.by) ? options.by : (byChoices[type]?.[0] ?? null)}
              onChange={(v) => set('by', v)}
              allowDeselect={false}
            />
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit">{t(widget ? 'dashboards.applyWidget' : 'dashboards.addWidget')}</Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
