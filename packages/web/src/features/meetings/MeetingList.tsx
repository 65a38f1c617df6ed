import { Button, Paper, Stack, Text } from '@mantine/core';
import { can } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/ListControls';
import { RecordTable } from '../../components/RecordTable';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { MeetingCreateModal } from './MeetingCreateModal';
import { CadenceText, MeetingParticipants, MeetingWarnings } from './MeetingParts';
import { useMeetingList } from './useMeetings';

/** Abstimmungen: every series with its rule, next meeting and participants; everyone sees every series. */
export function MeetingList() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const list = useMeetingList();
  const mayCreate = can(me, 'meetings.create');
  const [creating, setCreating] = useState(false);
  return (
    <>
      <PageHeader title={t('meetings.title')}>
        {mayCreate && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setCreating(true)}
            data-testid="meeting-new"
          >
            {t('meetings.new')}
          </Button>
        )}
      </PageHeader>
      <Text size="sm" c="dimmed" mb="md" maw={760}>
        {t('meetings.intro')}
      </Text>
      <Paper withBorder p="md">
        <RecordTable
          list={list}
          rowKey={(m) => m.id}
          testId="meeting-table"
          minWidth={960}
          empty={t('meetings.empty')}
          columns={[
            {
              key: 'title',
              header: t('meetings.name'),
              cellProps: { style: { minWidth: 180 } },
              cell: (m) => (
                <Stack gap={4} align="flex-start">
                  <Link to="/meetings/$seriesId" params={{ seriesId: m.id }} className="nenner-link">
                    {m.title}
                  </Link>
                  <MeetingWarnings warnings={m.warnings} />
                </Stack>
              ),
            },
            {
              key: 'cadence',
              header: t('meetings.cadence'),
              cell: (m) => (
                <Text size="sm">
                  <CadenceText meeting={m} />
                </Text>
              ),
            },
            {
              key: 'next',
              header: t('meetings.next'),
              cell: (m) =>
                m.nextStartsAt ? (
                  <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                    {formatDateTime(m.nextStartsAt, i18n.language, m.timeZone)}
                  </Text>
                ) : (
                  <Text size="sm" c="dimmed">
                    {t('meetings.noNext')}
                  </Text>
                ),
            },
            {
              key: 'participants',
              header: t('meetings.participants'),
              cell: (m) => <MeetingParticipants people={m.participants} hostId={m.host.id} />,
            },
          ]}
        />
      </Paper>
      {creating && <MeetingCreateModal onClose={() => setCreating(false)} />}
    </>
  );
}
