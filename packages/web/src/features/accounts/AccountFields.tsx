import { Autocomplete, Select, SimpleGrid, TagsInput, TextInput } from '@mantine/core';
import { employeeBands, industrySuggestions, limits } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import type { RecordForm } from '../../components/form/useRecordForm';
import { UserSelect } from '../../components/UserSelect';
import { TeamSelect } from '../teams/TeamSelect';
import type { AccountDraft } from './accountForm';

export function AccountFields({ form }: { form: RecordForm<AccountDraft> }) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <TextInput
        label={t('account.name')}
        required
        maxLength={limits.accountNameMax}
        data-autofocus
        {...form.field('name')}
      />
      <TextInput label={t('account.domain')} placeholder="beispiel.de" {...form.field('domain')} />
      <Autocomplete
        label={t('account.industry')}
        data={[...industrySuggestions]}
        maxLength={limits.textMax}
        {...form.field('industry')}
      />
      <Select
        label={t('account.employeeBand')}
        data={employeeBands.map((b) => ({ value: b, label: b }))}
        clearable
        {...form.field('employeeBand')}
      />
      <TextInput
        label={t('account.country')}
        description={t('account.countryHint')}
        maxLength={2}
        {...form.field('country')}
        onChange={(e) => form.setFieldValue('country', e.currentTarget.value.toUpperCase())}
      />
      <TextInput label={t('account.city')} maxLength={limits.textMax} {...form.field('city')} />
      <UserSelect label={t('common.owner')} {...form.field('ownerId')} />
      <UserSelect
        label={t('account.marketingPartner')}
        department="marketing"
        placeholder={t('account.noMarketingPartner')}
        {...form.field('marketingPartnerId')}
      />
      <TeamSelect {...form.field('teamId')} />
      <TagsInput
        label={t('common.tags')}
        placeholder={t('common.tagsPlaceholder')}
        maxTags={limits.tagsPerRecord}
        {...form.field('tags')}
      />
    </SimpleGrid>
  );
}
