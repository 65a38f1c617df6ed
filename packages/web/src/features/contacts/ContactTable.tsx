import { Group, Table, Text } from '@mantine/core';
import type { Contact, contactSorts } from '@nenner/shared';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { SortableTh } from '../../components/SortableTh';
import { contactName } from './contactForm';
import { StageBadge } from './StageBadge';

export type ContactSort = (typeof contactSorts)[number];

interface Props {
  rows: Contact[];
  sort: ContactSort;
  onSort: (s: ContactSort) => void;
  showAccount?: boolean;
}

export function ContactTable({ rows, sort, onSort, showAccount = true }: Props) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const open = (id: string) => void navigate({ to: '/contacts/$contactId', params: { contactId: id } });
  return (
    <Table.ScrollContainer minWidth={720}>
      <Table highlightOnHover verticalSpacing="sm">
        <Table.Thead>
          <Table.Tr>
            <SortableTh field="lastName" label={t('contact.lastName')} sort={sort} onSort={onSort} />
            <SortableTh field="firstName" label={t('contact.firstName')} sort={sort} onSort={onSort} />
            <Table.Th>{t('contact.jobTitle')}</Table.Th>
            {showAccount && <Table.Th>{t('contact.account')}</Table.Th>}
            <Table.Th>{t('contact.lifecycleStage')}</Table.Th>
            <Table.Th>{t('common.owner')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {rows.map((c) => {
            const name = contactName(c, t('contact.noName'));
            return (
              <Table.Tr
                key={c.id}
                className="nenner-row"
                tabIndex={0}
                aria-label={t('common.openRecord', { name })}
                onClick={() => open(c.id)}
                onKeyDown={(e) => {
                  if (e.key === 'Enter') open(c.id);
                }}
              >
                <Table.Td fw={500}>{c.lastName || (c.firstName ? '' : name)}</Table.Td>
                <Table.Td>{c.firstName}</Table.Td>
                <Table.Td>{c.jobTitle ?? '–'}</Table.Td>
                {showAccount && <Table.Td>{c.account?.name ?? '–'}</Table.Td>}
                <Table.Td>
                  <StageBadge stage={c.lifecycleStage} />
                </Table.Td>
                <Table.Td>
                  {c.owner ? (
                    <Group gap={6} wrap="nowrap">
                      <Text size="sm">{c.owner.name}</Text>
                      <DepartmentBadge department={c.owner.department} size="xs" />
                    </Group>
                  ) : (
                    <Text size="sm" c="dimmed">
                      {t('common.noOwner')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
            );
          })}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}
