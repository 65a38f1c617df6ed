import { type AttributionModel, campaignChannels, departments, sourceSuggestions } from '@nenner/shared';
import type { TFunction } from 'i18next';
import { formatNumber } from '../../i18n/format';
import { UNATTRIBUTED } from './attributionTable';
import type { AttributionDimension } from './useAttribution';

const isChannel = (code: string): code is (typeof campaignChannels)[number] =>
  (campaignChannels as readonly string[]).includes(code);
const isDepartment = (code: string): code is (typeof departments)[number] =>
  (departments as readonly string[]).includes(code);

/** A model's full name; time decay names its half-life (7 days unless the settings say otherwise). */
export const modelLabel = (t: TFunction, model: AttributionModel, lng: string, halfLifeDays = 7): string =>
  t(`analytics.model.${model}`, { days: formatNumber(halfLifeDays, lng) });

export const modelHint = (t: TFunction, model: AttributionModel, lng: string, halfLifeDays = 7): string =>
  t(`analytics.modelHint.${model}`, { days: formatNumber(halfLifeDays, lng) });

/** A row's name: campaigns by their name, channel and department codes translated. */
export const rowLabel = (t: TFunction, by: AttributionDimension, row: { id: string; name: string }): string => {
  if (row.id === UNATTRIBUTED) return t('analytics.unattributed');
  if (row.id === 'others') return t('analytics.others');
  if (by === 'channel' && isChannel(row.id)) return t(`analytics.channel.${row.id}`);
  if (by === 'department' && isDepartment(row.id)) return t(`department.${row.id}`);
  return row.name || row.id;
};

/** A channel code translated, anything unknown as it is. */
export const channelLabel = (t: TFunction, code: string): string =>
  isChannel(code) ? t(`analytics.channel.${code}`) : code;

/** A lead source: the suggested keys translated (the dashboards' labels), free text as it is. */
export const sourceLabel = (t: TFunction, key: string): string =>
  (sourceSuggestions as readonly string[]).includes(key) ? t(`dashboards.source.${key}`, { defaultValue: key }) : key;
