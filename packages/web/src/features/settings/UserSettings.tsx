import { Button, Group, Paper, PasswordInput, Select, Stack, Text, TextInput } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import {
  CreateUserInput,
  type Department,
  departments,
  type Locale,
  limits,
  type Role,
  roles,
  type User,
} from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ActiveBadge, DepartmentBadge } from '../../components/DepartmentBadge';
import { FormModal } from '../../components/form/FormModal';
import { useRecordForm } from '../../components/form/useRecordForm';
import { SearchBox } from '../../components/ListControls';
import { notifyError, notifySuccess } from '../../components/notify';
import { RecordTable } from '../../components/RecordTable';
import { useMe } from '../auth/useAuth';
import { TwoFactorPolicySettings, UserSecurityMenu } from '../security/AdminTwoFactor';
import { SsoSettings } from '../sso/SsoSettings';
import { LoginLockouts } from './LoginLockouts';
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
              cell: (u) => (
                <Group gap={4} wrap="nowrap" justify="flex-end">
                  <UserSecurityMenu user={u} />
                  {u.id !== me.id && (
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
                  )}
                </Group>
              ),
            },
          ]}
        />
      </Paper>
      <TwoFactorPolicySettings />
      <LoginLockouts />
      <SsoSettings />
      {opened && <CreateUserModal onClose={modal.close} />}
    </Stack>
  );
}

function CreateUserModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const form = useRecordForm({
    initialValues: {
      email: '',
      name: '',
      department: 'marketing' as Department,
      role: 'member' as Role,
      password: '',
      locale: 'de' as Locale,
    },
    schema: CreateUserInput,
    error: create.error,
  });
  return (
    <FormModal title={t('settings.createUserTitle')} opened onClose={onClose} form={form} create={create} size="md">
      <TextInput label={t('settings.name')} data-autofocus {...form.field('name')} />
      <TextInput label={t('settings.email')} type="email" {...form.field('email')} />
      <Select
        label={t('settings.department')}
        data={departments.map((d) => ({ value: d, label: t(`department.${d}`) }))}
        allowDeselect={false}
        {...form.field('department')}
      />
      <Select
        label={t('settings.role')}
        data={roles.map((r) => ({ value: r, label: t(`role.${r}`) }))}
        allowDeselect={false}
        {...form.field('role')}
      />
      <Select
        label={t('settings.language')}
        data={[
          { value: 'de', label: t('language.de') },
          { value: 'en', label: t('language.en') },
        ]}
        allowDeselect={false}
        {...form.field('locale')}
      />
      <PasswordInput
        label={t('settings.initialPassword')}
        description={t('settings.passwordHint', { min: limits.passwordMin })}
        autoComplete="new-password"
        {...form.field('password')}
      />
    </FormModal>
  );
}
