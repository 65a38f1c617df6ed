import { Text } from '@mantine/core';
import { CreateContactInput } from '@nenner/shared';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCreateRecord } from '../../api/records';
import { FormModal } from '../../components/form/FormModal';
import { useRecordForm } from '../../components/form/useRecordForm';
import { useMe } from '../auth/useAuth';
import { ContactFields } from './ContactFields';
import { emptyContactDraft } from './contactForm';

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
  const form = useRecordForm({
    initialValues: emptyContactDraft(account?.id ?? null, me.id),
    schema: CreateContactInput,
    error: create.error,
  });

  return (
    <FormModal
      title={t('contact.createTitle')}
      opened={opened}
      onClose={onClose}
      form={form}
      create={create}
      onCreated={(contact) => void navigate({ to: '/contacts/$contactId', params: { contactId: contact.id } })}
      intro={
        account && (
          <Text size="sm" c="dimmed">
            {t('contact.account')}: <strong>{account.name}</strong>
          </Text>
        )
      }
    >
      <ContactFields form={form} hideAccount={Boolean(account)} />
    </FormModal>
  );
}
