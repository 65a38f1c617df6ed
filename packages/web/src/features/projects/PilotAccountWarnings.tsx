import { Alert, List, Text } from '@mantine/core';
import type { PilotAccountWarning } from '@nenner/shared';
import { IconFlask } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/** Contacts just added to a campaign whose accounts run a pilot: named, so nobody mails a pilot customer blind. */
export function PilotAccountWarnings({ warnings }: { warnings: readonly PilotAccountWarning[] }) {
  const { t } = useTranslation();
  const pilots = warnings.filter((w) => w.code === 'pilot_account');
  if (pilots.length === 0) return null;
  return (
    <Alert
      color="grape"
      icon={<IconFlask size={18} aria-hidden />}
      title={t('projects.pilotWarning.title', { count: pilots.length })}
      data-testid="pilot-account-warning"
    >
      <Text size="sm" mb={4}>
        {t('projects.pilotWarning.body')}
      </Text>
      <List size="sm">
        {pilots.map((w) => (
          <List.Item key={w.accountId}>
            <Link to="/projects/$projectId" params={{ projectId: w.projectId }} className="nenner-link">
              {t('projects.pilotWarning.item', { account: w.accountName, project: w.projectName })}
            </Link>
          </List.Item>
        ))}
      </List>
    </Alert>
  );
}
