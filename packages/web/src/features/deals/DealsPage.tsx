import { Tabs } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/ListControls';
import { DealBoard } from './DealBoard';
import { DealCreateModal } from './DealCreateModal';
import { DealFilters } from './DealFilters';
import { DealList } from './DealList';
import { type DealsSearch, type DealView, dealViews } from './dealsSearch';
import { ForecastView } from './ForecastView';

/** Deals (Verkaufschancen): the board, the list with the same filters, and the quarter forecast. */
export function DealsPage({ search }: { search: DealsSearch }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const [creating, setCreating] = useState(false);
  const { view = 'board', ...filter } = search;
  const setSearch = (next: DealsSearch) => void navigate({ to: '/deals', search: next, replace: true });
  return (
    <>
      <PageHeader title={t('deals.title')} />
      <Tabs value={view} onChange={(v) => v && setSearch({ ...filter, view: v as DealView })} keepMounted={false}>
        <Tabs.List aria-label={t('deals.views')} mb="md">
          {dealViews.map((v) => (
            <Tabs.Tab key={v} value={v}>
              {t(`deals.view.${v}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        {view !== 'forecast' && <DealFilters filter={filter} onChange={(f) => setSearch({ ...f, view })} />}
        <Tabs.Panel value="board">
          <DealBoard filter={filter} onCreate={() => setCreating(true)} />
        </Tabs.Panel>
        <Tabs.Panel value="list">
          <DealList filter={filter} />
        </Tabs.Panel>
        <Tabs.Panel value="forecast">
          <ForecastView pipelineId={filter.pipelineId} />
        </Tabs.Panel>
      </Tabs>
      {creating && <DealCreateModal onClose={() => setCreating(false)} pipelineId={filter.pipelineId} />}
    </>
  );
}
