import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { useCreateRecord } from '../../api/records';
import { errorMessage, notifySuccess } from '../../components/notify';
import { useMe } from '../auth/useAuth';
import { ContactFields } from './ContactFields';
import { type ContactDraft, emptyContactDraft } from './contactForm';

interface Props {
  opened: boolean;
  onClose: () => void;
  /** When set, the contact is created at this account and the account picker is hidden. */
  account?: { id: string; name: string };
}

export function ContactCreateModal({ opened, onClose, account }: Props) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const create = useCreateRecord('contacts');
  const fresh = () => emptyContactDraft(account?.id ?? null, me.id);
  const [draft, setDraft] = useState<ContactDraft>(fresh);
  const fieldErrors = isApiError(create.error) ? create.error.fieldErrors() : {};

  const close = () => {
    create.reset();
    setDraft(fresh());
    onClose();
  };

  return (
    <Modal opened={opened} onClose={close} title={t('contact.createTitle')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(draft, {
            onSuccess: (contact) => {
              notifySuccess(t('common.created'));
              close();
              void navigate({ to: '/contacts/$contactId', params: { contactId: contact.id } });
            },
          });
        }}
      >
        <Stack>
          {account && (
            <Text size="sm" c="dimmed">
              {t('contact.account')}: <strong>{account.name}</strong>
            </Text>
          )}
          {create.error && (
            <Alert color="red" role="alert">
              {errorMessage(t, create.error)}
            </Alert>
          )}
          <ContactFields draft={draft} onChange={setDraft} errors={fieldErrors} hideAccount={Boolean(account)} />
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
