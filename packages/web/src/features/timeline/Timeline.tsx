import { Button, Chip, Divider, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { can, departments, timelineKinds } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { departmentColor } from '../../app/theme';
import { RecordList } from '../../components/RecordTable';
import { useMe } from '../auth/useAuth';
import { Composer } from './Composer';
import { TimelineItem } from './TimelineItem';
import { type TimelineTarget, useTimeline } from './useTimeline';

/**
 * One timeline per customer record: notes, comments, changes, touchpoints, handoffs, activities and deal
 * steps from every department, newest first. On an account, `scope="account"` is the 360° view that also
 * holds its contacts' and deals' entries, each naming the record it belongs to.
 */
export function Timeline({
  kind,
  id,
  scope,
  subtitle,
  kinds = timelineKinds,
}: {
  kind: TimelineTarget;
  id: string;
  scope?: 'account';
  /** A record that is not a customer (a project) says what its timeline holds. */
  subtitle?: string;
  /** The kinds of entries the record can have, for the filter (default: all). */
  kinds?: readonly (typeof timelineKinds)[number][];
}) {
  const { t } = useTranslation();
  const me = useMe();
  const [entryKind, setEntryKind] = useState('');
  const [department, setDepartment] = useState('');
  const timeline = useTimeline(kind, id, {
    kind: entryKind || undefined,
    department: department || undefined,
    scope,
  });
  const filtered = Boolean(entryKind || department);

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="timeline-title">
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id="timeline-title">
            {scope ? t('timeline.title360') : t('timeline.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {scope ? t('timeline.subtitle360') : (subtitle ?? t('timeline.subtitle'))}
          </Text>
        </div>
        {can(me, 'timeline.write') && <Composer kind={kind} id={id} />}
        <Divider />
        <fieldset aria-label={t('timeline.kindFilter')} style={{ border: 0, margin: 0, padding: 0 }}>
          <Chip.Group multiple={false} value={entryKind} onChange={setEntryKind}>
            <Group gap={6}>
              <Chip value="" size="xs">
                {t('timeline.allKinds')}
              </Chip>
              {kinds.map((k) => (
                <Chip key={k} value={k} size="xs">
                  {t(`timeline.kind.${k}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </fieldset>
        <fieldset aria-label={t('timeline.departmentFilter')} style={{ border: 0, margin: 0, padding: 0 }}>
          <Chip.Group multiple={false} value={department} onChange={setDepartment}>
            <Group gap={6}>
              <Chip value="" size="xs">
                {t('common.all')}
              </Chip>
              {departments.map((d) => (
                <Chip key={d} value={d} size="xs" color={departmentColor[d]}>
                  {t(`department.${d}`)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </fieldset>
        <RecordList
          list={timeline}
          paging="none"
          skeletonRows={4}
          empty={filtered ? t('timeline.emptyFiltered') : t('timeline.empty')}
        >
          {(entries) => (
            <Stack component="ol" gap="sm" p={0} m={0} aria-label={t('timeline.title')}>
              {entries.map((e) => (
                <TimelineItem key={e.id} entry={e} viewedId={id} />
              ))}
            </Stack>
          )}
        </RecordList>
        {timeline.hasNextPage && (
          <Button variant="subtle" onClick={timeline.loadMore} loading={timeline.isFetchingNextPage}>
            {t('timeline.older')}
          </Button>
        )}
      </Stack>
    </Paper>
  );
}
