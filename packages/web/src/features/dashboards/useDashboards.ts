import {
  type CreateDashboardInput,
  contract,
  type Dashboard,
  type DashboardList,
  type DashboardWidget,
  type UpdateDashboardInput,
} from '@nenner/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import { call } from '../../api/endpoints';
import type { DateRange } from './period';
import { type WidgetData, widgetPath } from './widgets';

export const useDashboards = () =>
  useQuery({ queryKey: ['dashboards'], queryFn: () => call(contract.listDashboards, {}) });

/** Puts a created or changed dashboard into the cached list at once (the page selects it), then refetches. */
const useStore = () => {
  const qc = useQueryClient();
  return (d?: Dashboard) => {
    if (d) {
      qc.setQueryData<DashboardList>(['dashboards'], (list) =>
        !list
          ? list
          : list.items.some((x) => x.id === d.id)
            ? { items: list.items.map((x) => (x.id === d.id ? d : x)) }
            : { items: [...list.items, d] },
      );
    }
    void qc.invalidateQueries({ queryKey: ['dashboards'] });
  };
};

export const useCreateDashboard = () => {
  const store = useStore();
  return useMutation({
    mutationFn: (input: CreateDashboardInput) => call(contract.createDashboard, { body: input }),
    onSuccess: (d) => store(d),
  });
};

export const useUpdateDashboard = () => {
  const store = useStore();
  return useMutation({
    mutationFn: ({ id, version, input }: { id: string; version: number; input: UpdateDashboardInput }) =>
      call(contract.updateDashboard, { params: { id }, body: input, version }),
    onSuccess: (d) => store(d),
  });
};

export const useDeleteDashboard = () => {
  const store = useStore();
  return useMutation({
    mutationFn: (id: string) => call(contract.deleteDashboard, { params: { id } }),
    onSuccess: () => store(),
  });
};

/** A widget's figures; cached under `reports` so any change that refreshes reports refreshes it. */
export const useWidgetData = (w: DashboardWidget, range: DateRange) => {
  const path = widgetPath(w, range);
  return useQuery({
    queryKey: ['reports', 'widget', path],
    queryFn: async ({ signal }) => ({ type: w.type, result: await api<unknown>(path, { signal }) }) as WidgetData,
    staleTime: 60_000,
  });
};
