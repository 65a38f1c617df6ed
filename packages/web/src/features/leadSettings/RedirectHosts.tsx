import { Button, Group, Paper, TagsInput, Text, Title } from '@mantine/core';
import { can } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../components/notify';
import { useMe } from '../auth/useAuth';
import { useSetting } from './useSettings';

/** The hosts a form may redirect to after a submission, and the sites that may embed the public pages. */
export function RedirectHosts() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = can(me, 'settings.forms');
  const { query, save } = useSetting<{ redirectHosts: string[]; embedOrigins?: string[] }>('forms');
  const [hosts, setHosts] = useState<string[] | null>(null);
  const [origins, setOrigins] = useState<string[] | null>(null);
  const value = hosts ?? query.data?.value.redirectHosts ?? [];
  const embedOrigins = origins ?? query.data?.value.embedOrigins ?? [];
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb={4}>
        {t('forms.allowList')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('forms.allowListIntro')}
      </Text>
      <Group align="flex-end">
        <TagsInput
          aria-label={t('forms.allowList')}
          placeholder={t('forms.hostPlaceholder')}
          value={value}
          onChange={setHosts}
          disabled={!canEdit}
          style={{ flex: 1 }}
        />
      </Group>
      <Title order={4} size="h6" mt="md" mb={4}>
        {t('security.embedOrigins')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('security.embedOriginsIntro')}
      </Text>
      <Group align="flex-end">
        <TagsInput
          aria-label={t('security.embedOrigins')}
          placeholder={t('security.originPlaceholder')}
          value={embedOrigins}
          onChange={setOrigins}
          disabled={!canEdit}
          style={{ flex: 1 }}
        />
        {canEdit && (
          <Button
            disabled={(hosts === null && origins === null) || !query.data}
            loading={save.isPending}
            onClick={() =>
              query.data &&
              save.mutate(
                { value: { redirectHosts: value, embedOrigins }, version: query.data.version },
                {
                  onSuccess: () => {
                    setHosts(null);
                    setOrigins(null);
                    notifySuccess(t('common.saved'));
                  },
                  onError: (e) => notifyError(t, e),
                },
              )
            }
          >
            {t('common.save')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}
