import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Campaign } from '@nenner/shared';
import { can, owned } from '@nenner/shared';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { errorMessage, notifyError, notifySuccess } from '../../components/notify';
import { RecordTable } from '../../components/RecordTable';
import { formatDay, formatMoney } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { MoneyInput } from './CampaignFields';
import { majorToMinor } from './campaignMath';
import { useAddCost, useCampaignCosts, useDeleteCost } from './useCampaigns';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function CostForm({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const add = useAddCost(campaign.id);
  const [description, setDescription] = useState('');
  const [amount, setAmount] = useState<number | string>('');
  const [incurredOn, setIncurredOn] = useState(today);
  const errors = isApiError(add.error) ? add.error.fieldErrors() : {};
  const minor = majorToMinor(amount, campaign.currency);
  const valid = description.trim() !== '' && String(amount).trim() !== '' && minor !== null && incurredOn !== '';
  return (
    <form
      aria-label={t('campaigns.costs.add')}
      data-testid="cost-form"
      onSubmit={(e) => {
        e.preventDefault();
        if (!valid || minor === null) return;
        add.mutate(
          { description: description.trim(), amount: minor, currency: campaign.currency, incurredOn },
          {
            onSuccess: () => {
              setDescription('');
              setAmount('');
              notifySuccess(t('campaigns.costs.added'));
            },
          },
        );
      }}
    >
      <TextInput
        label={t('campaigns.costs.description')}
        value={description}
        onChange={(e) => setDescription(e.currentTarget.value)}
        maxLength={200}
        error={errors.description}
        mb="xs"
        data-testid="cost-description"
      />
      <Group align="flex-start" wrap="wrap" gap="sm">
        <div style={{ flex: 1, minWidth: 140 }}>
          <MoneyInput
            label={t('campaigns.costs.amount')}
            value={amount}
            onChange={setAmount}
            currency={campaign.currency}
            error={errors.amount ?? errors.currency}
            data-testid="cost-amount"
          />
        </div>
        <TextInput
          type="date"
          label={t('campaigns.costs.date')}
          value={incurredOn}
          onChange={(e) => setIncurredOn(e.currentTarget.value)}
          error={errors.incurredOn}
          w={150}
          data-testid="cost-date"
        />
        <Button
          type="submit"
          mt={25}
          leftSection={<IconPlus size={16} aria-hidden />}
          loading={add.isPending}
          disabled={!valid}
          data-testid="cost-submit"
        >
          {t('campaigns.costs.add')}
        </Button>
      </Group>
      {add.isError && Object.keys(errors).length === 0 && (
        <Text c="red" size="sm" role="alert" mt={4}>
          {errorMessage(t, add.error)}
        </Text>
      )}
    </form>
  );
}

/** The campaign's cost lines (Kosten): what was spent, when, and by whom it was entered. */
export function CampaignCosts({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const costs = useCampaignCosts(campaign.id);
  const remove = useDeleteCost(campaign.id);
  const editable = can(me, 'campaigns.manage', owned(campaign));
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="costs-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <Title order={2} size="h4" id="costs-title">
            {t('campaigns.costs.title')}
          </Title>
          <Text size="sm" data-testid="cost-total">
            {t('campaigns.costs.total', { amount: formatMoney(campaign.actualCost, campaign.currency, lng) })}
          </Text>
        </Group>
        {editable && <CostForm campaign={campaign} />}
        <RecordTable
          list={{ ...costs, rows: costs.data ?? [] }}
          rowKey={(c) => c.id}
          minWidth={380}
          striped={false}
          highlightOnHover={false}
          testId="cost-table"
          skeletonRows={2}
          empty={t('campaigns.costs.empty')}
          columns={[
            { key: 'date', header: t('campaigns.costs.date'), cell: (c) => formatDay(c.incurredOn, lng) },
            {
              key: 'description',
              header: t('campaigns.costs.description'),
              cell: (c) => (
                <>
                  {c.description}
                  {c.createdBy && (
                    <Text size="xs" c="dimmed">
                      {t('campaigns.costs.enteredBy', { name: c.createdBy.name })}
                    </Text>
                  )}
                </>
              ),
            },
            {
              key: 'amount',
              header: t('campaigns.costs.amount'),
              align: 'right',
              cellProps: { style: { whiteSpace: 'nowrap' } },
              cell: (c) => formatMoney(c.amount, c.currency, lng),
            },
            editable && {
              key: 'remove',
              header: null,
              width: 48,
              cell: (c) => (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('campaigns.costs.remove', { description: c.description })}
                  loading={remove.isPending && remove.variables === c.id}
                  onClick={() =>
                    remove.mutate(c.id, {
                      onSuccess: () => notifySuccess(t('campaigns.costs.removed')),
                      onError: (e) => notifyError(t, e),
                    })
                  }
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              ),
            },
          ]}
        />
      </Stack>
    </Paper>
  );
}
