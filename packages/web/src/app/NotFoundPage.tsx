import { Button, Group, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconMapPinOff } from '@tabler/icons-react';
import { Link, useLocation, useRouter } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';

/** An address no screen answers to: said plainly, inside the app's layout, with the ways back. */
export function NotFoundPage() {
  const { t } = useTranslation();
  const { pathname } = useLocation();
  const router = useRouter();
  return (
    <Paper withBorder p="xl" maw={560} mx="auto" mt="xl" data-testid="not-found">
      <Stack align="center" gap="md" ta="center">
        <ThemeIcon variant="light" size={56} radius="xl" color="gray" aria-hidden>
          <IconMapPinOff size={30} />
        </ThemeIcon>
        <Title order={1} size="h3">
          {t('notFound.title')}
        </Title>
        <Text c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {t('notFound.body', { path: pathname })}
        </Text>
        <Group>
          <Button variant="default" onClick={() => router.history.back()}>
            {t('notFound.back')}
          </Button>
          <Button renderRoot={(props) => <Link to="/" {...props} />}>{t('notFound.home')}</Button>
        </Group>
      </Stack>
    </Paper>
  );
}
