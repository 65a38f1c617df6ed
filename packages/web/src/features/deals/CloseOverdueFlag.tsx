import { Badge, Tooltip, VisuallyHidden } from '@mantine/core';
import type { Deal } from '@nenner/shared';
import { IconCalendarExclamation } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useUserTimeZone } from '../../components/fields/useUserTimeZone';
import { formatDay } from '../../i18n/format';
import { closeOverdueDays } from './closeOverdue';

/**
 * A red "3 days overdue" badge on an open deal whose close date has passed in the user's time zone.
 * Screen readers hear the whole sentence ("Close date passed 3 days ago"); the tooltip adds the date.
 */
export function CloseOverdueFlag({
  deal,
  size = 'xs',
}: {
  deal: Pick<Deal, 'status' | 'closeDate'>;
  size?: 'xs' | 'sm';
}) {
  const { t, i18n } = useTranslation();
  const timeZone = useUserTimeZone();
  const days = closeOverdueDays(deal, new Date(), timeZone);
  if (days === null || !deal.closeDate) return null;
  const sentence = t('deals.closeOverdueLong', { count: days });
  return (
    <Tooltip
      label={`${sentence}. ${t('deals.closeOverdueHint', { date: formatDay(deal.closeDate, i18n.language) })}`}
      multiline
      w={260}
      withArrow
    >
      <Badge
        size={size}
        color="red"
        variant="light"
        leftSection={<IconCalendarExclamation size={size === 'xs' ? 10 : 12} aria-hidden />}
        data-testid="close-overdue"
      >
        <VisuallyHidden>{sentence}</VisuallyHidden>
        <span aria-hidden>{t('deals.closeOverdue', { count: days })}</span>
      </Badge>
    </Tooltip>
  );
}
