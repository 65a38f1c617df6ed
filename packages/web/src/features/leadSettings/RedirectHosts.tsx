import { Button, Group, Paper, TagsInput, Text, Title } from '@mantine/core';
import { can } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../components/notify';
import { useMe } from '../auth/useAuth';
import { useSetting } from './useSettings';

/** The hosts a form may redirect to after a submission. */
export function RedirectHosts() {
  const { t } = useTranslation();
  const me = useMe();
  const canEdit = can(me, 'settings.forms');
  const { query, save } = useSetting<{ redirectHosts: string[] }>('forms');
  const [hosts, setHosts] = useState<string[] | null>(null);
  const value = hosts ?? query.data?.value.redirectHosts ?? [];
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
        {canEdit && (
          <Button
            disabled={hosts === null || !query.data}
            loading={save.isPending}
            onClick={() =>
              query.data &&
              save.mutate(
                { value: { redirectHosts: value }, version: query.data.version },
                {
                  onSuccess: () => {
                    setHosts(null);
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
