import { Alert, Modal, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, notifySuccess } from '../notify';
import { FormActions } from './FormActions';
import type { RecordForm } from './useRecordForm';

/** What the dialog needs of a create mutation. */
interface Create<I, R> {
  mutate: (input: I, options: { onSuccess: (record: R) => void }) => void;
  reset: () => void;
  isPending: boolean;
}

interface Props<V, I, R> {
  title: string;
  opened: boolean;
  onClose: () => void;
  form: RecordForm<V, I>;
  create: Create<I, R>;
  /** After "created" was said and the dialog closed, e.g. to open the new record. */
  onCreated: (record: R) => void;
  /** Shown above the problem, e.g. where the new record will go. */
  intro?: ReactNode;
  children: ReactNode;
}

/** A "create" dialog: sends the form's input, explains a problem above the fields, resets when it closes. */
export function FormModal<V, I, R>({
  title,
  opened,
  onClose,
  form,
  create,
  onCreated,
  intro,
  children,
}: Props<V, I, R>) {
  const { t } = useTranslation();
  const close = () => {
    create.reset();
    form.reset();
    onClose();
  };
  return (
    <Modal opened={opened} onClose={close} title={title} size="lg">
      <form
        onSubmit={form.onSubmit((input) =>
          create.mutate(input, {
            onSuccess: (record) => {
              notifySuccess(t('common.created'));
              close();
              onCreated(record);
            },
          }),
        )}
      >
        <Stack>
          {intro}
          {Boolean(form.problem) && (
            <Alert color="red" role="alert">
              {errorMessage(t, form.problem)}
            </Alert>
          )}
          {children}
          <FormActions onCancel={close} submitLabel={t('common.create')} loading={create.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
