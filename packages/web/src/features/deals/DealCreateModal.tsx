import { Modal, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import { CreateDealInput, type Deal } from '@nenner/shared';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AccountSelect } from '../../components/AccountSelect';
import { DateField } from '../../components/fields';
import { FormActions } from '../../components/form/FormActions';
import { useRecordForm } from '../../components/form/useRecordForm';
import { errorMessage, notifySuccess } from '../../components/notify';
import { UserSelect } from '../../components/UserSelect';
import { useMe } from '../auth/useAuth';
import { AmountInput } from './DealFields';
import { currencies, emptyNewDealDraft, newDealToInput } from './dealForm';
import { stageName, useCreateDeal, usePipelines } from './useDeals';

interface Props {
  onClose: () => void;
  account?: { id: string; name: string } | undefined;
  pipelineId?: string | undefined;
}

/** Creates a deal from the board or from an account page; opens it afterwards. */
export function DealCreateModal({ onClose, account, pipelineId }: Props) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const pipelines = usePipelines();
  const create = useCreateDeal();
  const pipeline = pipelines.data?.items.find((p) => p.id === pipelineId) ?? pipelines.data?.items[0];
  const form = useRecordForm({
    initialValues: emptyNewDealDraft(account?.id ?? null, me.department === 'sales' ? me.id : null),
    toInput: (values) => newDealToInput(values, pipeline?.id),
    schema: CreateDealInput,
    error: create.error,
  });
  const { values } = form;

  return (
    <Modal opened onClose={onClose} title={t('deals.createTitle')} size="lg" centered>
      <form
        onSubmit={form.onSubmit((input) =>
          create.mutate(input, {
            onSuccess: (deal: Deal) => {
              notifySuccess(t('common.created'));
              onClose();
              void navigate({ to: '/deals/$dealId', params: { dealId: deal.id } });
            },
          }),
        )}
      >
        <Stack>
          <TextInput label={t('deals.name')} required maxLength={200} data-autofocus {...form.field('name')} />
          <AccountSelect currentName={account?.name} {...form.field('accountId')} />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <AmountInput currency={values.currency} required {...form.field('amount')} />
            <Select label={t('deals.currency')} data={currencies} allowDeselect={false} {...form.field('currency')} />
            <Select
              label={t('deals.stage')}
              data={(pipeline?.stages ?? [])
                .filter((s) => s.kind === 'open')
                .map((s) => ({ value: s.id, label: stageName(s, i18n.language) }))}
              allowDeselect={false}
              {...form.field('stageId')}
              value={values.stageId ?? pipeline?.stages[0]?.id ?? null}
            />
            <DateField label={t('deals.closeDate')} {...form.field('closeDate')} />
          </SimpleGrid>
          <UserSelect label={t('common.owner')} {...form.field('ownerId')} />
          {Boolean(form.problem) && Object.keys(form.fieldErrors).length === 0 && (
            <div role="alert" style={{ color: 'var(--mantine-color-red-7)', fontSize: 14 }}>
              {errorMessage(t, form.problem)}
            </div>
          )}
          <FormActions
            onCancel={onClose}
            submitLabel={t('common.create')}
            submitDisabled={!values.name.trim() || !values.accountId}
            loading={create.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
