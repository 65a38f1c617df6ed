import { Alert, Button, Group, Stack, Text } from '@mantine/core';
import { can, type Form } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useMe } from '../auth/useAuth';
import { FormEditor } from './FormEditor';
import { FormList } from './FormList';
import { RedirectHosts } from './RedirectHosts';

/** Marketing builds public lead-capture forms; everyone sees them and their hosted pages. */
export function FormSettings() {
  const { t } = useTranslation();
  const me = useMe();
  const [editing, setEditing] = useState<Form | null | 'new'>(null);
  const canEdit = can(me, 'forms.manage');
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('forms.intro')}
        </Text>
        {canEdit && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('forms.new')}
          </Button>
        )}
      </Group>
      {!canEdit && <Alert color="gray">{t('forms.marketingEdits')}</Alert>}
      <FormList canEdit={canEdit} onOpen={setEditing} />
      <RedirectHosts />
      {editing && <FormEditor form={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
