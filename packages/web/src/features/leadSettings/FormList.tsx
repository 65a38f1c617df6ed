import { Button, Paper } from '@mantine/core';
import type { Form } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { ActiveBadge } from '../../components/DepartmentBadge';
import { RecordTable } from '../../components/RecordTable';
import { formatNumber } from '../../i18n/format';
import { useForms } from './useSettings';

/** Every form with its hosted page, submissions and status; a row opens the form to edit or to look at. */
export function FormList({ canEdit, onOpen }: { canEdit: boolean; onOpen: (form: Form) => void }) {
  const { t, i18n } = useTranslation();
  const forms = useForms();
  return (
    <Paper withBorder p="md">
      <RecordTable
        list={{ ...forms, rows: forms.data?.items ?? [] }}
        rowKey={(f) => f.id}
        striped={false}
        highlightOnHover={false}
        skeletonRows={3}
        empty={t('forms.empty')}
        columns={[
          { key: 'name', header: t('forms.name'), cellProps: { fw: 500 }, cell: (f) => f.name },
          {
            key: 'page',
            header: t('forms.hostedPage'),
            cell: (f) => (
              <a href={f.url} target="_blank" rel="noreferrer" className="nenner-link">
                /f/{f.slug}
              </a>
            ),
          },
          {
            key: 'submissions',
            header: t('forms.submissions'),
            align: 'right',
            cell: (f) => formatNumber(f.submissions, i18n.language),
          },
          {
            key: 'status',
            header: t('settings.status'),
            cell: (f) => <ActiveBadge active={f.active} />,
          },
          {
            key: 'open',
            header: null,
            cell: (f) => (
              <Button
                size="xs"
                variant="subtle"
                onClick={() => onOpen(f)}
                aria-label={t('forms.editTitle', { name: f.name })}
              >
                {canEdit ? t('common.edit') : t('forms.show')}
              </Button>
            ),
          },
        ]}
      />
    </Paper>
  );
}
