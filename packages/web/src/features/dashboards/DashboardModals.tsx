import { Button, Checkbox, Group, Modal, Switch, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { CreateDashboardInput, type Dashboard, dashboardNameMax, defaultDashboardWidgets } from '@nenner/shared';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form/FormModal';
import { useRecordForm } from '../../components/form/useRecordForm';
import { useCreateDashboard } from './useDashboards';

/** Names a new dashboard, optionally starting from the default's widgets; opens it in edit mode. */
export function NewDashboardModal({ onClose, onCreated }: { onClose: () => void; onCreated: (d: Dashboard) => void }) {
  const { t } = useTranslation();
  const create = useCreateDashboard();
  const form = useRecordForm({
    initialValues: { name: '', shared: false, fromDefault: true },
    toInput: ({ name, shared, fromDefault }): CreateDashboardInput => ({
      name,
      shared,
      widgets: fromDefault ? defaultDashboardWidgets : [],
    }),
    schema: CreateDashboardInput,
    error: create.error,
  });
  return (
    <FormModal
      title={t('dashboards.new')}
      opened
      onClose={onClose}
      form={form}
      create={create}
      onCreated={onCreated}
      size="md"
      centered
      submitDisabled={!form.values.name.trim()}
      problemBelow
    >
      <TextInput
        label={t('dashboards.name')}
        maxLength={dashboardNameMax}
        required
        data-autofocus
        {...form.field('name')}
      />
      <Checkbox label={t('dashboards.startFromDefault')} {...form.checkbox('fromDefault')} />
      <Switch
        label={t('dashboards.shareWithEveryone')}
        description={t('dashboards.shareHint')}
        {...form.checkbox('shared')}
      />
    </FormModal>
  );
}

/** Deletes a dashboard for good after a confirmation (there is no trash for dashboards). */
export function DeleteDashboardButton({
  name,
  onConfirm,
  loading,
}: {
  name: string;
  onConfirm: () => void;
  loading: boolean;
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="subtle" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={open}>
        {t('dashboards.delete')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('dashboards.deleteTitle')} centered>
        <Text mb="lg">{t('dashboards.deleteConfirm', { name })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={loading} onClick={onConfirm} data-autofocus>
            {t('dashboards.delete')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
