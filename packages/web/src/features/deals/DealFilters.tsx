import { SegmentedControl, Select, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { FilterBar } from '../../components/ListControls';
import { quarterOf, shiftQuarter } from '../../i18n/format';
import { useAllUsers } from '../settings/useUsers';
import { type DealFilter, usePipelines, useTeams } from './useDeals';

/** The quarters offered: the last two, this one and the next four. */
export const quarterOptions = (now = new Date()): string[] =>
  Array.from({ length: 7 }, (_, i) => shiftQuarter(quarterOf(now), i - 2));

interface Props {
  filter: DealFilter;
  onChange: (f: DealFilter) => void;
  /** The forecast has its own quarter and no owner or source filter. */
  showPipeline?: boolean;
}

/** Pipeline switcher and the filters the board and the list share (owner incl. mine, team, quarter, source). */
export function DealFilters({ filter, onChange, showPipeline = true }: Props) {
  const { t } = useTranslation();
  const pipelines = usePipelines();
  const teams = useTeams();
  const users = useAllUsers();
  const set = (patch: Partial<DealFilter>) => onChange({ ...filter, ...patch });
  const setCount = [filter.ownerId, filter.teamId, filter.source, filter.closeQuarter].filter(Boolean).length;
  // on a phone the filters fold behind a button that counts the ones set (the pipeline is a view, not a filter)
  return (
    <FilterBar active={setCount > 0} count={setCount} onClear={() => onChange({ pipelineId: filter.pipelineId })}>
      {showPipeline && (pipelines.data?.items.length ?? 0) > 1 && (
        <Select
          label={t('deals.pipeline')}
          data={(pipelines.data?.items ?? []).map((p) => ({ value: p.id, label: p.name }))}
          value={filter.pipelineId ?? pipelines.data?.items[0]?.id ?? null}
          onChange={(v) => set({ pipelineId: v ?? undefined })}
          allowDeselect={false}
          w={{ base: '100%', sm: 200 }}
        />
      )}
      <Select
        label={t('common.owner')}
        data={[
          { value: '', label: t('common.all') },
          { value: 'me', label: t('common.mine') },
          { value: 'none', label: t('common.noOwner') },
          ...(users.data?.items ?? [])
            .filter((u) => u.active)
            .map((u) => ({ value: u.id, label: `${u.name} · ${t(`department.${u.department}`)}` })),
        ]}
        value={filter.ownerId ?? ''}
        onChange={(v) => set({ ownerId: v || undefined })}
        searchable
        allowDeselect={false}
        w={{ base: '100%', sm: 220 }}
      />
      <Select
        label={t('deals.team')}
        data={[
          { value: '', label: t('deals.allTeams') },
          ...(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name })),
        ]}
        value={filter.teamId ?? ''}
        onChange={(v) => set({ teamId: v || undefined })}
        allowDeselect={false}
        w={{ base: '100%', sm: 180 }}
      />
      <Select
        label={t('deals.closeQuarter')}
        data={[
          { value: '', label: t('deals.anyQuarter') },
          ...quarterOptions().map((q) => ({ value: q, label: q.replace('-', ' ') })),
        ]}
        value={filter.closeQuarter ?? ''}
        onChange={(v) => set({ closeQuarter: v || undefined })}
        allowDeselect={false}
        w={{ base: '100%', sm: 150 }}
      />
      <Stack gap={4}>
        <Text size="sm" fw={500} id="deal-source-label">
          {t('deals.source')}
        </Text>
        <SegmentedControl
          aria-labelledby="deal-source-label"
          value={filter.source ?? ''}
          onChange={(v) => set({ source: v === 'marketing' || v === 'sales' ? v : undefined })}
          data={[
            { value: '', label: t('common.all') },
            { value: 'marketing', label: t('department.marketing') },
            { value: 'sales', label: t('department.sales') },
          ]}
        />
      </Stack>
    </FilterBar>
  );
}
