import { Button, Stack, Tabs, Text } from '@mantine/core';
import { can } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/ListControls';
import { useMe } from '../auth/useAuth';
import { RotationCalendar } from './RotationCalendar';
import { RotationCreateModal } from './RotationCreateModal';
import { RotationList } from './RotationList';
import { RotationQuarterReport } from './RotationQuarterReport';
import { isRotationView, type RotationView, rotationViews } from './rotationViews';

/** Perspektivwechsel: the calendar of who is where, when; the list; the quarterly report. */
export function RotationsPage({ view, creating: startCreating = false }: { view: RotationView; creating?: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const mayCreate = can(me, 'rotations.create');
  const [creating, setCreating] = useState(startCreating && mayCreate);
  useEffect(() => {
    // the dialog is open now: ?new=true leaves the address, so a reload does not open it again
    if (startCreating) void navigate({ to: '/rotations', search: { view }, replace: true });
  }, [startCreating, navigate, view]);
  return (
    <>
      <PageHeader title={t('rotations.title')}>
        {mayCreate && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setCreating(true)}
            data-testid="rotation-new"
          >
            {t('rotations.new')}
          </Button>
        )}
      </PageHeader>
      <Stack gap="md">
        <Text size="sm" c="dimmed" maw={760}>
          {t('rotations.intro')}
        </Text>
        <Tabs
          value={view}
          onChange={(v) => isRotationView(v) && void navigate({ to: '/rotations', search: { view: v } })}
          keepMounted={false}
        >
          <Tabs.List aria-label={t('rotations.views.label')} mb="md">
            {rotationViews.map((v) => (
              <Tabs.Tab key={v} value={v}>
                {t(`rotations.views.${v}`)}
              </Tabs.Tab>
            ))}
          </Tabs.List>
          <Tabs.Panel value="calendar">
            <RotationCalendar />
          </Tabs.Panel>
          <Tabs.Panel value="list">
            <RotationList />
          </Tabs.Panel>
          <Tabs.Panel value="report">
            <RotationQuarterReport />
          </Tabs.Panel>
        </Tabs>
      </Stack>
      {creating && <RotationCreateModal onClose={() => setCreating(false)} />}
    </>
  );
}
