import { Alert, Button, Text } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

/** Someone else saved first (412): says so and offers to load their version. */
export function ConflictAlert({ onReload }: { onReload: () => void }) {
  const { t } = useTranslation();
  return (
    <Alert
      color="orange"
      title={t('common.conflictTitle')}
      icon={<IconAlertTriangle size={18} aria-hidden />}
      role="alert"
    >
      <Text size="sm" mb="sm">
        {t('common.conflict')}
      </Text>
      <Button size="xs" color="orange" onClick={onReload}>
        {t('common.reload')}
      </Button>
    </Alert>
  );
}
