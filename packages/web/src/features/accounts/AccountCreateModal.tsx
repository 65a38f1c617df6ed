import { Alert, Button, Group, Modal, Stack } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useCreateRecord } from '../../api/records';
import { errorMessage, notifySuccess } from '../../components/notify';
import { useMe } from '../auth/useAuth';
import { AccountFields } from './AccountFields';
import { type AccountDraft, emptyAccountDraft } from './accountForm';

export function AccountCreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const create = useCreateRecord('accounts');
  const [draft, setDraft] = useState<AccountDraft>(() => emptyAccountDraft(me.department === 'sales' ? me.id : null));
  const fieldErrors = isApiError(create.error) ? create.error.fieldErrors() : {};

  const close = () => {
    create.reset();
    setDraft(emptyAccountDraft(me.department === 'sales' ? me.id : null));
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('account.createTitle')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(draft, {
            onSuccess: (account) => {
              notifySuccess(t('common.created'));
              close();
              void navigate({ to: '/accounts/$accountId', params: { accountId: account.id } });
            },
          });
        }}
      >
        <Stack>
          {create.error && (
            <Alert color="red" role="alert">
              {errorMessage(t, create.error)}
            </Alert>
          )}
          <AccountFields draft={draft} onChange={setDraft} errors={fieldErrors} />
          <Group justify="flex-end">
            <Button variant="default" onClick={close}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
