import type { TFunction } from 'i18next';
import { formatPoints } from '../../i18n/format';
import type { ScoreLine } from './useLeads';

/**
 * One breakdown line as a sentence, e.g. de: „+20 Position enthält „leiter““,
 * „+7,5 Webinar vor 14 Tagen (abgeschwächt)“. With the contact's actual value, a list rule names the
 * value that matched.
 */
export const scoreLineText = (t: TFunction, line: ScoreLine, lng: string, actual?: string | null): string => {
  const points = formatPoints(line.points, lng);
  if (line.kind === 'fit') {
    const values = Array.isArray(line.value) ? line.value : [line.value];
    const a = (actual ?? '').toLocaleLowerCase('de');
    const hit =
      a && line.operator === 'contains'
        ? values.filter((v) => a.includes(v.toLocaleLowerCase('de')))
        : a
          ? values.filter((v) => v.toLocaleLowerCase('de') === a)
          : [];
    const shown = (hit.length > 0 ? hit : values).map((v) => `„${v}“`).join(t('leads.scoreLine.or'));
    return t(`leads.scoreLine.${line.operator}`, {
      points,
      field: t(`leads.fitField.${line.field}`, { defaultValue: line.field }),
      value: shown,
    });
  }
  const type = t(`leads.touchpoint.${line.touchpointType}`, { defaultValue: line.touchpointType });
  const when = line.ageDays === 0 ? t('leads.scoreLine.today') : t('leads.scoreLine.daysAgo', { count: line.ageDays });
  const decayed = line.points !== line.basePoints;
  return t(decayed ? 'leads.scoreLine.engagementDecayed' : 'leads.scoreLine.engagement', { points, type, when });
};
