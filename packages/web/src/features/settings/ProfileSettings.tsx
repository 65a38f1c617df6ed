import { Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import { UpdateMeInput } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../components/form/FormProblem';
import { useRecordForm } from '../../components/form/useRecordForm';
import { notifySuccess } from '../../components/notify';
import { applyLocale } from '../../i18n';
import { useMe, useUpdateMe } from '../auth/useAuth';

const timeZones = (): string[] => {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  return intl.supportedValuesOf?.('timeZone') ?? ['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich', 'UTC'];
};

export function ProfileSettings() {
  const { t } = useTranslation();
  const me = useMe();
  const update = useUpdateMe();
  const form = useRecordForm({
    // `auto`: no language of one's own, the browser's is used
    initialValues: { name: me.name, locale: me.locale ?? 'auto', timeZone: me.timeZone },
    toInput: ({ name, locale, timeZone }): UpdateMeInput => ({
      name,
      locale: locale === 'de' || locale === 'en' ? locale : null,
      timeZone,
    }),
    schema: UpdateMeInput,
    error: update.error,
  });

  return (
    <Paper withBorder p="lg" maw={560}>
      <form
        onSubmit={form.onSubmit((input) =>
          update.mutate(input, {
            onSuccess: (user) => {
              void applyLocale(user.locale);
              notifySuccess(t('common.saved'));
            },
          }),
        )}
      >
        <Stack>
          <Text c="dimmed" size="sm">
            {t('settings.profileIntro')}
          </Text>
          <FormProblem problem={form.problem} alert />
          <TextInput label={t('settings.email')} value={me.email} readOnly variant="filled" />
          <TextInput label={t('settings.name')} {...form.field('name')} />
          <Select
            label={t('settings.language')}
            data={[
              { value: 'auto', label: t('settings.languageAuto') },
              { value: 'de', label: t('language.de') },
              { value: 'en', label: t('language.en') },
            ]}
            allowDeselect={false}
            {...form.field('locale')}
            onChange={(v) => form.setFieldValue('locale', v ?? 'auto')}
          />
          <Select
            label={t('settings.timeZone')}
            data={timeZones()}
            searchable
            allowDeselect={false}
            {...form.field('timeZone')}
            onChange={(v) => v && form.setFieldValue('timeZone', v)}
          />
          <Group justify="flex-end">
            <Button type="submit" loading={update.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Paper>
  );
}
