import { Button, Group, Paper, Title } from '@mantine/core';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DealCreateModal } from './DealCreateModal';
import { DealTable } from './DealList';
import { useDealList } from './useDeals';

/** The account's deals, open and closed, with "new deal" prefilled for this account. */
export function AccountDeals({ account, readOnly }: { account: { id: string; name: string }; readOnly: boolean }) {
  const { t } = useTranslation();
  const [creating, setCreating] = useState(false);
  const list = useDealList({ accountId: account.id, sort: '-updatedAt' });
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="account-deals-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="account-deals-title">
          {t('deals.ofAccount')}
        </Title>
        {!readOnly && (
          <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setCreating(true)}>
            {t('deals.new')}
          </Button>
        )}
      </Group>
      <DealTable list={list} showAccount={false} paging="whenMore" skeletonRows={2} empty={t('deals.noneOnAccount')} />
      {creating && <DealCreateModal onClose={() => setCreating(false)} account={account} />}
    </Paper>
  );
}
