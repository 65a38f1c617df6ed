import { Modal, type ModalProps, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { notifySuccess } from '../notify';
import { FormActions } from './FormActions';
import { FormProblem } from './FormProblem';
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
  onCreated?: (record: R) => void;
  /** Shown above the problem, e.g. where the new record will go. */
  intro?: ReactNode;
  size?: ModalProps['size'];
  centered?: boolean;
  submitDisabled?: boolean;
  /** Explain a problem in a line under the fields, and only when no field shows it (default: an alert above them). */
  problemBelow?: boolean;
  children: ReactNode;
}

/** A "create" dialog: sends the form's input, explains a problem, resets when it closes. */
export function FormModal<V, I, R>({
  title,
  opened,
  onClose,
  form,
  create,
  onCreated,
  intro,
  size = 'lg',
  centered,
  submitDisabled,
  problemBelow = false,
  children,
}: Props<V, I, R>) {
  const { t } = useTranslation();
  const close = () => {
    create.reset();
    form.reset();
    onClose();
  };
  const fieldShowsIt = Object.keys(form.fieldErrors).length > 0;
  return (
    <Modal opened={opened} onClose={close} title={title} size={size} centered={centered}>
      <form
        onSubmit={form.onSubmit((input) =>
          create.mutate(input, {
            onSuccess: (record) => {
              notifySuccess(t('common.created'));
              close();
              onCreated?.(record);
            },
          }),
        )}
      >
        <Stack>
          {intro}
          {!problemBelow && <FormProblem problem={form.problem} alert />}
          {children}
          {problemBelow && !fieldShowsIt && <FormProblem problem={form.problem} />}
          <FormActions
            onCancel={close}
            submitLabel={t('common.create')}
            submitDisabled={submitDisabled}
            loading={create.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
