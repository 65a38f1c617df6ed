import { Button, Paper, Stack, Table, Text, Title } from '@mantine/core';
import { IconRestore } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { type RecordKind, useRecordList, useRestoreRecord } from '../../api/records';
import { EmptyState } from '../../components/EmptyState';
import { LoadMore } from '../../components/ListControls';
import { notifyError, notifySuccess } from '../../components/notify';
import { TableSkeleton } from '../../components/TableSkeleton';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { contactName } from '../contacts/contactForm';

export function TrashSettings() {
  const { t } = useTranslation();
  return (
    <Stack>
      <Text c="dimmed" size="sm">
        {t('settings.trashIntro')}
      </Text>
      <TrashList kind="accounts" />
      <TrashList kind="contacts" />
    </Stack>
  );
}

function TrashList({ kind }: { kind: RecordKind }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const list = useRecordList(kind, { trash: 'true', sort: '-updatedAt' });
  const restore = useRestoreRecord(kind);
  const rows = (list.data?.pages.flatMap((p) => p.items) ?? []).map((r) => ({
    id: r.id,
    name: 'name' in r ? r.name : contactName(r, t('contact.noName')),
    deletedAt: r.deletedAt,
  }));
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`trash-${kind}`}>
      <Title order={2} size="h5" mb="sm" id={`trash-${kind}`}>
        {kind === 'accounts' ? t('account.title') : t('contact.title')}
      </Title>
      {list.isPending ? (
        <TableSkeleton rows={3} />
      ) : rows.length === 0 ? (
        <EmptyState>{t('settings.trashEmpty')}</EmptyState>
      ) : (
        <Table>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('settings.name')}</Table.Th>
              <Table.Th>{t('settings.deletedAt')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((r) => (
              <Table.Tr key={r.id}>
                <Table.Td>{r.name}</Table.Td>
                <Table.Td>{r.deletedAt ? formatDateTime(r.deletedAt, i18n.language, me.timeZone) : '–'}</Table.Td>
                <Table.Td>
                  <Button
                    size="xs"
                    variant="light"
                    leftSection={<IconRestore size={14} aria-hidden />}
                    aria-label={t('settings.restoreItem', { name: r.name })}
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
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      )}
      {rows.length > 0 && (
        <LoadMore
          shown={rows.length}
          hasMore={list.hasNextPage}
          loading={list.isFetchingNextPage}
          onLoad={() => void list.fetchNextPage()}
        />
      )}
    </Paper>
  );
}
