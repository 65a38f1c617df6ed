import { ActionIcon, Box, Button, Group, Indicator, Popover, Stack, Text, UnstyledButton } from '@mantine/core';
import { contract } from '@nenner/shared';
import { IconBell } from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/endpoints';
import { notifyError } from '../../components/notify';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';

export interface AppNotification {
  id: string;
  kind: string;
  entityType: string;
  entityId: string;
  data: Record<string, string>;
  createdAt: string;
  readAt: string | null;
}

const useNotifications = () =>
  useQuery({
    queryKey: ['notifications'],
    queryFn: () => call(contract.listNotifications, { query: { limit: 20 } }),
    refetchInterval: 60_000,
  });

/** The header bell: unread count, the latest notifications, mark read, open the lead or goal. */
export function NotificationBell() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const qc = useQueryClient();
  const navigate = useNavigate();
  const [opened, setOpened] = useState(false);
  const list = useNotifications();
  const markRead = useMutation({
    mutationFn: (id: string | null) =>
      id ? call(contract.readNotification, { params: { id } }) : call(contract.readAllNotifications, {}),
    onSettled: () => qc.invalidateQueries({ queryKey: ['notifications'] }),
  });
  const unread = list.data?.unread ?? 0;
  const items = list.data?.items ?? [];

  const open = (n: AppNotification) => {
    if (!n.readAt) markRead.mutate(n.id, { onError: (e) => notifyError(t, e) });
    setOpened(false);
    if (n.entityType === 'handoff') void navigate({ to: '/leads/$handoffId', params: { handoffId: n.entityId } });
    if (n.entityType === 'goal') void navigate({ to: '/goals/$goalId', params: { goalId: n.entityId } });
  };

  const text = (n: AppNotification) =>
    t(`notifications.kind.${n.kind}`, {
      contact: n.data.contact ?? '',
      account: n.data.account ?? '',
      reason: (i18n.language.startsWith('en') ? n.data.reason_en : n.data.reason_de) ?? n.data.reason ?? '',
      goal: n.data.goal ?? '',
      percent: n.data.percent ?? '',
      defaultValue: t('notifications.generic'),
    });

  return (
    // the indicator wraps the popover, so the popover's aria attributes land on the button, not on a div
    <Indicator label={unread > 99 ? '99+' : unread} size={18} disabled={unread === 0} color="red" offset={4}>
      <Popover opened={opened} onChange={setOpened} position="bottom-end" width={360} shadow="md" withArrow>
        <Popover.Target>
          <ActionIcon
            variant="subtle"
            color="gray"
            size="lg"
            onClick={() => setOpened((o) => !o)}
            aria-label={t('notifications.open', { count: unread })}
            data-testid="notification-bell"
          >
            <IconBell size={22} aria-hidden />
          </ActionIcon>
        </Popover.Target>
        <Popover.Dropdown p={0}>
          <Group justify="space-between" px="sm" py="xs">
            <Text fw={600}>{t('notifications.title')}</Text>
            <Button
              size="compact-xs"
              variant="subtle"
              disabled={unread === 0}
              onClick={() => markRead.mutate(null, { onError: (e) => notifyError(t, e) })}
            >
              {t('notifications.readAll')}
            </Button>
          </Group>
          {/* the browser's own scrolling: the bell is on every page, Mantine's ScrollArea is not needed there */}
          <Box mah={420} style={{ overflowY: 'auto' }}>
            {items.length === 0 ? (
              <Text size="sm" c="dimmed" px="sm" pb="sm">
                {t('notifications.empty')}
              </Text>
            ) : (
              <Stack gap={0} component="ul" p={0} m={0}>
                {items.map((n) => (
                  <li key={n.id} style={{ listStyle: 'none' }}>
                    <UnstyledButton
                      onClick={() => open(n)}
                      w="100%"
                      px="sm"
                      py="xs"
                      className="nenner-row"
                      style={{ borderTop: '1px solid var(--mantine-color-gray-2)' }}
                    >
                      <Group gap="xs" wrap="nowrap" align="flex-start">
                        <span
                          aria-hidden
                          style={{
                            width: 8,
                            height: 8,
                            marginTop: 6,
                            borderRadius: 4,
                            flexShrink: 0,
                            background: n.readAt ? 'transparent' : 'var(--mantine-color-red-6)',
                          }}
                        />
                        <div>
                          <Text size="sm" fw={n.readAt ? 400 : 600}>
                            {text(n)}
                            {!n.readAt && <span className="nenner-sr-only"> ({t('notifications.unread')})</span>}
                          </Text>
                          <Text size="xs" c="dimmed">
                            {formatDateTime(n.createdAt, i18n.language, me.timeZone)}
                          </Text>
                        </div>
                      </Group>
                    </UnstyledButton>
                  </li>
                ))}
              </Stack>
            )}
          </Box>
        </Popover.Dropdown>
      </Popover>
    </Indicator>
  );
}
