import { Autocomplete, Select, SimpleGrid, TagsInput, TextInput } from '@mantine/core';
import { lifecycleStages, limits, sourceSuggestions } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { AccountSelect } from '../../components/AccountSelect';
import { UserSelect } from '../../components/UserSelect';
import type { ContactDraft } from './contactForm';

interface Props {
  draft: ContactDraft;
  onChange: (draft: ContactDraft) => void;
  errors: Record<string, string>;
  disabled?: boolean;
  accountName?: string | null | undefined;
  hideAccount?: boolean;
}

export function ContactFields({ draft, onChange, errors, disabled = false, accountName, hideAccount = false }: Props) {
  const { t } = useTranslation();
  const set = <K extends keyof ContactDraft>(key: K, value: ContactDraft[K]) => onChange({ ...draft, [key]: value });
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <TextInput
        label={t('contact.firstName')}
        value={draft.firstName}
        onChange={(e) => set('firstName', e.currentTarget.value)}
        error={errors.firstName}
        maxLength={limits.nameMax}
        disabled={disabled}
        data-autofocus
      />
      <TextInput
        label={t('contact.lastName')}
        value={draft.lastName}
        onChange={(e) => set('lastName', e.currentTarget.value)}
        error={errors.lastName}
        maxLength={limits.nameMax}
        disabled={disabled}
      />
      <TagsInput
        label={t('contact.emails')}
        placeholder={t('contact.emailsPlaceholder')}
        value={draft.emails}
        onChange={(v) => set('emails', v)}
        error={errors.emails}
        maxTags={limits.emailsPerContact}
        splitChars={[',', ' ', ';']}
        disabled={disabled}
      />
      <TextInput
        label={t('contact.phone')}
        type="tel"
        value={draft.phone}
        onChange={(e) => set('phone', e.currentTarget.value)}
        error={errors.phone}
        maxLength={limits.phoneMax}
        disabled={disabled}
      />
      <TextInput
        label={t('contact.jobTitle')}
        value={draft.jobTitle}
        onChange={(e) => set('jobTitle', e.currentTarget.value)}
        error={errors.jobTitle}
        maxLength={limits.titleMax}
        disabled={disabled}
      />
      {!hideAccount && (
        <AccountSelect
          value={draft.accountId}
          currentName={accountName}
          onChange={(id) => set('accountId', id)}
          error={errors.accountId}
          disabled={disabled}
        />
      )}
      <Select
        label={t('contact.lifecycleStage')}
        data={lifecycleStages.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
        value={draft.lifecycleStage}
        onChange={(v) => v && set('lifecycleStage', v as ContactDraft['lifecycleStage'])}
        allowDeselect={false}
        error={errors.lifecycleStage}
        disabled={disabled}
      />
      <UserSelect
        label={t('common.owner')}
        value={draft.ownerId}
        onChange={(v) => set('ownerId', v)}
        error={errors.ownerId}
        disabled={disabled}
      />
      <Autocomplete
        label={t('contact.source')}
        data={[...sourceSuggestions]}
        value={draft.source}
        onChange={(v) => set('source', v)}
        error={errors.source}
        maxLength={limits.textMax}
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
