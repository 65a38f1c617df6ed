import { Badge, Button, Group, Paper, Popover, Stack, Text, Title } from '@mantine/core';
import type { Contact } from '@nenner/shared';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { HandoffStatusBadge } from '../leads/HandoffBadges';
import { ScoreBreakdown } from '../leads/ScoreBreakdown';
import { useHandoffs } from '../leads/useLeads';

/** Lead facts on the contact: score (with its breakdown), first and latest source, consent, handoffs. */
export function ContactLeadPanel({ contact }: { contact: Contact }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const handoffs = useHandoffs({ contactId: contact.id });
  const items = handoffs.rows;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="lead-facts" mb="lg">
      <Title order={2} size="h4" id="lead-facts" mb="sm">
        {t('contact.leadFacts')}
      </Title>
      <Group gap="xl" align="flex-start" wrap="wrap">
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t('contact.score')}
          </Text>
          <Popover width={380} position="bottom-start" withArrow shadow="md">
            <Popover.Target>
              <Button
                variant="light"
                size="compact-md"
                aria-label={t('contact.scoreExplain', { score: contact.score })}
              >
                {contact.score}
              </Button>
            </Popover.Target>
            <Popover.Dropdown>
              <ScoreBreakdown
                contactId={contact.id}
                subject={{ jobTitle: contact.jobTitle }}
                shownScore={contact.score}
              />
            </Popover.Dropdown>
          </Popover>
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t('contact.firstUtmSource')}
          </Text>
          <Text size="sm">{contact.firstUtmSource ?? '–'}</Text>
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t('contact.lastUtmSource')}
          </Text>
          <Text size="sm">{contact.lastUtmSource ?? '–'}</Text>
        </Stack>
        <Stack gap={2}>
          <Text size="xs" c="dimmed">
            {t('contact.consent')}
          </Text>
          <Badge
            variant="light"
            tt="none"
            color={
              contact.consentStatus === 'confirmed' ? 'teal' : contact.consentStatus === 'pending' ? 'yellow' : 'gray'
            }
          >
            {t(`contact.consentStatus.${contact.consentStatus ?? 'none'}`)}
          </Badge>
        </Stack>
      </Group>
      {items.length > 0 && (
        <Stack gap={4} mt="md" component="ul" p={0} aria-label={t('contact.handoffs')}>
          <Text size="xs" c="dimmed" component="li" style={{ listStyle: 'none' }}>
            {t('contact.handoffs')}
          </Text>
          {items.map((h) => (
            <Group key={h.id} gap="xs" component="li" style={{ listStyle: 'none' }}>
              <Link to="/leads/$handoffId" params={{ handoffId: h.id }} className="nenner-link">
                {formatDateTime(h.qualifiedAt, i18n.language, me.timeZone)}
              </Link>
              <HandoffStatusBadge handoff={h} />
              <Text size="xs" c="dimmed">
                {h.assignee?.name ?? t('leads.unassigned')}
              </Text>
            </Group>
          ))}
        </Stack>
      )}
    </Paper>
  );
}
