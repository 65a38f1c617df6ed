import { Alert, Button, Group, Modal, Paper, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { type CreateUserInput, departments, limits, roles, type User } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ActiveBadge, DepartmentBadge } from '../../components/DepartmentBadge';
import { SearchBox } from '../../components/ListControls';
import { errorMessage, notifyError, notifySuccess } from '../../components/notify';
import { RecordTable } from '../../components/RecordTable';
import { useMe } from '../auth/useAuth';
import { useCreateUser, useUpdateUser, useUserList } from './useUsers';

export function UserSettings() {
  const { t } = useTranslation();
  const me = useMe();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 300);
  const [opened, modal] = useDisclosure(false);
  const update = useUpdateUser();
  const list = useUserList(q);
  const change = (user: User, input: Parameters<typeof update.mutate>[0]['input']) =>
    update.mutate(
      { user, input },
      { onSuccess: () => notifySuccess(t('settings.userSaved')), onError: (e) => notifyError(t, e) },
    );

  return (
    <Stack>
      <Group justify="space-between">
        <Text c="dimmed" size="sm">
          {t('settings.usersIntro')}
        </Text>
        <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={modal.open}>
          {t('settings.newUser')}
        </Button>
      </Group>
      <Paper withBorder p="md">
        <Group mb="md">
          <SearchBox value={search} onChange={setSearch} placeholder={t('common.search')} />
        </Group>
        <RecordTable
          list={list}
          rowKey={(u) => u.id}
          minWidth={760}
          striped={false}
          highlightOnHover={false}
          empty={t('common.noResults')}
          columns={[
            {
              key: 'name',
              header: t('settings.name'),
              cell: (u) => (
                <>
                  <Group gap={6}>
                    <Text fw={500} size="sm">
                      {u.name}
                    </Text>
                    <DepartmentBadge department={u.department} size="xs" />
                  </Group>
                  <Text size="xs" c="dimmed">
                    {u.email}
                  </Text>
                </>
              ),
            },
            {
              key: 'department',
              header: t('settings.department'),
              cell: (u) => (
                <Select
                  aria-label={`${t('settings.department')}: ${u.name}`}
                  size="xs"
                  data={departments.map((d) => ({ value: d, label: t(`department.${d}`) }))}
                  value={u.department}
                  onChange={(v) => v && v !== u.department && change(u, { department: v as User['department'] })}
                  allowDeselect={false}
                  w={170}
                />
              ),
            },
            {
              key: 'role',
              header: t('settings.role'),
              cell: (u) => (
                <Select
                  aria-label={`${t('settings.role')}: ${u.name}`}
                  size="xs"
                  data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
                  value={u.role}
                  onChange={(v) => v && v !== u.role && change(u, { role: v as User['role'] })}
                  allowDeselect={false}
                  w={140}
                />
              ),
            },
            {
              key: 'status',
              header: t('settings.status'),
              cell: (u) => <ActiveBadge active={u.active} />,
            },
            {
              key: 'actions',
              header: null,
              cell: (u) =>
                u.id !== me.id && (
                  <Button
                    size="xs"
                    variant="subtle"
                    color={u.active ? 'red' : 'teal'}
                    aria-label={
                      u.active
                        ? t('settings.deactivateUser', { name: u.name })
                        : t('settings.activateUser', { name: u.name })
                    }
                    onClick={() => change(u, { active: !u.active })}
                  >
                    {u.active ? t('settings.deactivate') : t('settings.activate')}
                  </Button>
                ),
            },
          ]}
        />
      </Paper>
      {opened && <CreateUserModal onClose={modal.close} />}
    </Stack>
  );
}

function CreateUserModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const [draft, setDraft] = useState<CreateUserInput>({
    email: '',
    name: '',
    department: 'marketing',
    role: 'member',
    password: '',
    locale: 'de',
  });
  const errors = isApiError(create.error) ? create.error.fieldErrors() : {};
  const set = <K extends keyof CreateUserInput>(k: K, v: CreateUserInput[K]) => setDraft({ ...draft, [k]: v });
  return (
    <Modal opened onClose={onClose} title={t('settings.createUserTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(draft, {
            onSuccess: () => {
              notifySuccess(t('common.created'));
              onClose();
            },
          });
        }}
      >
        <Stack>
          {create.error && (
            <Alert color="red" role="alert">
              {errorMessage(t, create.error)}
            </Alert>
          )}
          <TextInput
            label={t('settings.name')}
            value={draft.name}
            onChange={(e) => set('name', e.currentTarget.value)}
            error={errors.name}
            data-autofocus
          />
          <TextInput
            label={t('settings.email')}
            type="email"
            value={draft.email}
            onChange={(e) => set('email', e.currentTarget.value)}
            error={errors.email}
          />
          <Select
            label={t('settings.department')}
            data={departments.map((d) => ({ value: d, label: t(`department.${d}`) }))}
            value={draft.department}
            onChange={(v) => v && set('department', v as CreateUserInput['department'])}
            allowDeselect={false}
            error={errors.department}
          />
          <Select
            label={t('settings.role')}
            data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
            value={draft.role}
            onChange={(v) => v && set('role', v as CreateUserInput['role'])}
            allowDeselect={false}
            error={errors.role}
          />
          <Select
            label={t('settings.language')}
            data={[
              { value: 'de', label: t('language.de') },
              { value: 'en', label: t('language.en') },
            ]}
            value={draft.locale ?? 'de'}
            onChange={(v) => set('locale', v === 'en' ? 'en' : 'de')}
            allowDeselect={false}
          />
          <PasswordInput
            label={t('settings.initialPassword')}
            description={t('settings.passwordHint', { min: limits.passwordMin })}
            value={draft.password}
            onChange={(e) => set('password', e.currentTarget.value)}
            error={errors.password}
            autoComplete="new-password"
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
