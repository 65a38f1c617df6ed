import { Alert, Paper, Stack, Title } from '@mantine/core';
import { IconLock } from '@tabler/icons-react';
import type { UseMutationResult } from '@tanstack/react-query';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { ConflictAlert } from './form/ConflictAlert';
import { FormActions } from './form/FormActions';
import type { BodySchema } from './form/fieldErrors';
import { diffDraft, type RecordForm, useRecordForm } from './form/useRecordForm';
import { errorMessage, notifySuccess } from './notify';

interface Props<D extends Record<string, unknown>, R> {
  title: string;
  initial: D;
  version: number;
  readOnly: boolean;
  save: UseMutationResult<R, Error, { input: object; version: number }>;
  onReload: () => void;
  toInput?: (changes: Partial<D>) => object;
  /** The update body's schema: the changes are checked with it before they are sent. */
  schema?: BodySchema;
  children: (form: RecordForm<D>) => ReactNode;
}

/**
 * An edit form for a versioned record: sends only changed fields with If-Match, and explains a
 * conflict (412) or a read-only role (403) in plain words. Mount it with key={version} so a reload resets it.
 */
export function RecordEditor<D extends Record<string, unknown>, R>({
  title,
  initial,
  version,
  readOnly,
  save,
  onReload,
  toInput,
  schema,
  children,
}: Props<D, R>) {
  const { t } = useTranslation();
  const form = useRecordForm({
    initialValues: initial,
    toInput: (values: D): object => {
      const changes = diffDraft(initial, values);
      return toInput ? toInput(changes) : changes;
    },
    schema,
    error: save.error,
    disabled: readOnly,
  });
  const dirty = Object.keys(diffDraft(initial, form.values)).length > 0;
  const err = save.error;
  const conflict = isApiError(err) && err.status === 412;
  const forbidden = isApiError(err) && err.status === 403;

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="record-editor-title">
      <form
        onSubmit={form.onSubmit((input) => {
          if (!dirty) return;
          save.mutate({ input, version }, { onSuccess: () => notifySuccess(t('common.saved')) });
        })}
      >
        <Stack>
          <Title order={2} size="h4" id="record-editor-title">
            {title}
          </Title>
          {readOnly && (
            <Alert color="gray" icon={<IconLock size={18} aria-hidden />}>
              {t('common.forbidden')}
            </Alert>
          )}
          {conflict && <ConflictAlert onReload={onReload} />}
          {Boolean(form.problem) && !conflict && (
            <Alert color={forbidden ? 'gray' : 'red'} role="alert">
              {errorMessage(t, form.problem)}
            </Alert>
          )}
          {children(form)}
          {!readOnly && (
            <FormActions
              onCancel={form.reset}
              cancelDisabled={!dirty || save.isPending}
              submitLabel={t('common.save')}
              submitDisabled={!dirty || conflict}
              loading={save.isPending}
            />
          )}
        </Stack>
      </form>
    </Paper>
  );
}
