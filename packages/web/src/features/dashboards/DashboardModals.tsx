import { Button, Checkbox, Group, Modal, Stack, Switch, Text, TextInput } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type Dashboard, dashboardNameMax, defaultDashboardWidgets } from '@nenner/shared';
import { IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { errorMessage, notifySuccess } from '../../components/notify';
import { useCreateDashboard } from './useDashboards';

/** Names a new dashboard, optionally starting from the default's widgets; opens it in edit mode. */
export function NewDashboardModal({ onClose, onCreated }: { onClose: () => void; onCreated: (d: Dashboard) => void }) {
  const { t } = useTranslation();
  const create = useCreateDashboard();
  const [name, setName] = useState('');
  const [shared, setShared] = useState(false);
  const [fromDefault, setFromDefault] = useState(true);
  const errors = isApiError(create.error) ? create.error.fieldErrors() : {};
  return (
    <Modal opened onClose={onClose} title={t('dashboards.new')} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(
            { name, shared, widgets: fromDefault ? defaultDashboardWidgets : [] },
            {
              onSuccess: (d) => {
                notifySuccess(t('common.created'));
                onCreated(d);
              },
            },
          );
        }}
      >
        <Stack>
          <TextInput
            label={t('dashboards.name')}
            value={name}
            maxLength={dashboardNameMax}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
            required
            data-autofocus
          />
          <Checkbox
            label={t('dashboards.startFromDefault')}
            checked={fromDefault}
            onChange={(e) => setFromDefault(e.currentTarget.checked)}
          />
          <Switch
            label={t('dashboards.shareWithEveryone')}
            description={t('dashboards.shareHint')}
            checked={shared}
            onChange={(e) => setShared(e.currentTarget.checked)}
          />
          {create.isError && !errors.name && (
            <Text c="red" size="sm">
              {errorMessage(t, create.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim()}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
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
