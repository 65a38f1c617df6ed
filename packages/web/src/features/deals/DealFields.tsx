import {
  ActionIcon,
  Group,
  MultiSelect,
  type NumberInputProps,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { contract, dealContactRoles } from '@nenner/shared';
import { IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/endpoints';
import { DateField, MoneyField } from '../../components/fields';
import type { RecordForm } from '../../components/form/useRecordForm';
import { UserSelect } from '../../components/UserSelect';
import { useCompetitorOptions } from '../competitors/useCompetitors';
import { contactName } from '../contacts/contactForm';
import { currencies, type DealDraft } from './dealForm';

/** A deal's amount in major units, with the separators of the user's language. */
export function AmountInput({ currency, ...props }: NumberInputProps & { currency: string }) {
  const { t } = useTranslation();
  return <MoneyField label={t('deals.amount')} currency={currency} rightSection={null} {...props} />;
}

interface Props {
  form: RecordForm<DealDraft>;
  accountId: string;
}

/** The deal's editable fields, its contacts with their roles, and the competitors involved. */
export function DealFields({ form, accountId }: Props) {
  const { t } = useTranslation();
  const competitors = useCompetitorOptions();
  const people = useQuery({
    queryKey: ['contacts', 'list', { accountId, limit: 200 }],
    queryFn: () => call(contract.listContacts, { query: { accountId, limit: 200, sort: 'lastName' } }),
  });
  const { values: draft, disabled } = form;
  const linked = new Set(draft.contacts.map((c) => c.contactId));
  const addable = (people.data?.items ?? [])
    .filter((c) => !linked.has(c.id))
    .map((c) => ({ value: c.id, label: contactName(c, t('contact.noName')) }));
  const roleOptions = dealContactRoles.map((r) => ({ value: r, label: t(`deals.role.${r}`) }));

  return (
    <Stack>
      <TextInput label={t('deals.name')} required {...form.field('name')} />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <AmountInput currency={draft.currency} {...form.field('amount')} />
        <Select
          label={t('deals.currency')}
          data={[...new Set([...currencies, draft.currency])]}
          allowDeselect={false}
          {...form.field('currency')}
        />
        <DateField label={t('deals.closeDate')} {...form.field('closeDate')} />
      </SimpleGrid>
      <UserSelect label={t('common.owner')} {...form.field('ownerId')} />
      <Textarea label={t('deals.nextStep')} autosize minRows={1} maxLength={500} {...form.field('nextStep')} />
      <Stack gap={6}>
        <Text size="sm" fw={500} id="deal-contacts-label">
          {t('deals.contacts')}
        </Text>
        {draft.contacts.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('deals.noContacts')}
          </Text>
        )}
        <Stack gap={6} component="ul" p={0} m={0} aria-labelledby="deal-contacts-label" style={{ listStyle: 'none' }}>
          {draft.contacts.map((c, i) => (
            <Group key={c.contactId} component="li" gap="xs" wrap="nowrap">
              <Text size="sm" style={{ flex: 1 }}>
                {c.name}
              </Text>
              <Select
                aria-label={t('deals.roleOf', { name: c.name })}
                placeholder={t('deals.noRole')}
                data={roleOptions}
                value={c.role}
                onChange={(v) => form.setFieldValue(`contacts.${i}.role`, v)}
                clearable
                disabled={disabled}
                w={200}
              />
              {!disabled && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('deals.removeContact', { name: c.name })}
                  onClick={() => form.removeListItem('contacts', i)}
                >
                  <IconTrash size={16} aria-hidden />
                </ActionIcon>
              )}
            </Group>
          ))}
        </Stack>
        {!disabled && (
          <Select
            aria-label={t('deals.addContact')}
            placeholder={t('deals.addContact')}
            data={addable}
            value={null}
            onChange={(id, option) =>
              id && form.insertListItem('contacts', { contactId: id, role: null, name: option?.label ?? id })
            }
            searchable
            nothingFoundMessage={t('deals.noMoreContacts')}
            error={form.fieldErrors.contacts}
          />
        )}
      </Stack>
      <MultiSelect
        label={t('deals.competitors')}
        placeholder={draft.competitorIds.length === 0 ? t('deals.noCompetitors') : undefined}
        data={competitors.data ?? []}
        searchable
        nothingFoundMessage={t('common.noResults')}
        {...form.field('competitorIds')}
      />
    </Stack>
  );
}
