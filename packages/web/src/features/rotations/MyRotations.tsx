import { Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { can, type Me } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { RotationDirection, RotationLink, RotationStatusBadge } from './RotationParts';
import { formatDays, formatRotationPeriod } from './rotationFormat';
import { usePersonRotations } from './useRotations';

/** On a person's profile: their rotations, and (their own) a way to plan one. */
export function MyRotations({ person, own }: { person: Me; own: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const navigate = useNavigate();
  const rotations = usePersonRotations(person.id);
  const items = rotations.data?.items ?? [];
  return (
    <Paper withBorder p="lg" maw={560} component="section" aria-labelledby="profile-rotations-title">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="profile-rotations-title">
          {t('rotations.profile.title')}
        </Title>
        {own && can(person, 'rotations.create', { ownerId: person.id }) && (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() => void navigate({ to: '/rotations', search: { view: 'calendar', new: true } })}
          >
            {t('rotations.new')}
          </Button>
        )}
      </Group>
      {person.rotation && (
        <Text size="sm" mb="sm" data-testid="profile-rotation-rights">
          {t('rotations.profile.active', {
            department: t(`department.${person.rotation.hostDepartment}`),
            period: formatRotationPeriod(person.rotation.startsOn, person.rotation.endsOn, lng),
          })}
        </Text>
      )}
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {rotations.isPending ? t('common.loading') : t('rotations.profile.empty')}
        </Text>
      ) : (
        <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} data-testid="profile-rotations">
          {items.map((r) => (
            <Group component="li" key={r.id} gap="sm" wrap="wrap">
              <RotationLink rotation={r}>{formatRotationPeriod(r.startsOn, r.endsOn, lng)}</RotationLink>
              <Text size="sm" c="dimmed">
                {formatDays(r.days, lng)}
              </Text>
              <RotationDirection rotation={r} />
              <RotationStatusBadge status={r.status} />
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
