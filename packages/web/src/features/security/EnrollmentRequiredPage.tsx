import { Button, Center, Paper, Stack, Text, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useLogout } from '../auth/useAuth';
import { TwoFactorSetup } from './TwoFactorSetup';

/** Where a user lands whom the workspace requires a second factor of and who has none yet: only the setup. */
export function EnrollmentRequiredPage() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const qc = useQueryClient();
  const logout = useLogout();
  return (
    <Center component="main" mih="100vh" bg="gray.0" p="md">
      <Paper withBorder shadow="sm" p="xl" w="100%" maw={560}>
        <Stack>
          <Title order={1} size="h3">
            {t('twoFactor.requiredTitle')}
          </Title>
          <Text size="sm" c="dimmed">
            {t('twoFactor.requiredIntro')}
          </Text>
          <TwoFactorSetup
            onDone={() => {
              qc.clear();
              void navigate({ to: '/' });
            }}
          />
          <Button
            variant="subtle"
            onClick={() =>
              logout.mutate(undefined, { onSettled: () => void navigate({ to: '/login' }).then(() => qc.clear()) })
            }
          >
            {t('userMenu.logout')}
          </Button>
        </Stack>
      </Paper>
    </Center>
  );
}
