import { Alert, Button, Group, Paper, Select, Stack, Text, TextInput } from '@mantine/core';
import type { Locale } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { errorMessage, notifySuccess } from '../../components/notify';
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
  const [name, setName] = useState(me.name);
  const [locale, setLocale] = useState<string>(me.locale ?? 'auto');
  const [timeZone, setTimeZone] = useState(me.timeZone);
  const errors = isApiError(update.error) ? update.error.fieldErrors() : {};

  return (
    <Paper withBorder p="lg" maw={560}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const nextLocale: Locale | null = locale === 'de' || locale === 'en' ? locale : null;
          update.mutate(
            { name, locale: nextLocale, timeZone },
            {
              onSuccess: (user) => {
                applyLocale(user.locale);
                notifySuccess(t('common.saved'));
              },
            },
          );
        }}
      >
        <Stack>
          <Text c="dimmed" size="sm">
            {t('settings.profileIntro')}
          </Text>
          {update.error && (
            <Alert color="red" role="alert">
              {errorMessage(t, update.error)}
            </Alert>
          )}
          <TextInput label={t('settings.email')} value={me.email} readOnly variant="filled" />
          <TextInput
            label={t('settings.name')}
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={errors.name}
          />
          <Select
            label={t('settings.language')}
            data={[
              { value: 'auto', label: t('settings.languageAuto') },
              { value: 'de', label: t('language.de') },
              { value: 'en', label: t('language.en') },
            ]}
            value={locale}
            onChange={(v) => setLocale(v ?? 'auto')}
            allowDeselect={false}
            error={errors.locale}
          />
          <Select
            label={t('settings.timeZone')}
            data={timeZones()}
            value={timeZone}
            onChange={(v) => v && setTimeZone(v)}
            searchable
            allowDeselect={false}
            error={errors.timeZone}
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
