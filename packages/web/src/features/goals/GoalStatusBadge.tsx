import { Badge, type BadgeProps } from '@mantine/core';
import type { GoalStatus } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { goalStatusColor } from './goalFormat';

/** „Im Plan“, „Gefährdet“, „Verfehlt“ or „Noch nicht begonnen“, in the status's colour. */
export function GoalStatusBadge({ status, ...rest }: { status: GoalStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={goalStatusColor[status]}
      size="sm"
      data-status={status}
      // a status is short: shown whole, never cut to „IM PL…“ in a narrow cell
      style={{ flexShrink: 0, minWidth: 'max-content' }}
      {...rest}
    >
      {t(`goals.status.${status}`)}
    </Badge>
  );
}
