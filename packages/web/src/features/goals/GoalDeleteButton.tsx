import { Button, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * Deletes a goal after a confirmation. The shared DeleteButton speaks of the trash; goals have none (they
 * are deleted for good, and the goals below lose their parent), so this one says that instead.
 */
export function GoalDeleteButton({
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
        data-testid="goal-delete"
      >
        {t('common.delete')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('goals.deleteTitle')}>
        <Text mb="lg">{t('goals.deleteConfirm', { name })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button color="red" loading={loading} onClick={onConfirm} data-autofocus data-testid="goal-delete-confirm">
            {t('common.delete')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
