import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';

interface Props {
  /** There is a draft: "save" is enabled and "cancel" shown. */
  dirty: boolean;
  saving: boolean;
  onSave: () => void;
  onCancel: () => void;
  /** The draft cannot be saved as it is. */
  invalid?: boolean;
  /** Instead of "save" (e.g. "propose"). */
  label?: string;
}

/** Cancel and save under a settings draft. */
export function SaveBar({ dirty, saving, onSave, onCancel, invalid = false, label }: Props) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      {dirty && (
        <Button variant="default" onClick={onCancel}>
          {t('common.cancel')}
        </Button>
      )}
      <Button disabled={!dirty || invalid} loading={saving} onClick={onSave}>
        {label ?? t('common.save')}
      </Button>
    </Group>
  );
}
