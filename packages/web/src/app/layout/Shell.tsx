import { ActionIcon, AppShell, Burger, Group, Indicator, NavLink, Text, Tooltip } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import {
  IconArrowsExchange,
  IconBuilding,
  IconCalendarEvent,
  IconChartBar,
  IconChecklist,
  IconCopy,
  IconFileImport,
  IconHome,
  IconLayoutDashboard,
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
import { useTasks } from '../../features/activities/useActivities';
import { NotificationBell } from '../../features/notifications/NotificationBell';
import { SearchLauncher } from '../../features/search/SearchLauncher';
import { DemoBanner } from '../../features/security/DemoBanner';
import { UserMenu } from './UserMenu';

interface NavItem {
  key: string;
  /** The label's i18n key, when it is not `nav.<key>`. */
  label?: string;
  icon: ComponentType<{ size?: number; 'aria-hidden'?: boolean }>;
  to:
    | '/'
    | '/goals'
    | '/meetings'
    | '/accounts'
    | '/contacts'
    | '/quality'
    | '/leads'
    | '/deals'
    | '/tasks'
    | '/competitors'
    | '/campaigns'
    | '/events'
    | '/imports'
    | '/projects'
    | '/rotations'
    | '/dashboards'
    | '/reports'
    | '/settings';
}

const navItems: NavItem[] = [
  { key: 'home', label: 'startPage.nav', icon: IconHome, to: '/' },
  { key: 'leads', icon: IconUserPlus, to: '/leads' },
  { key: 'accounts', icon: IconBuilding, to: '/accounts' },
  { key: 'contacts', icon: IconUsers, to: '/contacts' },
  { key: 'quality', icon: IconCopy, to: '/quality' },
  { key: 'imports', icon: IconFileImport, to: '/imports' },
  { key: 'deals', icon: IconTrendingUp, to: '/deals' },
  { key: 'tasks', icon: IconChecklist, to: '/tasks' },
  { key: 'campaigns', icon: IconSpeakerphone, to: '/campaigns' },
  { key: 'events', icon: IconCalendarEvent, to: '/events' },
  { key: 'projects', icon: IconRocket, to: '/projects' },
  { key: 'goals', icon: IconTargetArrow, to: '/goals' },
  { key: 'meetings', icon: IconMessages, to: '/meetings' },
  { key: 'rotations', icon: IconArrowsExchange, to: '/rotations' },
  { key: 'competitors', icon: IconSwords, to: '/competitors' },
  { key: 'dashboards', icon: IconLayoutDashboard, to: '/dashboards' },
  { key: 'reports', icon: IconChartBar, to: '/reports' },
  { key: 'settings', icon: IconSettings, to: '/settings' },
];

/** The header's way to "Meine Aufgaben", with the number of overdue tasks. */
function TasksButton() {
  const { t } = useTranslation();
  const tasks = useTasks({ ownerId: 'me', status: 'open' });
  const overdue = tasks.rows.filter((x) => x.overdue).length;
  const label = overdue > 0 ? t('tasks.headerOverdue', { count: overdue }) : t('tasks.myTitle');
  return (
    <Tooltip label={label}>
      <Indicator label={overdue} size={16} color="red" disabled={overdue === 0}>
        <ActionIcon component={Link} to="/tasks" variant="subtle" size="lg" aria-label={label}>
          <IconChecklist size={20} aria-hidden />
        </ActionIcon>
      </Indicator>
    </Tooltip>
  );
}

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
            <SearchLauncher pages={navItems.map(({ key, label, to }) => ({ label: t(label ?? `nav.${key}`), to }))} />
            <TasksButton />
            <NotificationBell />
            <UserMenu />
          </Group>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs" component="nav" aria-label={t('app.mainNav')}>
        {/* the browser's own scrolling: Mantine's ScrollArea would be one more thing every first load downloads */}
        <AppShell.Section grow style={{ overflowY: 'auto' }}>
          {navItems.map(({ key, label, icon: Icon, to }) => (
            <NavLink
              key={key}
              component={Link}
              to={to}
              label={t(label ?? `nav.${key}`)}
              leftSection={<Icon size={18} aria-hidden />}
              active={to === '/' ? pathname === '/' : pathname.startsWith(to)}
              onClick={close}
            />
          ))}
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main id="main" tabIndex={-1} bg="gray.0">
        <DemoBanner />
        <Outlet />
      </AppShell.Main>
    </AppShell>
  );
}
