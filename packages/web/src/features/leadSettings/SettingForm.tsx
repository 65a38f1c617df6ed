import { Alert, Stack, Text } from '@mantine/core';
import { can, type PolicyAction } from '@nenner/shared';
import { type ReactNode, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage, notifyError, notifySuccess } from '../../components/notify';
import { SaveBar } from '../../components/SaveBar';
import { TableSkeleton } from '../../components/TableSkeleton';
import { useMe } from '../auth/useAuth';
import { type SettingPath, useSetting } from './useSettings';

/**
 * Loads a setting, keeps a local draft, and saves it with the version it was read at. Who may change it is
 * the policy `action` the server checks on the same PUT; everyone else sees it disabled.
 */
export function SettingForm<T>({
  path,
  action,
  intro,
  children,
}: {
  path: SettingPath;
  action: PolicyAction;
  intro: string;
  children: (value: T, set: (v: T) => void) => ReactNode;
}) {
  const { t } = useTranslation();
  const me = useMe();
  const { query, save } = useSetting<T>(path);
  const [draft, setDraft] = useState<T | null>(null);
  if (query.isPending) return <TableSkeleton rows={4} />;
  if (query.isError) return <Alert color="red">{errorMessage(t, query.error)}</Alert>;
  const canEdit = can(me, action);
  const value = draft ?? query.data.value;
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {intro}
      </Text>
      <fieldset disabled={!canEdit} style={{ border: 0, padding: 0, margin: 0 }}>
        {children(value, setDraft)}
      </fieldset>
      {canEdit && (
        <SaveBar
          dirty={draft !== null}
          saving={save.isPending}
          onCancel={() => setDraft(null)}
          onSave={() =>
            save.mutate(
              { value, version: query.data.version },
              {
                onSuccess: () => {
                  setDraft(null);
                  notifySuccess(t('common.saved'));
                },
                onError: (e) => notifyError(t, e),
              },
            )
          }
        />
      )}
    </Stack>
  );
}
