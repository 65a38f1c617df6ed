import { Alert, Button, Group, Paper, Stack, Text, Title } from '@mantine/core';
import { IconAlertTriangle, IconLock } from '@tabler/icons-react';
import type { UseMutationResult } from '@tanstack/react-query';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../api/client';
import { diffDraft } from '../features/accounts/accountForm';
import { errorMessage, notifySuccess } from './notify';

interface Props<D extends object, R> {
  title: string;
  initial: D;
  version: number;
  readOnly: boolean;
  save: UseMutationResult<R, Error, { input: object; version: number }>;
  onReload: () => void;
  toInput?: (changes: Partial<D>) => object;
  children: (draft: D, setDraft: (d: D) => void, errors: Record<string, string>, disabled: boolean) => ReactNode;
}

/**
 * An edit form for a versioned record: sends only changed fields with If-Match, and explains a
 * conflict (412) or a read-only role (403) in plain words. Mount it with key={version} so a reload resets it.
 */
export function RecordEditor<D extends object, R>({
  title,
  initial,
  version,
  readOnly,
  save,
  onReload,
  toInput,
  children,
}: Props<D, R>) {
  const { t } = useTranslation();
  const [draft, setDraft] = useState<D>(initial);
  const changes = diffDraft(initial, draft);
  const dirty = Object.keys(changes).length > 0;
  const err = save.error;
  const conflict = isApiError(err) && err.status === 412;
  const forbidden = isApiError(err) && err.status === 403;
  const fieldErrors = isApiError(err) ? err.fieldErrors() : {};

  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="record-editor-title">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!dirty) return;
          save.mutate(
            { input: toInput ? toInput(changes) : changes, version },
            { onSuccess: () => notifySuccess(t('common.saved')) },
          );
        }}
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
          {conflict && (
            <Alert
              color="orange"
              title={t('common.conflictTitle')}
              icon={<IconAlertTriangle size={18} aria-hidden />}
              role="alert"
            >
              <Text size="sm" mb="sm">
                {t('common.conflict')}
              </Text>
              <Button size="xs" color="orange" onClick={onReload}>
                {t('common.reload')}
              </Button>
            </Alert>
          )}
          {err && !conflict && (
            <Alert color={forbidden ? 'gray' : 'red'} role="alert">
              {errorMessage(t, err)}
            </Alert>
          )}
          {children(draft, setDraft, fieldErrors, readOnly)}
          {!readOnly && (
            <Group justify="flex-end">
              <Button variant="default" disabled={!dirty || save.isPending} onClick={() => setDraft(initial)}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" disabled={!dirty || conflict} loading={save.isPending}>
                {t('common.save')}
              </Button>
            </Group>
          )}
        </Stack>
      </form>
    </Paper>
  );
}
