import { Paper, Select, Text } from '@mantine/core';
import { type RotationStatus, rotationStatuses } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { OwnerName } from '../../components/DepartmentBadge';
import { FilterBar } from '../../components/ListControls';
import { RecordTable } from '../../components/RecordTable';
import { UserSelect } from '../../components/UserSelect';
import { RotationDirection, RotationLink, RotationStatusBadge } from './RotationParts';
import { doneOf, formatDays, formatRotationPeriod } from './rotationFormat';
import { useRotationList } from './useRotations';

/** Every rotation, earliest first, by status and person. */
export function RotationList() {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const [status, setStatus] = useState<RotationStatus | ''>('');
  const [userId, setUserId] = useState<string | null>(null);
  const list = useRotationList({ status: status || undefined, userId: userId ?? undefined });
  const filtered = Boolean(status || userId);
  return (
    <Paper withBorder p="md">
      <FilterBar
        active={filtered}
        count={[status, userId].filter(Boolean).length}
        onClear={() => {
          setStatus('');
          setUserId(null);
        }}
      >
        <Select
          label={t('rotations.statusLabel')}
          data={[
            { value: '', label: t('rotations.allStatuses') },
            ...rotationStatuses.map((s) => ({ value: s, label: t(`rotations.status.${s}`) })),
          ]}
          value={status}
          onChange={(v) => setStatus((v ?? '') as RotationStatus | '')}
          allowDeselect={false}
          w={{ base: '100%', sm: 200 }}
          data-testid="rotation-filter-status"
        />
        <UserSelect
          label={t('rotations.person')}
          value={userId}
          onChange={setUserId}
          placeholder={t('rotations.everyone')}
        />
      </FilterBar>
      <RecordTable
        list={list}
        rowKey={(r) => r.id}
        testId="rotation-table"
        minWidth={900}
        empty={filtered ? t('common.noResults') : t('rotations.empty')}
        columns={[
          {
            key: 'person',
            header: t('rotations.person'),
            cell: (r) => <RotationLink rotation={r}>{r.person.name}</RotationLink>,
          },
          { key: 'direction', header: t('rotations.hostDepartment'), cell: (r) => <RotationDirection rotation={r} /> },
          {
            key: 'period',
            header: t('rotations.period'),
            cell: (r) => (
              <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                {formatRotationPeriod(r.startsOn, r.endsOn, lng)} · {formatDays(r.days, lng)}
              </Text>
            ),
          },
          { key: 'mentor', header: t('rotations.mentor'), cell: (r) => <OwnerName owner={r.mentor} /> },
          {
            key: 'goals',
            header: t('rotations.goals'),
            cell: (r) => {
              const { done, total } = doneOf(r.goals);
              return total === 0 ? '–' : t('rotations.goalsDone', { done, total });
            },
          },
          { key: 'status', header: t('rotations.statusLabel'), cell: (r) => <RotationStatusBadge status={r.status} /> },
        ]}
      />
    </Paper>
  );
}
