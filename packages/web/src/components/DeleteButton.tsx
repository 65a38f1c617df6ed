import { Button, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Moves a record to the trash after a confirmation. */
export function DeleteButton({ name, onConfirm, loading }: { name: string; onConfirm: () => void; loading: boolean }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="subtle" color="red" leftSection={<IconTrash size={16} aria-hidden />} onClick={open}>
        {t('common.delete')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('common.confirmDeleteTitle')}>
        <Text mb="lg">{t('common.confirmDelete', { name })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={loading} onClick={onConfirm} data-autofocus>
            {t('common.delete')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
