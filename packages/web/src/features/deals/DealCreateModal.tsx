import { Button, Group, Modal, NumberInput, Select, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { Deal } from '@nenner/shared';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { AccountSelect } from '../../components/AccountSelect';
import { errorMessage, notifySuccess } from '../../components/notify';
import { UserSelect } from '../../components/UserSelect';
import { currencyDigits, toMinorUnits } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { stageName, useCreateDeal, usePipelines } from './useDeals';

export const currencies = ['EUR', 'CHF', 'USD', 'GBP'];

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
  const [name, setName] = useState('');
  const [accountId, setAccountId] = useState<string | null>(account?.id ?? null);
  const [amount, setAmount] = useState<number | string>('');
  const [currency, setCurrency] = useState('EUR');
  const [stageId, setStageId] = useState<string | null>(null);
  const [ownerId, setOwnerId] = useState<string | null>(me.department === 'sales' ? me.id : null);
  const [closeDate, setCloseDate] = useState('');
  const errors = isApiError(create.error) ? create.error.fieldErrors() : {};
  const de = i18n.language.startsWith('de');

  return (
    <Modal opened onClose={onClose} title={t('deals.createTitle')} size="lg" centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!accountId) return;
          create.mutate(
            {
              name,
              accountId,
              amount: toMinorUnits(Number(amount) || 0, currency),
              currency,
              ...(pipeline && { pipelineId: pipeline.id }),
              ...(stageId && { stageId }),
              ownerId,
              closeDate: closeDate || null,
            },
            {
              onSuccess: (deal: Deal) => {
                notifySuccess(t('common.created'));
                onClose();
                void navigate({ to: '/deals/$dealId', params: { dealId: deal.id } });
              },
            },
          );
        }}
      >
        <Stack>
          <TextInput
            label={t('deals.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            required
            maxLength={200}
            error={errors.name}
            data-autofocus
          />
          <AccountSelect
            value={accountId}
            currentName={account?.name}
            onChange={(id) => setAccountId(id)}
            error={errors.accountId}
          />
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <NumberInput
              label={t('deals.amount')}
              value={amount}
              onChange={setAmount}
              min={0}
              decimalScale={currencyDigits(currency)}
              thousandSeparator={de ? '.' : ','}
              decimalSeparator={de ? ',' : '.'}
              required
              error={errors.amount}
            />
            <Select
              label={t('deals.currency')}
              data={currencies}
              value={currency}
              onChange={(v) => setCurrency(v ?? 'EUR')}
              allowDeselect={false}
            />
            <Select
              label={t('deals.stage')}
              data={(pipeline?.stages ?? [])
                .filter((s) => s.kind === 'open')
                .map((s) => ({ value: s.id, label: stageName(s, i18n.language) }))}
              value={stageId ?? pipeline?.stages[0]?.id ?? null}
              onChange={setStageId}
              allowDeselect={false}
            />
            <TextInput
              type="date"
              label={t('deals.closeDate')}
              value={closeDate}
              onChange={(e) => setCloseDate(e.currentTarget.value)}
              error={errors.closeDate}
            />
          </SimpleGrid>
          <UserSelect label={t('common.owner')} value={ownerId} onChange={setOwnerId} error={errors.ownerId} />
          {create.isError && Object.keys(errors).length === 0 && (
            <div role="alert" style={{ color: 'var(--mantine-color-red-7)', fontSize: 14 }}>
              {errorMessage(t, create.error)}
            </div>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={create.isPending} disabled={!name.trim() || !accountId}>
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
