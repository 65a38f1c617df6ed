import { Autocomplete, Select, SimpleGrid, TagsInput, TextInput } from '@mantine/core';
import { lifecycleStages, limits, sourceSuggestions } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { AccountSelect } from '../../components/AccountSelect';
import type { RecordForm } from '../../components/form/useRecordForm';
import { UserSelect } from '../../components/UserSelect';
import type { ContactDraft } from './contactForm';

interface Props {
  form: RecordForm<ContactDraft>;
  accountName?: string | null | undefined;
  hideAccount?: boolean;
}

export function ContactFields({ form, accountName, hideAccount = false }: Props) {
  const { t } = useTranslation();
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="md">
      <TextInput
        label={t('contact.firstName')}
        maxLength={limits.nameMax}
        data-autofocus
        {...form.field('firstName')}
      />
      <TextInput label={t('contact.lastName')} maxLength={limits.nameMax} {...form.field('lastName')} />
      <TagsInput
        label={t('contact.emails')}
        placeholder={t('contact.emailsPlaceholder')}
        maxTags={limits.emailsPerContact}
        splitChars={[',', ' ', ';']}
        {...form.field('emails')}
      />
      <TextInput label={t('contact.phone')} type="tel" maxLength={limits.phoneMax} {...form.field('phone')} />
      <TextInput label={t('contact.jobTitle')} maxLength={limits.titleMax} {...form.field('jobTitle')} />
      {!hideAccount && <AccountSelect currentName={accountName} {...form.field('accountId')} />}
      <Select
        label={t('contact.lifecycleStage')}
        data={lifecycleStages.map((s) => ({ value: s, label: t(`stage.${s}`) }))}
        allowDeselect={false}
        {...form.field('lifecycleStage')}
      />
      <UserSelect label={t('common.owner')} {...form.field('ownerId')} />
      <Autocomplete
        label={t('contact.source')}
        data={[...sourceSuggestions]}
        maxLength={limits.textMax}
        {...form.field('source')}
      />
      <TagsInput
        label={t('common.tags')}
        placeholder={t('common.tagsPlaceholder')}
        maxTags={limits.tagsPerRecord}
        {...form.field('tags')}
      />
    </SimpleGrid>
  );
}
