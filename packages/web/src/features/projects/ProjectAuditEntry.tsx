import { Stack, Text } from '@mantine/core';
import type { TimelineEntry } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { useTeams } from '../deals/useDeals';
import { useAllUsers } from '../settings/useUsers';
import { describeProjectAudit } from './projectAudit';

/** A change on a project's timeline, said as a sentence (the timeline shows it like every other entry). */
export function ProjectAuditEntry({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const users = useAllUsers();
  const teams = useTeams();
  const lines = describeProjectAudit(entry, {
    t: (key, options) => t(key, options ?? {}) as string,
    userName: (id) => users.data?.items.find((u) => u.id === id)?.name ?? null,
    teamName: (id) => teams.data?.items.find((x) => x.id === id)?.name ?? null,
  });
  return (
    <Stack gap={2}>
      {lines.map((line, i) => (
        // the lines of one entry are fixed once written; their order is their identity
        <Text key={i} size="sm">
          {line}
        </Text>
      ))}
    </Stack>
  );
}
