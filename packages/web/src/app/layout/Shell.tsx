import { AppShell, Badge, Burger, Group, NavLink, ScrollArea, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconBuilding,
  IconCalendarEvent,
  IconChartBar,
  IconMessages,
  IconRocket,
  IconSettings,
  IconSpeakerphone,
  IconSwords,
  IconTargetArrow,
  IconTrendingUp,
  IconUserPlus,
  IconUsers,
} from '@tabler/icons-react';
import { Link, Outlet, useRouterState } from '@tanstack/react-router';
import type { ComponentType } from 'react';
import { useTranslation } from 'react-i18next';
import { NotificationBell } from '../../features/notifications/NotificationBell';
import { UserMenu } from './UserMenu';

interface NavItem {
  key: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
  to?: '/accounts' | '/contacts' | '/leads' | '/reports' | '/settings';
}

const navItems: NavItem[] = [
  { key: 'leads', icon: IconUserPlus, to: '/leads' },
  { key: 'accounts', icon: IconBuilding, to: '/accounts' },
  { key: 'contacts', icon: IconUsers, to: '/contacts' },
  { key: 'deals', icon: IconTrendingUp },
  { key: 'campaigns', icon: IconSpeakerphone },
  { key: 'events', icon: IconCalendarEvent },
  { key: 'projects', icon: IconRocket },
  { key: 'goals', icon: IconTargetArrow },
  { key: 'meetings', icon: IconMessages },
  { key: 'competitors', icon: IconSwords },
  { key: 'reports', icon: IconChartBar, to: '/reports' },
  { key: 'settings', icon: IconSettings, to: '/settings' },
];

export function Shell() {
  const { t } = useTranslation();
  const [opened, { toggle, close }] = useDisclosure(false);
  const pathname = useRouterState({ select: (s) => s.location.pathname });

  return (
    <AppShell
      header={{ height: 56 }}
      navbar={{ width: 270, breakpoint: 'sm', collapsed: { mobile: !opened } }}
      padding="lg"
    >
      <a href="#main" className="nenner-skip">
        {t('app.skipToContent')}
      </a>
      <AppShell.Header>
        <Group h="100%" px="md" justify="space-between">
          <Group gap="sm">
            <Burger opened={opened} onClick={toggle} hiddenFrom="sm" size="sm" aria-label={t('app.toggleNav')} />
            <Text component={Link} to="/" fw={800} fz={22} c="indigo.7" style={{ textDecoration: 'none' }}>
              {t('app.name')}
            </Text>
          </Group>
          <Group gap="sm">
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('app.mainNav')}>
        <ScrollArea>
          {navItems.map(({ key, icon: Icon, to }) =>
            to ? (
              <NavLink
                key={key}
                component={Link}
                to={to}
                label={t(`nav.${key}`)}
                leftSection={<Icon size={18} aria-hidden />}
                active={pathname.startsWith(to)}
                onClick={close}
              />
            ) : (
              <Tooltip key={key} label={t('nav.soonHint')} position="right" withArrow>
                <NavLink
                  component="div"
                  role="link"
                  aria-disabled="true"
                  tabIndex={-1}
                  label={t(`nav.${key}`)}
                  leftSection={<Icon size={18} aria-hidden />}
                  rightSection={
                    <Badge size="xs" variant="light" color="gray">
                      {t('nav.soon')}
                    </Badge>
                  }
                  disabled
                  style={{ opacity: 0.55, cursor: 'not-allowed' }}
                />
              </Tooltip>
            ),
          )}
        </ScrollArea>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} bg="gray.0">
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
