import {
  Alert,
  Badge,
  Button,
  Group,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Switch,
  Text,
  TextInput,
} from '@mantine/core';
import {
  type Dashboard,
  type DashboardWidget,
  DefaultDashboardId,
  dashboardNameMax,
  maxDashboardWidgets,
  UpdateDashboardInput,
} from '@nenner/shared';
import { IconCopy, IconPencil, IconPlus, IconShare } from '@tabler/icons-react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { ConflictAlert } from '../../components/form/ConflictAlert';
import { useRecordForm, validationProblem } from '../../components/form/useRecordForm';
import { PageHeader } from '../../components/ListControls';
import { errorMessage, notifyError, notifySuccess } from '../../components/notify';
import { DeleteDashboardButton, NewDashboardModal } from './DashboardModals';
import { todayIso } from './period';
import { useCreateDashboard, useDashboards, useDeleteDashboard, useUpdateDashboard } from './useDashboards';
import { WidgetCard } from './WidgetCard';
import { WidgetFormModal } from './WidgetFormModal';

type Draft = {
  name: string;
  shared: boolean;
  widgets: DashboardWidget[];
};

/** The list with the item at `i` swapped with its neighbour `i + by`. */
const move = <T,>(list: T[], i: number, by: -1 | 1): T[] => {
  const j = i + by;
  if (j < 0 || j >= list.length) return list;
  const out = [...list];
  [out[i], out[j]] = [out[j] as T, out[i] as T];
  return out;
};

/** A dashboard's name for the selector: the built-in one in the user's language. */
const nameOf = (t: (k: string) => string, d: Dashboard) => (d.builtIn ? t('dashboards.defaultName') : d.name);

