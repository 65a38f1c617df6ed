import type { Contact, contactSorts } from '@nenner/shared';
import { useNavigate } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { OwnerName } from '../../components/DepartmentBadge';
import { RecordTable, type TableList } from '../../components/RecordTable';
import { contactName } from './contactForm';
import { StageBadge } from './StageBadge';

export type ContactSort = (typeof contactSorts)[number];

interface Props {
  list: TableList<Contact>;
  sort: ContactSort;
  onSort: (s: ContactSort) => void;
  empty: ReactNode;
  filters?: ReactNode;
  showAccount?: boolean;
  skeletonRows?: number;
}

/** Contacts as a table sorted by name; a row opens the contact. */
export function ContactTable({ sort, onSort, showAccount = true, ...frame }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const name = (c: Contact) => contactName(c, t('contact.noName'));
  return (
    <RecordTable
      {...frame}
      rowKey={(c) => c.id}
      minWidth={720}
      striped={false}
      verticalSpacing="sm"
      sort={sort}
      onSort={(s) => onSort(s as ContactSort)}
      onOpen={(c) => void navigate({ to: '/contacts/$contactId', params: { contactId: c.id } })}
      openLabel={(c) => t('common.openRecord', { name: name(c) })}
      columns={[
        { key: 'name', header: t('contact.name'), primary: true, inTable: false, cell: name },
        {
          key: 'lastName',
          inCard: false,
          header: t('contact.lastName'),
          sortField: 'lastName',
          cellProps: { fw: 500 },
          cell: (c) => c.lastName || (c.firstName ? '' : name(c)),
        },
        {
          key: 'firstName',
          header: t('contact.firstName'),
          sortField: 'firstName',
          inCard: false,
          cell: (c) => c.firstName,
        },
        { key: 'jobTitle', header: t('contact.jobTitle'), cell: (c) => c.jobTitle ?? '–' },
        showAccount && { key: 'account', header: t('contact.account'), cell: (c) => c.account?.name ?? '–' },
        {
          key: 'stage',
          header: t('contact.lifecycleStage'),
          cell: (c) => <StageBadge stage={c.lifecycleStage} />,
        },
        { key: 'owner', header: t('common.owner'), cell: (c) => <OwnerName owner={c.owner} /> },
      ]}
    />
  );
}
