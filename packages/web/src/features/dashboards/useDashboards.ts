import type {
  CreateDashboardInput,
  Dashboard,
  DashboardList,
  DashboardWidget,
  UpdateDashboardInput,
} from '@nenner/shared';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api } from '../../api/client';
import type { DateRange } from './period';
import { type WidgetData, widgetPath } from './widgets';

export const useDashboards = () =>
  useQuery({ queryKey: ['dashboards'], queryFn: () => api<DashboardList>('/dashboards') });

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
    mutationFn: (input: CreateDashboardInput) => api<Dashboard>('/dashboards', { method: 'POST', body: input }),
    onSuccess: (d) => store(d),
  });
};

export const useUpdateDashboard = () => {
  const store = useStore();
  return useMutation({
    mutationFn: ({ id, version, input }: { id: string; version: number; input: UpdateDashboardInput }) =>
      api<Dashboard>(`/dashboards/${id}`, { method: 'PATCH', body: input, version }),
    onSuccess: (d) => store(d),
  });
};

export const useDeleteDashboard = () => {
  const store = useStore();
  return useMutation({
    mutationFn: (id: string) => api<void>(`/dashboards/${id}`, { method: 'DELETE' }),
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
