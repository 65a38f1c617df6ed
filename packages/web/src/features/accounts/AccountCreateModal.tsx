import { CreateAccountInput } from '@nenner/shared';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCreateRecord } from '../../api/records';
import { FormModal } from '../../components/form/FormModal';
import { useRecordForm } from '../../components/form/useRecordForm';
import { useMe } from '../auth/useAuth';
import { AccountFields } from './AccountFields';
import { emptyAccountDraft } from './accountForm';

export function AccountCreateModal({ opened, onClose }: { opened: boolean; onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const create = useCreateRecord('accounts');
  const form = useRecordForm({
    initialValues: emptyAccountDraft(me.department === 'sales' ? me.id : null),
    schema: CreateAccountInput,
    error: create.error,
  });
  return (
    <FormModal
      title={t('account.createTitle')}
      opened={opened}
      onClose={onClose}
      form={form}
      create={create}
      onCreated={(account) => void navigate({ to: '/accounts/$accountId', params: { accountId: account.id } })}
    >
      <AccountFields form={form} />
    </FormModal>
  );
}
