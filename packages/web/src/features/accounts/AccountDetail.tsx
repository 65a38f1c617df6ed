import { Anchor, Button, Grid, Group, Paper, Stack, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { type Account, can, UpdateAccountInput } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useContactList, useDeleteRecord, useRecord, useUpdateRecord } from '../../api/records';
import { DeleteButton } from '../../components/DeleteButton';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { DetailHeader, Fact } from '../../components/DetailHeader';
import { DetailError, DetailSkeleton } from '../../components/DetailSkeleton';
import { notifyError, notifySuccess } from '../../components/notify';
import { RecordEditor } from '../../components/RecordEditor';
import { formatDateTime } from '../../i18n/format';
import { ActivityPanel } from '../activities/ActivityPanel';
import { useMe } from '../auth/useAuth';
import { ContactCreateModal } from '../contacts/ContactCreateModal';
import { type ContactSort, ContactTable } from '../contacts/ContactTable';
import { AccountDeals } from '../deals/AccountDeals';
import { PilotBadge } from '../projects/ProjectParts';
import { QualityPanel } from '../quality/QualityPanel';
import { TeamLink } from '../teams/TeamLink';
import { Timeline } from '../timeline/Timeline';
import { AccountFields } from './AccountFields';
import { accountToDraft } from './accountForm';

export function AccountDetail({ id }: { id: string }) {
  const record = useRecord('accounts', id);
  if (record.isPending) return <DetailSkeleton />;
  if (record.isError) return <DetailError error={record.error} />;
  return <AccountView account={record.data} onReload={() => void record.refetch()} />;
}

function AccountView({ account, onReload }: { account: Account; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const update = useUpdateRecord('accounts', account.id);
  const remove = useDeleteRecord('accounts', account.id);
  const readOnly = !can(me, 'records.write');

  return (
    <>
      <DetailHeader
        backTo="/accounts"
        backLabel={t('account.title')}
        title={account.name}
        facts={
          <>
            {account.pilot && <PilotBadge pilot={account.pilot} withLink />}
            {account.domain && (
              <Anchor href={`https://${account.domain}`} target="_blank" rel="noopener noreferrer" size="sm">
                {account.domain}
              </Anchor>
            )}
            {account.industry && <Fact>{account.industry}</Fact>}
            {(account.city || account.country) && (
              <Fact>{[account.city, account.country].filter(Boolean).join(', ')}</Fact>
            )}
            {account.employeeBand && <Fact>{t('account.employees', { band: account.employeeBand })}</Fact>}
            {account.owner && (
              <Group gap={4}>
                <Fact>{account.owner.name}</Fact>
                <DepartmentBadge department={account.owner.department} size="xs" />
              </Group>
            )}
            {account.marketingPartner && (
              <Group gap={4}>
                <Fact>
                  {t('account.marketingPartner')}: {account.marketingPartner.name}
                </Fact>
                <DepartmentBadge department={account.marketingPartner.department} size="xs" />
              </Group>
            )}
            {account.team && (
              <Fact>
                {t('teams.team')}: <TeamLink team={account.team} />
              </Fact>
            )}
            <Fact>
              {t('common.updatedAt')}: {formatDateTime(account.updatedAt, i18n.language, me.timeZone)}
            </Fact>
          </>
        }
        actions={
          !readOnly && (
            <DeleteButton
              name={account.name}
              loading={remove.isPending}
              onConfirm={() =>
                remove.mutate(undefined, {
                  onSuccess: () => {
                    notifySuccess(t('common.deleted'));
                    void navigate({ to: '/accounts' });
                  },
                  onError: (e) => notifyError(t, e),
                })
              }
            />
          )
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <QualityPanel type="account" id={account.id} />
            <RecordEditor
              key={account.version}
              title={t('account.details')}
              initial={accountToDraft(account)}
              version={account.version}
              readOnly={readOnly}
              save={update}
              onReload={onReload}
              schema={UpdateAccountInput}
            >
              {(form) => <AccountFields form={form} />}
            </RecordEditor>
            <AccountDeals account={account} readOnly={!can(me, 'deals.write')} />
            <AccountContacts account={account} readOnly={readOnly} />
            <ActivityPanel entityType="account" entityId={account.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Timeline kind="accounts" id={account.id} scope="account" />
        </Grid.Col>
      </Grid>
    </>
  );
}

function AccountContacts({ account, readOnly }: { account: Account; readOnly: boolean }) {
  const { t } = useTranslation();
  const [sort, setSort] = useState<ContactSort>('lastName');
  const [opened, modal] = useDisclosure(false);
  const list = useContactList({ accountId: account.id, sort });
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="account-contacts-title">
      <Group justify="space-between" mb="sm">
        <Title order={2} size="h4" id="account-contacts-title">
          {t('account.contacts')}
        </Title>
        {!readOnly && (
          <Button variant="light" leftSection={<IconPlus size={16} aria-hidden />} onClick={modal.open}>
            {t('account.addContact')}
          </Button>
        )}
      </Group>
      <ContactTable
        list={list}
        sort={sort}
        onSort={setSort}
        showAccount={false}
        skeletonRows={3}
        empty={t('account.noContacts')}
      />
      {opened && (
        <ContactCreateModal opened={opened} onClose={modal.close} account={{ id: account.id, name: account.name }} />
      )}
    </Paper>
  );
}
