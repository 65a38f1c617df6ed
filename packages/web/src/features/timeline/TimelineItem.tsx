import { Box, Group, Stack, Text } from '@mantine/core';
import { contract, type FieldChange, type TimelineEntry } from '@nenner/shared';
import { useQuery } from '@tanstack/react-query';
import DOMPurify from 'dompurify';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/endpoints';
import { departmentColor } from '../../app/theme';
import { DepartmentBadge, isDepartment } from '../../components/DepartmentBadge';
import { formatDateTime } from '../../i18n/format';
import { RecordLink } from '../activities/RecordLink';
import { useMe } from '../auth/useAuth';
import { stageName, usePipelines } from '../deals/useDeals';
import { ProjectAuditEntry } from '../projects/ProjectAuditEntry';
import { HostRightsBadge } from '../rotations/RotationParts';
import { useAllUsers } from '../settings/useUsers';
import { ActivityEntry, DealEntry } from './ActivityEntry';
import { HandoffEntry, TouchpointEntry } from './LeadEntry';

const fieldLabel = (t: TFunction, field: string): string => t(`field.${field}`, { defaultValue: field });

/** The server already sanitizes; we sanitize again so the browser never trusts HTML blindly. */
const safeHtml = (html: string): string => DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });

function AccountName({ id }: { id: string }) {
  const { t } = useTranslation();
  const account = useQuery({
    queryKey: ['accounts', 'one', id],
    queryFn: () => call(contract.getAccount, { params: { id } }),
    retry: false,
    staleTime: 5 * 60_000,
  });
  return <>{account.data?.name ?? t('common.unknown')}</>;
}

function StageName({ id }: { id: string }) {
  const { t, i18n } = useTranslation();
  const pipelines = usePipelines();
  const stage = (pipelines.data?.items ?? []).flatMap((p) => p.stages).find((s) => s.id === id);
  return <>{stage ? stageName(stage, i18n.language) : t('common.unknown')}</>;
}

function ChangeValue({ field, value }: { field: string; value: unknown }) {
  const { t } = useTranslation();
  const users = useAllUsers();
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) {
    return <em>{t('common.empty')}</em>;
  }
  if (field === 'ownerId' && typeof value === 'string') {
    return <>{users.data?.items.find((u) => u.id === value)?.name ?? t('common.unknown')}</>;
  }
  if (field === 'accountId' && typeof value === 'string') return <AccountName id={value} />;
  if (field === 'stageId' && typeof value === 'string') return <StageName id={value} />;
  if (field === 'status' && typeof value === 'string')
    return <>{t(`deals.statusName.${value}`, { defaultValue: value })}</>;
  if (field === 'lifecycleStage' && typeof value === 'string')
    return <>{t(`stage.${value}`, { defaultValue: value })}</>;
  if (Array.isArray(value)) return <>„{value.join(', ')}“</>;
  return <>„{String(value)}“</>;
}

function ChangeLine({ actor, change }: { actor: string; change: FieldChange }) {
  const { t } = useTranslation();
  // The sentence is translated as a whole; values are rendered as elements in its slots.
  const template = t('timeline.changed', { actor, field: fieldLabel(t, change.field), from: '\u0000', to: '\u0001' });
  const [before, rest = ''] = template.split('\u0000');
  const [middle, after] = rest.split('\u0001');
  return (
    <Text size="sm">
      {before}
      <ChangeValue field={change.field} value={change.from} />
      {middle}
      <ChangeValue field={change.field} value={change.to} />
      {after}
    </Text>
  );
}

/** One entry; in a 360° view (`viewedId` differs from the entry's record) it names the record it belongs to. */
export function TimelineItem({ entry, viewedId }: { entry: TimelineEntry; viewedId?: string }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const actor = entry.actor?.name ?? t('timeline.system');
  const dept = entry.department ?? entry.actor?.department ?? null;
  const color = isDepartment(dept) ? departmentColor[dept] : 'gray';
  return (
    <Box
      component="li"
      pl="md"
      py={6}
      style={{ borderLeft: `3px solid var(--mantine-color-${color}-5)`, listStyle: 'none' }}
      data-testid="timeline-entry"
    >
      <Group gap={8} mb={4} wrap="wrap">
        {dept && <DepartmentBadge department={dept} size="xs" />}
        <Text size="xs" c="dimmed" component="time" dateTime={entry.createdAt}>
          {formatDateTime(entry.createdAt, i18n.language, me.timeZone)}
        </Text>
        {typeof entry.data?.rotationId === 'string' && <HostRightsBadge />}
        {viewedId && entry.entityId && entry.entityId !== viewedId && (
          <Text size="xs" c="dimmed" data-testid="entry-record">
            {t(`timeline.on.${entry.entityType}`)}{' '}
            <RecordLink type={entry.entityType} id={entry.entityId}>
              {entry.entityName ?? t('common.unknown')}
            </RecordLink>
          </Text>
        )}
      </Group>
      {entry.kind === 'touchpoint' ? (
        <TouchpointEntry entry={entry} />
      ) : entry.kind === 'handoff' ? (
        <HandoffEntry entry={entry} />
      ) : entry.kind === 'activity' ? (
        <ActivityEntry entry={entry} />
      ) : entry.kind === 'deal' ? (
        <DealEntry entry={entry} />
      ) : entry.kind === 'import' ? (
        <Stack gap={2}>
          <Text size="sm">
            {t(entry.action === 'updated' ? 'timeline.importUpdatedFrom' : 'timeline.importedFrom', {
              actor,
              file: typeof entry.data?.file === 'string' ? entry.data.file : '',
            })}
          </Text>
          {entry.body && (
            <Text size="xs" c="dimmed" style={{ whiteSpace: 'pre-wrap' }}>
              {entry.body}
            </Text>
          )}
        </Stack>
      ) : entry.kind === 'audit' && entry.entityType === 'project' ? (
        <ProjectAuditEntry entry={entry} />
      ) : entry.kind === 'audit' ? (
        entry.action === 'updated' && entry.changes && entry.changes.length > 0 ? (
          <Stack gap={2}>
            {entry.changes.map((c) => (
              <ChangeLine key={c.field} actor={actor} change={c} />
            ))}
          </Stack>
        ) : (
          <Text size="sm">
            {t(`timeline.${entry.action ?? 'updated'}`, { actor, defaultValue: t('timeline.updated', { actor }) })}
          </Text>
        )
      ) : (
        <Stack gap={4}>
          <Text size="xs" fw={600}>
            {entry.kind === 'note' ? t('timeline.noteBy', { actor }) : t('timeline.commentBy', { actor })}
          </Text>
          {entry.html ? (
            <Box className="nenner-html" fz="sm" dangerouslySetInnerHTML={{ __html: safeHtml(entry.html) }} />
          ) : (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {entry.body}
            </Text>
          )}
          {entry.mentions && entry.mentions.length > 0 && (
            <Text size="xs" c="dimmed">
              {t('timeline.mentioned', { names: entry.mentions.map((m) => `@${m.name}`).join(', ') })}
            </Text>
          )}
        </Stack>
      )}
    </Box>
  );
}
