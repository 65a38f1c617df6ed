import { Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Rotation, RotationActivityEntry } from '@nenner/shared';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { RecordList } from '../../components/RecordTable';
import { formatDateTime } from '../../i18n/format';
import { RecordLink } from '../activities/RecordLink';
import { useMe } from '../auth/useAuth';
import { HostRightsBadge } from './RotationParts';
import { useRotationActivity } from './useRotations';

/** What an entry was, e.g. „Lead angenommen“, „Notiz“. */
const whatOf = (t: TFunction, e: RotationActivityEntry): string =>
  e.action
    ? t(`rotations.activity.action.${e.kind}.${e.action}`, { defaultValue: t(`rotations.activity.kind.${e.kind}`) })
    : t(`rotations.activity.kind.${e.kind}`, { defaultValue: e.kind });

/** The customer interactions the person logged during the rotation, newest first. */
export function RotationActivityList({ rotation }: { rotation: Rotation }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const list = useRotationActivity(rotation.id);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rotation-activity-title">
      <Title order={2} size="h4" id="rotation-activity-title">
        {t('rotations.activity.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('rotations.activity.intro', { name: rotation.person.name })}
      </Text>
      <RecordList list={list} empty={t('rotations.activity.empty')} paging="whenMore">
        {(rows) => (
          <Stack component="ul" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} data-testid="rotation-activity">
            {rows.map((e) => (
              <li key={e.id}>
                <Group gap="xs" wrap="wrap">
                  <Text size="xs" c="dimmed" component="time" dateTime={e.createdAt}>
                    {formatDateTime(e.createdAt, i18n.language, me.timeZone)}
                  </Text>
                  <Text size="sm">{whatOf(t, e)}</Text>
                  <Text size="sm" c="dimmed">
                    {t(`timeline.on.${e.entityType}`, { defaultValue: '' })}{' '}
                    <RecordLink type={e.entityType} id={e.entityId}>
                      {e.entityName ?? t('common.unknown')}
                    </RecordLink>
                  </Text>
                  {e.hostRights && <HostRightsBadge />}
                </Group>
              </li>
            ))}
          </Stack>
        )}
      </RecordList>
    </Paper>
  );
}
