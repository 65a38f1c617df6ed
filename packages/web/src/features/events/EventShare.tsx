import { Anchor, Button, Code, CopyButton, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { Event } from '@nenner/shared';
import { IconCalendarDown, IconCopy, IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';

function CopyLine({ value, label, testId }: { value: string; label: string; testId: string }) {
  const { t } = useTranslation();
  return (
    <CopyButton value={value}>
      {({ copied, copy }) => (
        <Button
          size="compact-xs"
          variant="light"
          leftSection={<IconCopy size={12} aria-hidden />}
          onClick={copy}
          data-testid={testId}
          aria-label={label}
        >
          {copied ? t('common.copied') : t('common.copy')}
        </Button>
      )}
    </CopyButton>
  );
}

/** Teilen: the hosted registration page, the snippet to embed it on a website, and the calendar file. */
export function EventShare({ event }: { event: Event }) {
  const { t } = useTranslation();
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="event-share-title">
      <Title order={2} size="h4" id="event-share-title">
        {t('events.share.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {event.status === 'draft' ? t('events.share.draftHint') : t('events.share.intro')}
      </Text>
      <Stack gap="md">
        <Stack gap={4}>
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {t('events.share.page')}
            </Text>
            <CopyLine value={event.url} label={t('events.share.copyPage')} testId="event-copy-url" />
          </Group>
          <Anchor href={event.url} target="_blank" rel="noreferrer" size="sm" data-testid="event-public-url">
            {event.url} <IconExternalLink size={12} aria-hidden />
          </Anchor>
        </Stack>
        <Stack gap={4}>
          <Group justify="space-between">
            <Text size="sm" fw={600}>
              {t('events.share.embed')}
            </Text>
            <CopyLine value={event.embedHtml} label={t('events.share.copyEmbed')} testId="event-copy-embed" />
          </Group>
          <Text size="xs" c="dimmed">
            {t('events.share.embedHint')}
          </Text>
          <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }} data-testid="event-embed">
            {event.embedHtml}
          </Code>
        </Stack>
        <Group>
          <Button
            component="a"
            href={event.icsUrl}
            variant="default"
            leftSection={<IconCalendarDown size={16} aria-hidden />}
            data-testid="event-ics"
          >
            {t('events.share.ics')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}
