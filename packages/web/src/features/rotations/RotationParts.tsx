import { Badge, type BadgeProps, Group, Text } from '@mantine/core';
import type { Rotation, RotationStatus } from '@nenner/shared';
import { IconArrowRight } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { rotationStatusColor } from './rotationFormat';

/** „Geplant“, „Läuft“, „Abgeschlossen“ or „Abgesagt“. */
export function RotationStatusBadge({ status, ...rest }: { status: RotationStatus } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge
      variant="light"
      color={rotationStatusColor[status]}
      size="sm"
      data-status={status}
      style={{ flexShrink: 0, minWidth: 'max-content' }}
      {...rest}
    >
      {t(`rotations.status.${status}`)}
    </Badge>
  );
}

/** From the home department to the host: „Marketing → Vertrieb“, read out as „von Marketing zu Vertrieb“. */
export function RotationDirection({ rotation }: { rotation: Pick<Rotation, 'homeDepartment' | 'hostDepartment'> }) {
  const { t } = useTranslation();
  return (
    <Group
      gap={4}
      wrap="nowrap"
      role="img"
      aria-label={t('rotations.direction', {
        from: t(`department.${rotation.homeDepartment}`),
        to: t(`department.${rotation.hostDepartment}`),
      })}
    >
      <DepartmentBadge department={rotation.homeDepartment} size="xs" />
      <IconArrowRight size={14} aria-hidden />
      <DepartmentBadge department={rotation.hostDepartment} size="xs" />
    </Group>
  );
}

/** The person's name, linking to the rotation. */
export function RotationLink({ rotation, children }: { rotation: Pick<Rotation, 'id'>; children: React.ReactNode }) {
  return (
    <Link to="/rotations/$rotationId" params={{ rotationId: rotation.id }} className="nenner-link">
      {children}
    </Link>
  );
}

/** A small line under a title: what a section is for. */
export function Hint({ children }: { children: React.ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

/** „im Perspektivwechsel“: an action only the host department's rights of a job rotation allowed. */
export function HostRightsBadge() {
  const { t } = useTranslation();
  return (
    <Badge size="xs" variant="outline" color="indigo" data-testid="host-rights-badge">
      {t('rotations.activity.hostRights')}
    </Badge>
  );
}
