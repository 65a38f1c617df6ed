import { Autocomplete, Select, SimpleGrid, TagsInput, TextInput } from '@mantine/core';
import { employeeBands, industrySuggestions, limits } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { UserSelect } from '../../components/UserSelect';
import type { AccountDraft } from './accountForm';

interface Props {
  draft: AccountDraft;
  onChange: (draft: AccountDraft) => void;
  errors: Record<string, string>;
  disabled?: boolean;
}

export function AccountFields({ draft, onChange, errors, disabled = false }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof AccountDraft>(key: K, value: AccountDraft[K]) => onChange({ ...draft, [key]: value });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <TextInput
        label={t('account.name')}
        required
        value={draft.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        error={errors.name}
        maxLength={limits.accountNameMax}
        disabled={disabled}
        data-autofocus
      />
      <TextInput
        label={t('account.domain')}
        placeholder="beispiel.de"
        value={draft.domain}
        onChange={(e) => set('domain', e.currentTarget.value)}
        error={errors.domain}
        disabled={disabled}
      />
      <Autocomplete
        label={t('account.industry')}
        data={[...industrySuggestions]}
        value={draft.industry}
        onChange={(v) => set('industry', v)}
        error={errors.industry}
        maxLength={limits.textMax}
        disabled={disabled}
      />
      <Select
        label={t('account.employeeBand')}
        data={employeeBands.map((b) => ({ value: b, label: b }))}
        value={draft.employeeBand}
        onChange={(v) => set('employeeBand', (v as AccountDraft['employeeBand']) ?? null)}
        clearable
        error={errors.employeeBand}
        disabled={disabled}
      />
      <TextInput
        label={t('account.country')}
        description={t('account.countryHint')}
        value={draft.country}
        onChange={(e) => set('country', e.currentTarget.value.toUpperCase())}
        error={errors.country}
        maxLength={2}
        disabled={disabled}
      />
      <TextInput
        label={t('account.city')}
        value={draft.city}
        onChange={(e) => set('city', e.currentTarget.value)}
        error={errors.city}
        maxLength={limits.textMax}
        disabled={disabled}
      />
      <UserSelect
        label={t('common.owner')}
        value={draft.ownerId}
        onChange={(v) => set('ownerId', v)}
        error={errors.ownerId}
        disabled={disabled}
      />
      <TagsInput
        label={t('common.tags')}
        placeholder={t('common.tagsPlaceholder')}
        value={draft.tags}
        onChange={(v) => set('tags', v)}
        error={errors.tags}
        maxTags={limits.tagsPerRecord}
        disabled={disabled}
      />
    </SimpleGrid>
  );
}
