import { Alert, Anchor, Button, Grid, Group, Modal, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { can, type Rotation, rotationRecord } from '@nenner/shared';
import { IconArrowLeft, IconCalendarOff, IconPencil } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OwnerName } from '../../components/DepartmentBadge';
import { DetailError, DetailSkeleton } from '../../components/DetailSkeleton';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDay } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { RotationActivityList } from './RotationActivityList';
import { RotationCheckins } from './RotationCheckins';
import { RotationChecklist } from './RotationChecklist';
import { RotationEditModal } from './RotationEditModal';
import { RotationDirection, RotationStatusBadge } from './RotationParts';
import { RotationReportPanel } from './RotationReportPanel';
import { formatDays, formatRotationPeriod } from './rotationFormat';
import { useRotation, useUpdateRotation } from './useRotations';

export function RotationDetail({ id }: { id: string }) {
  const rotation = useRotation(id);
  if (rotation.isPending) return <DetailSkeleton />;
  if (rotation.isError) return <DetailError error={rotation.error} />;
  return <RotationView rotation={rotation.data} onReload={() => void rotation.refetch()} />;
}

/** Cancelling ends the host rights at once; it asks first. */
function CancelButton({ rotation }: { rotation: Rotation }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const update = useUpdateRotation(rotation.id);
  return (
    <>
      <Button
        variant="subtle"
        color="red"
        leftSection={<IconCalendarOff size={16} aria-hidden />}
        onClick={open}
        data-testid="rotation-cancel"
      >
        {t('rotations.cancel.button')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('rotations.cancel.title')}>
        <Text mb="lg">{t('rotations.cancel.confirm', { name: rotation.person.name })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('rotations.cancel.keep')}
          </Button>
          <Button
            color="red"
            loading={update.isPending}
            onClick={() =>
              update.mutate(
                { input: { status: 'cancelled' }, version: rotation.version },
                {
                  onSuccess: () => {
                    notifySuccess(t('rotations.cancel.done'));
                    close();
                  },
                  onError: (e) => notifyError(t, e),
                },
              )
            }
            data-testid="rotation-cancel-confirm"
          >
            {t('rotations.cancel.button')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

/** Ein Perspektivwechsel: who visits where, when, with whom; what to learn, check-ins, the report, the contacts. */
function RotationView({ rotation, onReload }: { rotation: Rotation; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const editable = can(me, 'rotations.edit', rotationRecord(rotation));
  const running = rotation.status === 'planned' || rotation.status === 'active';
  const host = t(`department.${rotation.hostDepartment}`);
  return (
    <>
      <Stack gap={6} mb="lg">
        <Anchor component={Link} to="/rotations" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} aria-hidden />
            {t('rotations.title')}
          </Group>
        </Anchor>
        <Group justify="space-between" align="flex-start">
          <Title order={1} size="h2">
            {t('rotations.detailTitle', { name: rotation.person.name, department: host })}
          </Title>
          {editable && running && (
            <Group gap="xs">
              <Button
                variant="light"
                leftSection={<IconPencil size={16} aria-hidden />}
                onClick={() => setEditing(true)}
                data-testid="rotation-edit"
              >
                {t('rotations.edit')}
              </Button>
              <CancelButton rotation={rotation} />
            </Group>
          )}
        </Group>
        <Group gap="sm">
          <RotationStatusBadge status={rotation.status} data-testid="rotation-status" />
          <RotationDirection rotation={rotation} />
          <Text size="sm" c="dimmed" data-testid="rotation-period">
            {formatRotationPeriod(rotation.startsOn, rotation.endsOn, lng)} · {formatDays(rotation.days, lng)}
          </Text>
        </Group>
        <Group gap="xs">
          <Text size="sm" c="dimmed">
            {t('rotations.mentor')}:
          </Text>
          <OwnerName owner={rotation.mentor} />
        </Group>
      </Stack>
      {rotation.status === 'active' && (
        <Alert color="indigo" variant="light" mb="lg" data-testid="rotation-rights">
          {t('rotations.rightsNote', {
            name: rotation.person.name,
            department: host,
            until: formatDay(rotation.endsOn, lng),
          })}
        </Alert>
      )}
      {rotation.status === 'cancelled' && (
        <Alert color="gray" variant="light" mb="lg">
          {t('rotations.cancelledNote')}
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="lg">
            <RotationChecklist rotation={rotation} kind="goals" editable={editable} />
            <RotationChecklist rotation={rotation} kind="activities" editable={editable} />
            <RotationReportPanel rotation={rotation} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 6 }}>
          <Stack gap="lg">
            <RotationCheckins rotation={rotation} />
            <RotationActivityList rotation={rotation} />
          </Stack>
        </Grid.Col>
      </Grid>
      {editing && (
        <RotationEditModal
          key={rotation.version}
          rotation={rotation}
          onClose={() => setEditing(false)}
          onReload={onReload}
        />
      )}
    </>
  );
}
