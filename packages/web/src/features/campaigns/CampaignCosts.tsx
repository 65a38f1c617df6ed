import { ActionIcon, Button, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import { type Campaign, CampaignCostInput, can, owned } from '@nenner/shared';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/fields';
import { FormProblem } from '../../components/form/FormProblem';
import { useRecordForm } from '../../components/form/useRecordForm';
import { notifyError, notifySuccess } from '../../components/notify';
import { RecordTable } from '../../components/RecordTable';
import { formatDay } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { MoneyInput } from './CampaignFields';
import { formatCampaignMoney, majorToMinor } from './campaignMath';
import { useAddCost, useCampaignCosts, useDeleteCost } from './useCampaigns';

const today = () => {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
};

function CostForm({ campaign }: { campaign: Campaign }) {
  const { t } = useTranslation();
  const add = useAddCost(campaign.id);
  const form = useRecordForm({
    initialValues: { description: '', amount: '' as number | string, incurredOn: today() },
    // an amount that is not a number is sent as -1 so the schema names the field (the button waits for one)
    toInput: (v): CampaignCostInput => ({
      description: v.description.trim(),
      amount: majorToMinor(v.amount, campaign.currency) ?? -1,
      currency: campaign.currency,
      incurredOn: v.incurredOn,
    }),
    schema: CampaignCostInput,
    error: add.error,
  });
  const { description, amount, incurredOn } = form.values;
  const valid =
    description.trim() !== '' &&
    String(amount).trim() !== '' &&
    majorToMinor(amount, campaign.currency) !== null &&
    incurredOn !== '';
  const errors = form.fieldErrors;
  const submit = form.onSubmit((input) =>
    add.mutate(input, {
      onSuccess: () => {
        form.setValues({ description: '', amount: '' });
        notifySuccess(t('campaigns.costs.added'));
      },
    }),
  );
  return (
    <form
      aria-label={t('campaigns.costs.add')}
      data-testid="cost-form"
      // Enter before the line is complete does nothing, as the disabled button
      onSubmit={(e) => (valid ? submit(e) : e.preventDefault())}
    >
      <TextInput
        label={t('campaigns.costs.description')}
        maxLength={200}
        mb="xs"
        data-testid="cost-description"
        {...form.field('description')}
      />
      <Group align="flex-start" wrap="wrap" gap="sm">
        <div style={{ flex: 1, minWidth: 140 }}>
          <MoneyInput
            label={t('campaigns.costs.amount')}
            currency={campaign.currency}
            data-testid="cost-amount"
            {...form.field('amount')}
            error={errors.amount ?? errors.currency}
          />
        </div>
        <DateField label={t('campaigns.costs.date')} w={150} data-testid="cost-date" {...form.field('incurredOn')} />
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
      {Object.keys(errors).length === 0 && <FormProblem problem={form.problem} mt={4} />}
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
            {t('campaigns.costs.total', { amount: formatCampaignMoney(campaign.actualCost, campaign.currency, lng) })}
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
              cell: (c) => formatCampaignMoney(c.amount, c.currency, lng),
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
