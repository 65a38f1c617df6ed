import { Group, Stack, Text } from '@mantine/core';
import type { TimelineEntry } from '@nenner/shared';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { reasonLabel, useRejectReasons } from '../leads/useLeads';
import { useAllUsers } from '../settings/useUsers';

const str = (v: unknown): string | null => (typeof v === 'string' && v !== '' ? v : null);

/** An event registration or attendance: what the person did, naming the event, with a link to it. */
function EventTouchTitle({ eventId, event, status }: { eventId: string; event: string; status: string | null }) {
  const { t } = useTranslation();
  return (
    <Text size="sm" fw={600}>
      <Link to="/events/$eventId" params={{ eventId }} style={{ color: 'inherit' }}>
        {t(status === 'registered' ? 'timeline.touch.eventRegistered' : 'timeline.touch.eventAttended', { event })}
      </Link>
    </Text>
  );
}

/** A form submission: the form, the UTM values and the visitor's message, all as plain (escaped) text. */
export function TouchpointEntry({ entry }: { entry: TimelineEntry }) {
  const { t } = useTranslation();
  const d = entry.data ?? {};
  const utm = (['utm_source', 'utm_medium', 'utm_campaign', 'utm_term', 'utm_content'] as const)
    .map((k) => [k, str(d[k])] as const)
    .filter(([, v]) => v !== null);
  const form = str(d.formName);
  const eventId = str(d.eventId);
  const eventTitle = str(d.eventTitle);
  return (
    <Stack gap={4}>
      {eventId && eventTitle ? (
        <EventTouchTitle eventId={eventId} event={eventTitle} status={str(d.memberStatus)} />
      ) : (
        <Text size="sm" fw={600}>
          {form
            ? t('timeline.touch.formSubmission', { form })
            : t(`leads.touchpoint.${entry.action ?? 'form_submission'}`, { defaultValue: entry.action ?? '' })}
        </Text>
      )}
      {utm.length > 0 && (
        <Group gap={6}>
          {utm.map(([k, v]) => (
            <Text key={k} size="xs" c="dimmed" component="span">
              {t(`timeline.utm.${k}`)}: {v}
            </Text>
          ))}
        </Group>
      )}
      {entry.body && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="touch-message">
          {entry.body}
        </Text>
      )}
      {str(d.landingPage) && (
        <Text size="xs" c="dimmed" style={{ wordBreak: 'break-all' }}>
          {t('timeline.touch.landingPage')}: {str(d.landingPage)}
        </Text>
      )}
    </Stack>
  );
}

/** A step of a lead handoff, in the same words for both departments. */
export function HandoffEntry({ entry }: { entry: TimelineEntry }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const users = useAllUsers();
  const reasons = useRejectReasons();
  const d = entry.data ?? {};
  const actor = entry.actor?.name ?? t('timeline.system');
  const name = (id: unknown) =>
    (typeof id === 'string' && users.data?.items.find((u) => u.id === id)?.name) || t('leads.unassigned');
  const action = entry.action ?? 'opened';
  const vars = {
    actor,
    assignee: name(d.assigneeId),
    to: name(d.to),
    due: str(d.slaDueAt) ? formatDateTime(String(d.slaDueAt), i18n.language, me.timeZone) : '–',
    reason: reasonLabel(reasons.data?.value, str(d.reason), i18n.language),
    stage: t(`stage.${str(d.stage) ?? 'sql'}`),
  };
  const comment = str(d.comment) ?? str(d.note);
  const handoffId = str(d.handoffId);
  return (
    <Stack gap={4}>
      <Text size="sm">{t(`timeline.handoff.${action}`, { ...vars, defaultValue: action })}</Text>
      {comment && (
        <Text size="sm" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
          „{comment}“
        </Text>
      )}
      {handoffId && (
        <Link to="/leads/$handoffId" params={{ handoffId }} className="nenner-link" style={{ fontSize: 12 }}>
          {t('timeline.handoff.open')}
        </Link>
      )}
    </Stack>
  );
}
