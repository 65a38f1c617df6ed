import { Button, Paper, Stack, Text, Title } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type RecordKind, useAccountList, useContactList, useRestoreRecord } from '../../api/records';
import { notifyError, notifySuccess } from '../../components/notify';
import { RecordTable, type TableList } from '../../components/RecordTable';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { contactName } from '../contacts/contactForm';

export function TrashSettings() {
  const { t } = useTranslation();
  const accounts = useAccountList({ trash: 'true', sort: '-updatedAt' });
  const contacts = useContactList({ trash: 'true', sort: '-updatedAt' });
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t('settings.trashIntro')}
      </Text>
      <TrashList kind="accounts" list={accounts} name={(a) => a.name} />
      <TrashList kind="contacts" list={contacts} name={(c) => contactName(c, t('contact.noName'))} />
    </Stack>
  );
}

interface Trashed {
  id: string;
  deletedAt: string | null;
}

function TrashList<T extends Trashed>({
  kind,
  list,
  name,
}: {
  kind: RecordKind;
  list: TableList<T>;
  name: (row: T) => string;
}) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const restore = useRestoreRecord(kind);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`trash-${kind}`}>
      <Title order={2} size="h5" mb="sm" id={`trash-${kind}`}>
        {kind === 'accounts' ? t('account.title') : t('contact.title')}
      </Title>
      <RecordTable
        list={list}
        rowKey={(r) => r.id}
        minWidth={0}
        striped={false}
        highlightOnHover={false}
        verticalSpacing="mantine"
        skeletonRows={3}
        empty={t('settings.trashEmpty')}
        columns={[
          { key: 'name', header: t('settings.name'), cell: name },
          {
            key: 'deletedAt',
            header: t('settings.deletedAt'),
            cell: (r) => (r.deletedAt ? formatDateTime(r.deletedAt, i18n.language, me.timeZone) : '–'),
          },
          {
            key: 'restore',
            header: null,
            cell: (r) => (
              <Button
                size="xs"
                variant="light"
                leftSection={<IconRestore size={14} aria-hidden />}
                aria-label={t('settings.restoreItem', { name: name(r) })}
                loading={restore.isPending && restore.variables === r.id}
                onClick={() =>
                  restore.mutate(r.id, {
                    onSuccess: () => notifySuccess(t('common.restored')),
                    onError: (e) => notifyError(t, e),
                  })
                }
              >
                {t('settings.restore')}
              </Button>
            ),
          },
        ]}
      />
    </Paper>
  );
}
