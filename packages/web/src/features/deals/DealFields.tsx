import {
  ActionIcon,
  Group,
  MultiSelect,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type Contact, type Deal, dealContactRoles, type Page } from '@nenner/shared';
import { IconTrash } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useTranslation } from 'react-i18next';
import { api, toQueryString } from '../../api/client';
import { removeAt, replaceAt } from '../../components/lists.js';
import { UserSelect } from '../../components/UserSelect';
import { currencyDigits, fromMinorUnits, toMinorUnits } from '../../i18n/format';
import { useCompetitorOptions } from '../competitors/useCompetitors';
import { contactName } from '../contacts/contactForm';
import { currencies } from './DealCreateModal';

export interface DealDraft {
  name: string;
  amount: number | string;
  currency: string;
  closeDate: string;
  ownerId: string | null;
  nextStep: string;
  contacts: { contactId: string; role: string | null; name: string }[];
  competitorIds: string[];
}

export const dealToDraft = (d: Deal): DealDraft => ({
  name: d.name,
  amount: fromMinorUnits(d.amount, d.currency),
  currency: d.currency,
  closeDate: d.closeDate ?? '',
  ownerId: d.ownerId,
  nextStep: d.nextStep ?? '',
  contacts: d.contacts.map((c) => ({ contactId: c.contactId, role: c.role, name: c.name })),
  competitorIds: d.competitors.map((c) => c.id),
});

/** Only the changed fields, as the API takes them (amount in minor units, empty text as null). */
export const draftToInput = (changes: Partial<DealDraft>, base: DealDraft): object => {
  const draft = { ...base, ...changes };
  const out: Record<string, unknown> = {};
  if (changes.name !== undefined) out.name = changes.name;
  if (changes.amount !== undefined || changes.currency !== undefined) {
    out.amount = toMinorUnits(Number(draft.amount) || 0, draft.currency);
    out.currency = draft.currency;
  }
  if (changes.closeDate !== undefined) out.closeDate = changes.closeDate || null;
  if (changes.ownerId !== undefined) out.ownerId = changes.ownerId;
  if (changes.nextStep !== undefined) out.nextStep = changes.nextStep.trim() || null;
  if (changes.contacts !== undefined) {
    out.contacts = changes.contacts.map((c) => ({ contactId: c.contactId, role: c.role }));
  }
  if (changes.competitorIds !== undefined) out.competitorIds = changes.competitorIds;
  return out;
};

interface Props {
  draft: DealDraft;
  onChange: (d: DealDraft) => void;
  errors: Record<string, string>;
  disabled: boolean;
  accountId: string;
}

/** The deal's editable fields, its contacts with their roles, and the competitors involved. */
export function DealFields({ draft, onChange, errors, disabled, accountId }: Props) {
  const { t, i18n } = useTranslation();
  const de = i18n.language.startsWith('de');
  const competitors = useCompetitorOptions();
  const people = useQuery({
    queryKey: ['contacts', 'list', { accountId, limit: 200 }],
    queryFn: () => api<Page<Contact>>(`/contacts${toQueryString({ accountId, limit: 200, sort: 'lastName' })}`),
  });
  const set = <K extends keyof DealDraft>(k: K, v: DealDraft[K]) => onChange({ ...draft, [k]: v });
  const linked = new Set(draft.contacts.map((c) => c.contactId));
  const addable = (people.data?.items ?? [])
    .filter((c) => !linked.has(c.id))
    .map((c) => ({ value: c.id, label: contactName(c, t('contact.noName')) }));
  const roleOptions = dealContactRoles.map((r) => ({ value: r, label: t(`deals.role.${r}`) }));

  return (
    <Stack>
      <TextInput
        label={t('deals.name')}
        value={draft.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        error={errors.name}
        disabled={disabled}
        required
      />
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput
          label={t('deals.amount')}
          value={draft.amount}
          onChange={(v) => set('amount', v)}
          min={0}
          decimalScale={currencyDigits(draft.currency)}
          thousandSeparator={de ? '.' : ','}
          decimalSeparator={de ? ',' : '.'}
          error={errors.amount}
          disabled={disabled}
        />
        <Select
          label={t('deals.currency')}
          data={[...new Set([...currencies, draft.currency])]}
          value={draft.currency}
          onChange={(v) => v && set('currency', v)}
          allowDeselect={false}
          disabled={disabled}
        />
        <TextInput
          type="date"
          label={t('deals.closeDate')}
          value={draft.closeDate}
          onChange={(e) => set('closeDate', e.currentTarget.value)}
          error={errors.closeDate}
          disabled={disabled}
        />
      </SimpleGrid>
      <UserSelect
        label={t('common.owner')}
        value={draft.ownerId}
        onChange={(v) => set('ownerId', v)}
        error={errors.ownerId}
        disabled={disabled}
      />
      <Textarea
        label={t('deals.nextStep')}
        value={draft.nextStep}
        onChange={(e) => set('nextStep', e.currentTarget.value)}
        autosize
        minRows={1}
        maxLength={500}
        error={errors.nextStep}
        disabled={disabled}
      />
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
                onChange={(v) => set('contacts', replaceAt(draft.contacts, i, { role: v }))}
                clearable
                disabled={disabled}
                w={200}
              />
              {!disabled && (
                <ActionIcon
                  variant="subtle"
                  color="red"
                  aria-label={t('deals.removeContact', { name: c.name })}
                  onClick={() => set('contacts', removeAt(draft.contacts, i))}
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
              id && set('contacts', [...draft.contacts, { contactId: id, role: null, name: option?.label ?? id }])
            }
            searchable
            nothingFoundMessage={t('deals.noMoreContacts')}
            error={errors.contacts}
          />
        )}
      </Stack>
      <MultiSelect
        label={t('deals.competitors')}
        placeholder={draft.competitorIds.length === 0 ? t('deals.noCompetitors') : undefined}
        data={competitors.data ?? []}
        value={draft.competitorIds}
        onChange={(v) => set('competitorIds', v)}
        searchable
        disabled={disabled}
        error={errors.competitorIds}
        nothingFoundMessage={t('common.noResults')}
      />
    </Stack>
  );
}
