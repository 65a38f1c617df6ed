import { Badge, Button, Group, MultiSelect, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { can, type Team } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { notifyError, notifySuccess } from '../../components/notify';
import { useMe } from '../auth/useAuth';
import { useAllUsers } from '../settings/useUsers';
import { TeamLink } from '../teams/TeamLink';
import { useSaveTeam, useTeams } from './useSettings';

/** The teams routing rules hand leads to; members and admins change them. */
export function TeamsEditor() {
  const { t } = useTranslation();
  const me = useMe();
  const teams = useTeams();
  const users = useAllUsers();
  const save = useSaveTeam();
  const [name, setName] = useState('');
  const canEdit = can(me, 'teams.write');
  const options = (users.data?.items ?? [])
    .filter((u) => u.active)
    .map((u) => ({ value: u.id, label: `${u.name} · ${t(`department.${u.department}`)}` }));
  const saveTeam = (team: Team | null, input: { name: string; memberIds: string[] }) =>
    save.mutate(
      { team, input },
      { onSuccess: () => notifySuccess(t('common.saved')), onError: (e) => notifyError(t, e) },
    );
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb="xs">
        {t('routing.teams')}
      </Title>
      <Stack gap="sm">
        {(teams.data?.items ?? []).map((team) => (
          <Stack key={team.id} gap={4}>
            <Group gap="xs">
              <Text fw={600}>
                <TeamLink team={team} />
              </Text>
              {[...new Set(team.members.map((m) => m.department))].map((d) => (
                <DepartmentBadge key={d} department={d} size="xs" />
              ))}
              {team.mixed && (
                <Badge size="xs" variant="light" color="grape">
                  {t('routing.mixed')}
                </Badge>
              )}
              <Text size="xs" c="dimmed">
                {t('routing.balance', team.balance)}
              </Text>
            </Group>
            <MultiSelect
              aria-label={t('routing.members', { team: team.name })}
              data={options}
              value={team.members.map((m) => m.id)}
              onChange={(ids) => saveTeam(team, { name: team.name, memberIds: ids })}
              searchable
              disabled={!canEdit || save.isPending}
            />
          </Stack>
        ))}
        {canEdit && (
          <Group align="flex-end">
            <TextInput label={t('routing.newTeam')} value={name} onChange={(e) => setName(e.currentTarget.value)} />
            <Button
              variant="light"
              disabled={!name.trim()}
              onClick={() => {
                saveTeam(null, { name: name.trim(), memberIds: [] });
                setName('');
              }}
            >
              {t('common.create')}
            </Button>
          </Group>
        )}
      </Stack>
    </Paper>
  );
}
