import { Button, Group } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { SubmitButton } from './SubmitButton';

interface Props {
  onCancel: () => void;
  cancelDisabled?: boolean;
  submitLabel: string;
  submitDisabled?: boolean;
  loading: boolean;
  color?: string;
  'data-testid'?: string;
}

/** A form's "Cancel" and submit buttons, right-aligned; the submit button saves on the first click. */
export function FormActions({ onCancel, cancelDisabled, submitLabel, submitDisabled, loading, color, ...rest }: Props) {
  const { t } = useTranslation();
  return (
    <Group justify="flex-end">
      <Button variant="default" disabled={cancelDisabled} onClick={onCancel}>
        {t('common.cancel')}
      </Button>
      <SubmitButton color={color} disabled={submitDisabled} loading={loading} data-testid={rest['data-testid']}>
        {submitLabel}
      </SubmitButton>
    </Group>
  );
}
