import { Button, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * Cancels a series after a confirmation. The shared DeleteButton speaks of the trash; a series has none
 * (it is cancelled, and every participant's calendar hears of it), so this one says that instead.
 */
export function MeetingDeleteButton({
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
      <Button
        variant="subtle"
        color="red"
        leftSection={<IconTrash size={16} aria-hidden />}
        onClick={open}
        data-testid="meeting-delete"
      >
        {t('meetings.deleteAction')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('meetings.deleteTitle')}>
        <Text mb="lg">{t('meetings.deleteConfirm', { name })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={loading} onClick={onConfirm} data-autofocus data-testid="meeting-delete-confirm">
            {t('meetings.deleteAction')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
