import { Button, Paper, Select, Switch, Text } from '@mantine/core';
import { can } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterBar, PageHeader } from '../../components/ListControls';
import { RecordTable } from '../../components/RecordTable';
import { useMe } from '../auth/useAuth';
import { GoalCreateModal } from './GoalCreateModal';
import { GoalKindBadge, GoalOwners, metricName } from './GoalParts';
import { GoalProgressBar } from './GoalProgressBar';
import { formatGoalPeriod } from './goalFormat';
import { useGoalList, useGoalMetrics } from './useGoals';

type SharedFilter = '' | 'true' | 'false';

/** Ziele: every goal with its metric, period, owners and how far it is; everyone sees every goal. */
export function GoalList({ creating: startCreating = false }: { creating?: boolean }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const metrics = useGoalMetrics();
  const [shared, setShared] = useState<SharedFilter>('');
  const [metric, setMetric] = useState('');
  const [current, setCurrent] = useState(false);
  const mayCreate = can(me, 'goals.create');
  const [creating, setCreating] = useState(startCreating && mayCreate);
  const navigate = useNavigate();
  useEffect(() => {
    // the dialog is open now: ?new=true leaves the address, so a reload does not open it again
    if (startCreating) void navigate({ to: '/goals', search: {}, replace: true });
  }, [startCreating, navigate]);
  const list = useGoalList({
    shared: shared || undefined,
    metric: metric || undefined,
    on: current ? 'today' : undefined,
  });
  const filtered = Boolean(shared || metric || current);
  return (
    <>
      <PageHeader title={t('goals.title')}>
        {mayCreate && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setCreating(true)}
            data-testid="goal-new"
          >
            {t('goals.new')}
          </Button>
        )}
      </PageHeader>
      <Text size="sm" c="dimmed" mb="md" maw={760}>
        {t('goals.intro')}
      </Text>
      <Paper withBorder p="md">
        <FilterBar
          active={filtered}
          count={[shared, metric, current].filter(Boolean).length}
          onClear={() => {
            setShared('');
            setMetric('');
            setCurrent(false);
          }}
        >
          <Select
            label={t('goals.kind')}
            data={[
              { value: '', label: t('goals.allKinds') },
              { value: 'true', label: t('goals.sharedOnly') },
              { value: 'false', label: t('goals.departmentOnly') },
            ]}
            value={shared}
            onChange={(v) => setShared((v ?? '') as SharedFilter)}
            allowDeselect={false}
            w={{ base: '100%', sm: 200 }}
            data-testid="goal-filter-shared"
          />
          <Select
            label={t('goals.metric')}
            data={[
              { value: '', label: t('goals.allMetrics') },
              ...(metrics.data ?? []).map((m) => ({ value: m.key, label: metricName(metrics.data, m.key, lng) })),
            ]}
            value={metric}
            onChange={(v) => setMetric(v ?? '')}
            allowDeselect={false}
            searchable
            w={{ base: '100%', sm: 260 }}
          />
          <Switch
            label={t('goals.currentOnly')}
            checked={current}
            onChange={(e) => setCurrent(e.currentTarget.checked)}
            mb={8}
            data-testid="goal-filter-current"
          />
        </FilterBar>
        <RecordTable
          list={list}
          rowKey={(g) => g.id}
          testId="goal-table"
          minWidth={1100}
          empty={filtered ? t('common.noResults') : t('goals.empty')}
          columns={[
            {
              key: 'name',
              header: t('goals.name'),
              cellProps: { style: { minWidth: 170 } },
              cell: (g) => (
                <Link to="/goals/$goalId" params={{ goalId: g.id }} className="nenner-link">
                  {g.name}
                </Link>
              ),
            },
            { key: 'kind', header: t('goals.kind'), cell: (g) => <GoalKindBadge goal={g} /> },
            { key: 'metric', header: t('goals.metric'), cell: (g) => metricName(metrics.data, g.metric, lng) },
            {
              key: 'period',
              header: t('goals.period'),
              cell: (g) => (
                <Text size="sm" style={{ whiteSpace: 'nowrap' }}>
                  {formatGoalPeriod(g.period, lng)}
                </Text>
              ),
            },
            { key: 'owners', header: t('goals.owners'), cell: (g) => <GoalOwners owners={g.owners} /> },
            {
              key: 'progress',
              header: t('goals.progress'),
              cell: (g) =>
                g.progress ? (
                  <GoalProgressBar progress={g.progress} unit={g.unit} currency={g.currency} />
                ) : (
                  <Text size="sm" c="dimmed">
                    –
                  </Text>
                ),
            },
          ]}
        />
      </Paper>
      {creating && <GoalCreateModal onClose={() => setCreating(false)} />}
    </>
  );
}
