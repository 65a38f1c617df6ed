import { Badge, type BadgeProps, Group, Text } from '@mantine/core';
import type { Department, UserRef } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { departmentColor } from '../app/theme';

export const isDepartment = (d: string | null | undefined): d is Department =>
  d === 'marketing' || d === 'sales' || d === 'management';

export function DepartmentBadge({ department, ...rest }: { department: string } & BadgeProps) {
  const { t } = useTranslation();
  if (!isDepartment(department)) return null;
  return (
    <Badge color={departmentColor[department]} variant="light" {...rest}>
      {t(`department.${department}`)}
    </Badge>
  );
}

/** A record's owner with their department, or "no owner". */
export function OwnerName({ owner }: { owner: UserRef | null }) {
  const { t } = useTranslation();
  return owner ? (
    <Group gap={6} wrap="nowrap">
      <Text size="sm">{owner.name}</Text>
      <DepartmentBadge department={owner.department} size="xs" />
    </Group>
  ) : (
    <Text size="sm" c="dimmed">
      {t('common.noOwner')}
    </Text>
  );
}

/** Active or inactive (a user, a form). */
export function ActiveBadge({ active }: { active: boolean }) {
  const { t } = useTranslation();
  return (
    <Badge color={active ? 'teal' : 'gray'} variant="light">
      {active ? t('settings.active') : t('settings.inactive')}
    </Badge>
  );
}
