import { Badge, type BadgeProps } from '@mantine/core';
import type { Department } from '@nenner/shared';
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
