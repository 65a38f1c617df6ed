import { Alert, Badge, Button, Paper, Table } from '@mantine/core';
import type { Form } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage } from '../../components/notify';
import { TableSkeleton } from '../../components/TableSkeleton';
import { formatNumber } from '../../i18n/format';
import { useForms } from './useSettings';

/** Every form with its hosted page, submissions and status; a row opens the form to edit or to look at. */
export function FormList({ canEdit, onOpen }: { canEdit: boolean; onOpen: (form: Form) => void }) {
  const { t, i18n } = useTranslation();
  const forms = useForms();
  const items = forms.data?.items ?? [];
  return (
    <Paper withBorder p="md">
      {forms.isError ? (
        <Alert color="red">{errorMessage(t, forms.error)}</Alert>
      ) : forms.isPending ? (
        <TableSkeleton rows={3} />
      ) : items.length === 0 ? (
        <EmptyState>{t('forms.empty')}</EmptyState>
      ) : (
        <Table.ScrollContainer minWidth={700}>
          <Table verticalSpacing="xs">
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('forms.name')}</Table.Th>
                <Table.Th>{t('forms.hostedPage')}</Table.Th>
                <Table.Th ta="right">{t('forms.submissions')}</Table.Th>
                <Table.Th>{t('settings.status')}</Table.Th>
                <Table.Th />
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {items.map((f) => (
                <Table.Tr key={f.id}>
                  <Table.Td fw={500}>{f.name}</Table.Td>
                  <Table.Td>
                    <a href={f.url} target="_blank" rel="noreferrer" className="nenner-link">
                      /f/{f.slug}
                    </a>
                  </Table.Td>
                  <Table.Td ta="right">{formatNumber(f.submissions, i18n.language)}</Table.Td>
                  <Table.Td>
                    <Badge color={f.active ? 'teal' : 'gray'} variant="light">
                      {f.active ? t('settings.active') : t('settings.inactive')}
                    </Badge>
                  </Table.Td>
                  <Table.Td>
                    <Button
                      size="xs"
                      variant="subtle"
                      onClick={() => onOpen(f)}
                      aria-label={t('forms.editTitle', { name: f.name })}
                    >
                      {canEdit ? t('common.edit') : t('forms.show')}
                    </Button>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Table.ScrollContainer>
      )}
    </Paper>
  );
}
