import { Avatar, Group, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import type { Locale } from '@nenner/shared';
import { IconCheck, IconLanguage, IconLogout, IconSettings, IconShieldLock } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { notifyError, notifySuccess } from '../../components/notify';
import { useLogout, useMe, useUpdateMe } from '../../features/auth/useAuth';
import { applyLocale } from '../../i18n';

const initials = (name: string) =>
  name
    .split(/\s+/)
    .map((p) => p[0] ?? '')
    .join('')
    .slice(0, 2)
    .toUpperCase();

export function UserMenu() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const logout = useLogout();
  const qc = useQueryClient();
  const updateMe = useUpdateMe();

  const switchLanguage = (locale: Locale) => {
    const previous = i18n.language;
    void applyLocale(locale);
    updateMe.mutate(
      { locale },
      {
        onSuccess: () => notifySuccess(t('userMenu.languageSaved', { lng: locale })),
        onError: (e) => {
          void i18n.changeLanguage(previous);
          notifyError(t, e);
        },
      },
    );
  };

  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton data-testid="user-menu">
          {/* the visible name and department are the button's name too, with what it does */}
          <VisuallyHidden>{t('userMenu.open')}</VisuallyHidden>
          <Group gap="xs" wrap="nowrap">
            <Avatar color="indigo" radius="xl" size={32} aria-hidden>
              {initials(me.name)}
            </Avatar>
            <Stack2 name={me.name} department={me.department} />
          </Group>
        </UnstyledButton>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{me.email}</Menu.Label>
        <Menu.Label>
          <IconLanguage size={12} aria-hidden /> {t('userMenu.language')}
        </Menu.Label>
        {(['de', 'en'] as const).map((l) => (
          <Menu.Item
            key={l}
            lang={l}
            onClick={() => switchLanguage(l)}
            rightSection={i18n.language === l ? <IconCheck size={14} aria-hidden /> : null}
          >
            {t(`language.${l}`)}
          </Menu.Item>
        ))}
        <Menu.Divider />
        <Menu.Item
          leftSection={<IconSettings size={14} aria-hidden />}
          onClick={() => void navigate({ to: '/settings' })}
        >
          {t('userMenu.settings')}
        </Menu.Item>
        <Menu.Item
          leftSection={<IconShieldLock size={14} aria-hidden />}
          onClick={() => void navigate({ to: '/security' })}
        >
          {t('userMenu.security')}
        </Menu.Item>
        <Menu.Item
          color="red"
          leftSection={<IconLogout size={14} aria-hidden />}
          onClick={() =>
            logout.mutate(undefined, {
              onSettled: () => {
                notifySuccess(t('auth.loggedOut'));
                void navigate({ to: '/login' }).then(() => qc.clear());
              },
            })
          }
        >
          {t('userMenu.logout')}
        </Menu.Item>
      </Menu.Dropdown>
    </Menu>
  );
}

function Stack2({ name, department }: { name: string; department: string }) {
  return (
    <Group gap={8} wrap="nowrap" visibleFrom="sm">
      <Text size="sm" fw={500}>
        {name}
      </Text>
      <DepartmentBadge department={department} size="sm" />
    </Group>
  );
}