/** Dashboards: the built-in default and your own or shared ones, each a grid of report widgets. */
export function DashboardsPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const search: { id?: string } = useSearch({ strict: false });
  const list = useDashboards();
  const create = useCreateDashboard();
  const update = useUpdateDashboard();
  const remove = useDeleteDashboard();
  const [today] = useState(todayIso);
  // the form holds the draft while editing; it is sent as it is, checked with the update's schema
  const [editing, setEditing] = useState(false);
  const form = useRecordForm<Draft, UpdateDashboardInput>({
    initialValues: { name: '', shared: false, widgets: [] },
    schema: UpdateDashboardInput,
    error: update.error,
  });
  const draft = editing ? form.values : null;
  const [creating, setCreating] = useState(false);
  const [widgetForm, setWidgetForm] = useState<{ index: number | null } | null>(null);

  const items = list.data?.items ?? [];
  const current = items.find((d) => d.id === search.id) ?? items[0];
  const stopEditing = () => setEditing(false);
  const select = (id: string) => {
    stopEditing();
    void navigate({ to: '/dashboards', search: id === DefaultDashboardId ? {} : { id } });
  };
  const startEditing = (d: Dashboard) => {
    form.setValues({ name: d.name, shared: d.shared, widgets: d.widgets });
    form.clearErrors();
    setEditing(true);
  };
  const conflict = isApiError(update.error) && update.error.status === 412;
  /** After a 412: fetch the latest version and start over from it (the draft's changes are dropped). */
  const reloadAfterConflict = async () => {
    const fresh = (await list.refetch()).data?.items.find((d) => d.id === current?.id);
    update.reset();
    if (fresh?.canEdit) startEditing(fresh);
    else stopEditing();
  };

  const copy = (d: Dashboard) =>
    create.mutate(
      { name: t('dashboards.copyName', { name: nameOf(t, d) }).slice(0, dashboardNameMax), widgets: d.widgets },
      {
        onSuccess: (created) => {
          notifySuccess(t('dashboards.copied'));
          select(created.id);
          startEditing(created);
        },
        onError: (e) => notifyError(t, e),
      },
    );

  const save = (d: Dashboard) =>
    form.onSubmit(
      ({ name, shared, widgets }) =>
        update.mutate(
          { id: d.id, version: d.version, input: { name, shared, widgets } },
          {
            onSuccess: () => {
              notifySuccess(t('common.saved'));
              stopEditing();
            },
            onError: (e) => {
              if (!(isApiError(e) && e.status === 412)) notifyError(t, e);
            },
          },
        ),
      (errors) => notifyError(t, validationProblem(errors)),
    )();

  if (list.isPending) {
    return (
      <Stack>
        <PageHeader title={t('dashboards.title')} />
        <SimpleGrid cols={{ base: 1, lg: 2 }}>
          <Skeleton height={340} />
          <Skeleton height={340} />
        </SimpleGrid>
      </Stack>
    );
  }
  if (list.isError || !current) {
    return (
      <>
        <PageHeader title={t('dashboards.title')} />
        <Alert color="red">{errorMessage(t, list.error)}</Alert>
      </>
    );
  }

  const widgets = draft ? draft.widgets : current.widgets;
  const setWidgets = (next: DashboardWidget[]) => form.setFieldValue('widgets', next);
  const editingWidget = widgetForm && widgetForm.index !== null ? widgets[widgetForm.index] : undefined;

  return (
    <>
      <PageHeader title={t('dashboards.title')}>
        {!draft && (
          <>
            <Select
              aria-label={t('dashboards.choose')}
              data={items.map((d) => ({
                value: d.id,
                label:
                  d.owner && !d.canEdit
                    ? t('dashboards.sharedBy', { name: d.name, owner: d.owner.name })
                    : nameOf(t, d),
              }))}
              value={current.id}
              onChange={(v) => v && select(v)}
              allowDeselect={false}
              w={300}
            />
            {current.canEdit ? (
              <Button
                variant="default"
                leftSection={<IconPencil size={16} aria-hidden />}
                onClick={() => startEditing(current)}
              >
                {t('dashboards.edit')}
              </Button>
            ) : (
              <Button
                variant="default"
                leftSection={<IconCopy size={16} aria-hidden />}
                onClick={() => copy(current)}
                loading={create.isPending}
              >
                {t('dashboards.copy')}
              </Button>
            )}
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
              {t('dashboards.new')}
            </Button>
          </>
        )}
      </PageHeader>

      {draft ? (
        <Stack gap="sm" mb="md">
          {conflict && <ConflictAlert onReload={() => void reloadAfterConflict()} />}
          <Group align="flex-end" wrap="wrap">
            <TextInput
              label={t('dashboards.name')}
              maxLength={dashboardNameMax}
              required
              w={320}
              {...form.field('name')}
            />
            <Switch
              label={t('dashboards.shareWithEveryone')}
              description={t('dashboards.shareHint')}
              {...form.checkbox('shared')}
            />
          </Group>
          <Group justify="space-between" wrap="wrap">
            <Group>
              <Button
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden />}
                onClick={() => setWidgetForm({ index: null })}
                disabled={draft.widgets.length >= maxDashboardWidgets}
              >
                {t('dashboards.addWidget')}
              </Button>
              <Text size="sm" c="dimmed">
                {t('dashboards.widgetCount', { count: draft.widgets.length, max: maxDashboardWidgets })}
              </Text>
            </Group>
            <Group>
              <DeleteDashboardButton
                name={draft.name || current.name}
                loading={remove.isPending}
                onConfirm={() =>
                  remove.mutate(current.id, {
                    onSuccess: () => {
                      notifySuccess(t('dashboards.deleted'));
                      select(DefaultDashboardId);
                    },
                    onError: (e) => notifyError(t, e),
                  })
                }
              />
              <Button
                variant="default"
                onClick={() => {
                  update.reset();
                  stopEditing();
                }}
              >
                {t('common.cancel')}
              </Button>
              <Button onClick={() => save(current)} loading={update.isPending} disabled={!draft.name.trim()}>
                {t('common.save')}
              </Button>
            </Group>
          </Group>
        </Stack>
      ) : (
        <Group gap="xs" mb="md">
          {current.builtIn && (
            <Text size="sm" c="dimmed">
              {t('dashboards.defaultHint')}
            </Text>
          )}
          {!current.builtIn && current.shared && (
            <Badge variant="light" leftSection={<IconShare size={12} aria-hidden />}>
              {t('dashboards.shared')}
            </Badge>
          )}
          {current.owner && !current.canEdit && (
            <Text size="sm" c="dimmed">
              {t('dashboards.readOnlyBy', { owner: current.owner.name })}
            </Text>
          )}
        </Group>
      )}

      {widgets.length === 0 ? (
        <EmptyState
          action={
            draft ? (
              <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setWidgetForm({ index: null })}>
                {t('dashboards.addWidget')}
              </Button>
            ) : undefined
          }
        >
          {t('dashboards.noWidgets')}
        </EmptyState>
      ) : (
        <SimpleGrid cols={{ base: 1, lg: 2 }} spacing="md">
          {widgets.map((w, i) => (
            <WidgetCard
              key={w.id}
              widget={w}
              today={today}
              edit={
                draft
                  ? {
                      onEdit: () => setWidgetForm({ index: i }),
                      onRemove: () => setWidgets(widgets.filter((_, j) => j !== i)),
                      onMoveUp: i > 0 ? () => setWidgets(move(widgets, i, -1)) : undefined,
                      onMoveDown: i < widgets.length - 1 ? () => setWidgets(move(widgets, i, 1)) : undefined,
                    }
                  : undefined
              }
            />
          ))}
        </SimpleGrid>
      )}

      {widgetForm && (
        <WidgetFormModal
          widget={editingWidget}
          onClose={() => setWidgetForm(null)}
          onSave={(w) => {
            setWidgets(
              widgetForm.index === null ? [...widgets, w] : widgets.map((x, j) => (j === widgetForm.index ? w : x)),
            );
            setWidgetForm(null);
          }}
        />
      )}
      {creating && (
        <NewDashboardModal
          onClose={() => setCreating(false)}
          onCreated={(d) => {
            setCreating(false);
            select(d.id);
            startEditing(d);
          }}
        />
      )}
    </>
  );
}
