import { Button, Paper, Select, Stack, Switch, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { can, type EventStatus, type EventType, eventStatuses, eventTypes } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterBar, PageHeader, SearchBox } from '../../components/ListControls';
import { RecordTable } from '../../components/RecordTable';
import { useMe } from '../auth/useAuth';
import { EventCreateModal } from './EventCreateModal';
import { EventStatusBadge, SeatBar } from './EventParts';
import { eventWhen, foreignZone } from './eventFormat';
import { useEventList } from './useEvents';

/** Veranstaltungen: every event with its date, status and seats; marketing creates them, everyone sees them. */
export function EventList() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const mayCreate = can(me, 'events.manage');
  const [creating, setCreating] = useState(false);
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [status, setStatus] = useState('');
  const [type, setType] = useState('');
  const [upcoming, setUpcoming] = useState(true);
  // "upcoming": still running or ahead; the instant is fixed per visit so the list's key stays stable
  const now = useMemo(() => new Date().toISOString(), []);
  const list = useEventList({
    q: q || undefined,
    status: (status || undefined) as EventStatus | undefined,
    type: (type || undefined) as EventType | undefined,
    from: upcoming ? now : undefined,
  });
  const filtered = Boolean(q || status || type || !upcoming);
  return (
    <>
      <PageHeader title={t('events.title')}>
        {mayCreate && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setCreating(true)}
            data-testid="event-new"
          >
            {t('events.new')}
          </Button>
        )}
      </PageHeader>
      <Text size="sm" c="dimmed" mb="md" maw={760}>
        {t('events.intro')}
      </Text>
      <Paper withBorder p="md">
        <FilterBar
          active={filtered}
          count={[status, type, !upcoming].filter(Boolean).length}
          onClear={() => {
            setSearch('');
            setStatus('');
            setType('');
            setUpcoming(true);
          }}
        >
          <SearchBox value={search} onChange={setSearch} placeholder={t('events.searchPlaceholder')} />
          <Select
            label={t('events.fields.status')}
            data={[
              { value: '', label: t('common.all') },
              ...eventStatuses.map((s) => ({ value: s, label: t(`events.status.${s}`) })),
            ]}
            value={status}
            onChange={(v) => setStatus(v ?? '')}
            allowDeselect={false}
            w={{ base: '100%', sm: 180 }}
          />
          <Select
            label={t('events.fields.type')}
            data={[
              { value: '', label: t('common.all') },
              ...eventTypes.map((x) => ({ value: x, label: t(`events.type.${x}`) })),
            ]}
            value={type}
            onChange={(v) => setType(v ?? '')}
            allowDeselect={false}
            w={{ base: '100%', sm: 180 }}
          />
          <Switch
            label={t('events.upcomingOnly')}
            checked={upcoming}
            onChange={(e) => setUpcoming(e.currentTarget.checked)}
            mb={8}
          />
        </FilterBar>
        <RecordTable
          list={list}
          rowKey={(e) => e.id}
          testId="event-table"
          minWidth={900}
          empty={filtered ? t('common.noResults') : t('events.empty')}
          columns={[
            {
              key: 'title',
              header: t('events.fields.title'),
              cellProps: { style: { minWidth: 200 } },
              cell: (e) => (
                <Stack gap={2} align="flex-start">
                  <Link to="/events/$eventId" params={{ eventId: e.id }} className="nenner-link">
                    {e.title}
                  </Link>
                  <Text size="xs" c="dimmed">
                    {t(`events.type.${e.type}`)}
                  </Text>
                </Stack>
              ),
            },
            {
              key: 'when',
              header: t('events.fields.when'),
              cell: (e) => {
                const zone = foreignZone(e, me.timeZone);
                return (
                  <Stack gap={0}>
                    <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                      {eventWhen(e, lng)}
                    </Text>
                    {zone && (
                      <Text size="xs" c="dimmed">
                        {t('events.zoneNote', { zone })}
                      </Text>
                    )}
                  </Stack>
                );
              },
            },
            { key: 'status', header: t('events.fields.status'), cell: (e) => <EventStatusBadge status={e.status} /> },
            { key: 'seats', header: t('events.seatsHeader'), cell: (e) => <SeatBar event={e} compact /> },
            {
              key: 'owner',
              header: t('events.fields.owner'),
              cell: (e) => <Text size="sm">{e.owner?.name ?? '–'}</Text>,
            },
          ]}
        />
      </Paper>
      {creating && <EventCreateModal onClose={() => setCreating(false)} />}
    </>
  );
}
