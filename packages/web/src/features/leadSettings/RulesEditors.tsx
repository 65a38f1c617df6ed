import {
  ActionIcon,
  Alert,
  Badge,
  Button,
  Group,
  MultiSelect,
  NumberInput,
  Paper,
  Select,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import {
  fitFields,
  fitOperators,
  type RejectReasons,
  type RoutingSettings,
  type ScoringSettings,
  type Team,
  touchpointTypes,
} from '@nenner/shared';
import { IconArrowDown, IconArrowUp, IconPlus, IconTrash } from '@tabler/icons-react';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { removeAt, replaceAt } from '../../components/lists.js';
import { errorMessage, notifyError, notifySuccess } from '../../components/notify';
import { TableSkeleton } from '../../components/TableSkeleton';
import { useMe } from '../auth/useAuth';
import { useAllUsers } from '../settings/useUsers';
import { type SettingPath, useSaveTeam, useSetting, useTeams } from './useSettings';

const newId = () => Math.random().toString(36).slice(2, 10);
const move = <T,>(list: T[], i: number, by: number): T[] => {
  const next = [...list];
  const [item] = next.splice(i, 1);
  if (item !== undefined) next.splice(Math.max(0, Math.min(next.length, i + by)), 0, item);
  return next;
};

/** Loads a setting, keeps a local draft, and saves it with the version it was read at. */
function SettingForm<T>({
  path,
  canEdit,
  intro,
  children,
}: {
  path: SettingPath;
  canEdit: boolean;
  intro: string;
  children: (value: T, set: (v: T) => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const { query, save } = useSetting<T>(path);
  const [draft, setDraft] = useState<T | null>(null);
  if (query.isPending) return <TableSkeleton rows={4} />;
  if (query.isError) return <Alert color="red">{errorMessage(t, query.error)}</Alert>;
  const value = draft ?? query.data.value;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {intro}
      </Text>
      <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
        {children(value, setDraft)}
      </fieldset>
      {canEdit && (
        <Group justify="flex-end">
          {draft && (
            <Button variant="default" onClick={() => setDraft(null)}>
              {t('common.cancel')}
            </Button>
          )}
          <Button
            disabled={!draft}
            loading={save.isPending}
            onClick={() =>
              save.mutate(
                { value, version: query.data.version },
                {
                  onSuccess: () => {
                    setDraft(null);
                    notifySuccess(t('common.saved'));
                  },
                  onError: (e) => notifyError(t, e),
                },
              )
            }
          >
            {t('common.save')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

const asList = (v: string | string[]) => (Array.isArray(v) ? v : [v]);

export function ScoringEditor() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = me.role === 'admin' || (me.department === 'marketing' && me.role !== 'viewer');
  return (
    <SettingForm<ScoringSettings> path="scoring" canEdit={canEdit} intro={t('scoring.intro')}>
      {(s, set) => (
        <Stack>
          <NumberInput
            label={t('scoring.threshold')}
            description={t('scoring.thresholdHint')}
            value={s.mqlThreshold}
            min={1}
            w={260}
            onChange={(v) => set({ ...s, mqlThreshold: Number(v) || 1 })}
          />
          <Paper withBorder p="md">
            <Title order={3} size="h5" mb="xs">
              {t('leads.fit')}
            </Title>
            <Table verticalSpacing={4}>
              <Table.Tbody>
                {s.fit.map((r, i) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Select
                        aria-label={t('scoring.field')}
                        data={fitFields.map((f) => ({ value: f, label: t(`leads.fitField.${f}`) }))}
                        value={r.field}
                        allowDeselect={false}
                        onChange={(v) => v && set({ ...s, fit: replaceAt(s.fit, i, { field: v as typeof r.field }) })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={t('scoring.operator')}
                        data={fitOperators.map((o) => ({ value: o, label: t(`scoring.op.${o}`) }))}
                        value={r.operator}
                        allowDeselect={false}
                        onChange={(v) =>
                          v &&
                          set({
                            ...s,
                            fit: replaceAt(s.fit, i, { operator: v as typeof r.operator }),
                          })
                        }
                      />
                    </Table.Td>
                    <Table.Td miw={240}>
                      <TagsInput
                        aria-label={t('scoring.values')}
                        value={asList(r.value)}
                        onChange={(v) =>
                          set({
                            ...s,
                            fit: replaceAt(s.fit, i, { value: r.operator === 'equals' ? (v[0] ?? '') : v }),
                          })
                        }
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={t('scoring.points')}
                        value={r.points}
                        min={-100}
                        max={100}
                        w={90}
                        onChange={(v) => set({ ...s, fit: replaceAt(s.fit, i, { points: Number(v) || 0 }) })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('common.delete')}
                        onClick={() => set({ ...s, fit: removeAt(s.fit, i) })}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Button
              mt="xs"
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() =>
                set({
                  ...s,
                  fit: [
                    ...s.fit,
                    { id: newId(), field: 'jobTitle', operator: 'contains', value: ['leiter'], points: 10 },
                  ],
                })
              }
            >
              {t('scoring.addFit')}
            </Button>
          </Paper>
          <Paper withBorder p="md">
            <Title order={3} size="h5" mb="xs">
              {t('leads.engagement')}
            </Title>
            <Table verticalSpacing={4}>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('scoring.touchpoint')}</Table.Th>
                  <Table.Th>{t('scoring.points')}</Table.Th>
                  <Table.Th>{t('scoring.halfLife')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.engagement.map((r, i) => (
                  <Table.Tr key={r.id}>
                    <Table.Td>
                      <Select
                        aria-label={t('scoring.touchpoint')}
                        data={touchpointTypes.map((x) => ({ value: x, label: t(`leads.touchpoint.${x}`) }))}
                        value={r.touchpointType}
                        allowDeselect={false}
                        onChange={(v) =>
                          v &&
                          set({
                            ...s,
                            engagement: replaceAt(s.engagement, i, { touchpointType: v }),
                          })
                        }
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={t('scoring.points')}
                        value={r.points}
                        min={-100}
                        max={100}
                        w={90}
                        onChange={(v) =>
                          set({
                            ...s,
                            engagement: replaceAt(s.engagement, i, { points: Number(v) || 0 }),
                          })
                        }
                      />
                    </Table.Td>
                    <Table.Td>
                      <NumberInput
                        aria-label={t('scoring.halfLife')}
                        value={r.halfLifeDays}
                        min={0}
                        max={3650}
                        w={110}
                        onChange={(v) =>
                          set({
                            ...s,
                            engagement: replaceAt(s.engagement, i, { halfLifeDays: Number(v) || 0 }),
                          })
                        }
                      />
                    </Table.Td>
                    <Table.Td>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('common.delete')}
                        onClick={() => set({ ...s, engagement: removeAt(s.engagement, i) })}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Button
              mt="xs"
              size="xs"
              variant="light"
              leftSection={<IconPlus size={14} aria-hidden />}
              onClick={() =>
                set({
                  ...s,
                  engagement: [
                    ...s.engagement,
                    { id: newId(), touchpointType: 'web_visit', points: 2, halfLifeDays: 7 },
                  ],
                })
              }
            >
              {t('scoring.addEngagement')}
            </Button>
          </Paper>
        </Stack>
      )}
    </SettingForm>
  );
}

function TeamsEditor() {
  const { t } = useTranslation();
  const me = useMe();
  const teams = useTeams();
  const users = useAllUsers();
  const save = useSaveTeam();
  const [name, setName] = useState('');
  const canEdit = me.role !== 'viewer';
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
              <Text fw={600}>{team.name}</Text>
              {[...new Set(team.members.map((m) => m.department))].map((d) => (
                <DepartmentBadge key={d} department={d} size="xs" />
              ))}
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

export function RoutingEditor() {
  const { t } = useTranslation();
  const me = useMe();
  const teams = useTeams();
  const canEdit = me.role === 'admin' || (me.department === 'sales' && me.role !== 'viewer');
  const teamOptions = (teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }));
  return (
    <Stack>
      <SettingForm<RoutingSettings> path="routing" canEdit={canEdit} intro={t('routing.intro')}>
        {(s, set) => (
          <Stack gap="sm">
            {s.rules.length === 0 && (
              <Text size="sm" c="dimmed">
                {t('routing.empty')}
              </Text>
            )}
            {s.rules.map((r, i) => {
              const upd = (patch: Partial<typeof r>) => set({ rules: replaceAt(s.rules, i, patch) });
              return (
                <Paper key={r.id} withBorder p="sm">
                  <Group align="flex-end" wrap="wrap">
                    <Badge variant="light" aria-label={t('routing.order', { n: i + 1 })}>
                      {i + 1}
                    </Badge>
                    <TextInput
                      label={t('routing.name')}
                      value={r.name}
                      onChange={(e) => upd({ name: e.currentTarget.value })}
                      w={160}
                    />
                    <TagsInput
                      label={t('routing.countries')}
                      value={r.countries ?? []}
                      onChange={(v) =>
                        upd({ countries: v.map((c) => c.toUpperCase()).filter((c) => /^[A-Z]{2}$/.test(c)) })
                      }
                      w={180}
                    />
                    <TagsInput
                      label={t('routing.postcodes')}
                      value={r.postcodePrefixes ?? []}
                      onChange={(v) => upd({ postcodePrefixes: v })}
                      w={180}
                    />
                    <TagsInput
                      label={t('routing.industries')}
                      value={r.industries ?? []}
                      onChange={(v) => upd({ industries: v })}
                      w={200}
                    />
                    <Select
                      label={t('routing.team')}
                      data={teamOptions}
                      value={r.teamId}
                      onChange={(v) => v && upd({ teamId: v })}
                      allowDeselect={false}
                      w={180}
                    />
                    <Group gap={2}>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('routing.up')}
                        disabled={i === 0}
                        onClick={() => set({ rules: move(s.rules, i, -1) })}
                      >
                        <IconArrowUp size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        aria-label={t('routing.down')}
                        disabled={i === s.rules.length - 1}
                        onClick={() => set({ rules: move(s.rules, i, 1) })}
                      >
                        <IconArrowDown size={16} />
                      </ActionIcon>
                      <ActionIcon
                        variant="subtle"
                        color="red"
                        aria-label={t('common.delete')}
                        onClick={() => set({ rules: removeAt(s.rules, i) })}
                      >
                        <IconTrash size={16} />
                      </ActionIcon>
                    </Group>
                  </Group>
                </Paper>
              );
            })}
            <Text size="xs" c="dimmed">
              {t('routing.orderHint')}
            </Text>
            <Button
              size="xs"
              variant="light"
              w="fit-content"
              leftSection={<IconPlus size={14} aria-hidden />}
              disabled={teamOptions.length === 0}
              onClick={() =>
                set({
                  rules: [
                    ...s.rules,
                    { id: newId(), name: t('routing.newRule'), countries: [], teamId: teamOptions[0]?.value ?? '' },
                  ],
                })
              }
            >
              {t('routing.addRule')}
            </Button>
          </Stack>
        )}
      </SettingForm>
      <TeamsEditor />
    </Stack>
  );
}

export function RejectReasonsEditor() {
  const { t } = useTranslation();
  const me = useMe();
  return (
    <SettingForm<RejectReasons> path="reject-reasons" canEdit={me.role === 'admin'} intro={t('reasons.intro')}>
      {(s, set) => (
        <Paper withBorder p="md">
          <Table verticalSpacing={4}>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('reasons.key')}</Table.Th>
                <Table.Th>{t('reasons.de')}</Table.Th>
                <Table.Th>{t('reasons.en')}</Table.Th>
                <Table.Th>{t('settings.active')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {s.reasons.map((r, i) => {
                const upd = (patch: Partial<typeof r>) => set({ reasons: replaceAt(s.reasons, i, patch) });
                return (
                  <Table.Tr key={i}>
                    <Table.Td>
                      <TextInput
                        aria-label={t('reasons.key')}
                        value={r.key}
                        onChange={(e) => upd({ key: e.currentTarget.value.toLowerCase() })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t('reasons.de')}
                        value={r.de}
                        onChange={(e) => upd({ de: e.currentTarget.value })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <TextInput
                        aria-label={t('reasons.en')}
                        value={r.en}
                        onChange={(e) => upd({ en: e.currentTarget.value })}
                      />
                    </Table.Td>
                    <Table.Td>
                      <Switch
                        aria-label={t('settings.active')}
                        checked={r.active}
                        onChange={(e) => upd({ active: e.currentTarget.checked })}
                      />
                    </Table.Td>
                  </Table.Tr>
                );
              })}
            </Table.Tbody>
          </Table>
          <Button
            mt="xs"
            size="xs"
            variant="light"
            leftSection={<IconPlus size={14} aria-hidden />}
            onClick={() =>
              set({ reasons: [...s.reasons, { key: `reason_${s.reasons.length + 1}`, de: '', en: '', active: true }] })
            }
          >
            {t('reasons.add')}
          </Button>
        </Paper>
      )}
    </SettingForm>
  );
}
