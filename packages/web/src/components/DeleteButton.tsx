import { Button, Group, Modal, Text } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/**
 * Deletes a record after a confirmation. By default it speaks of the trash; a record without one (a goal,
 * a meeting series) passes its own words: the dialog's title, the question (with `{{name}}`) and the action.
 */
export function DeleteButton({
  name,
  onConfirm,
  loading,
  texts,
  testId,
}: {
  name: string;
  onConfirm: () => void;
  loading: boolean;
  texts?: { title: string; confirm: string; action?: string };
  testId?: string;
}) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  const action = t(texts?.action ?? 'common.delete');
  return (
    <>
      <Button
        variant="subtle"
        color="red"
        leftSection={<IconTrash size={16} aria-hidden />}
        onClick={open}
        data-testid={testId}
      >
        {action}
      </Button>
      <Modal opened={opened} onClose={close} title={t(texts?.title ?? 'common.confirmDeleteTitle')}>
        <Text mb="lg">{t(texts?.confirm ?? 'common.confirmDelete', { name })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close}>
            {t('common.cancel')}
          </Button>
          <Button
            color="red"
            loading={loading}
            onClick={onConfirm}
            data-autofocus
            data-testid={testId ? `${testId}-confirm` : undefined}
          >
            {action}
          </Button>
        </Group>
      </Modal>
    </>
  );
}
