import { Button, Stack, Text } from '@mantine/core';
import { can, type Handoff } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { RecordList } from '../../components/RecordTable';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { HandoffCard } from './HandoffCard';
import { RecycleModal } from './LeadModals';
import { reasonLabel, useHandoffs, useRejectReasons } from './useLeads';

/** Leads sales handed back, with the reason and comment; marketing recycles them into nurture. */
export function ReturnedLeads() {
  const { t } = useTranslation();
  const me = useMe();
  const list = useHandoffs({ status: 'rejected' });
  const [recycling, setRecycling] = useState<Handoff | null>(null);
  const canRecycle = can(me, 'handoffs.recycle');
  return (
    <Stack gap="md">
      <Text size="sm" c="dimmed">
        {t('leads.returnedIntro')}
      </Text>
      <RecordList list={list} skeletonRows={3} empty={t('leads.returnedEmpty')}>
        {(items) => (
          <Stack component="ul" gap="xs" p={0} m={0} aria-label={t('leads.tab.returned')}>
            {items.map((h) => (
              <HandoffCard key={h.id} handoff={h} details={<RejectionFacts handoff={h} />}>
                {canRecycle && (
                  <Button size="xs" variant="light" onClick={() => setRecycling(h)}>
                    {t('leads.recycle')}
                  </Button>
                )}
              </HandoffCard>
            ))}
          </Stack>
        )}
      </RecordList>
      {recycling && <RecycleModal handoff={recycling} opened onClose={() => setRecycling(null)} />}
    </Stack>
  );
}

/** The reason in the user's language, the comment as plain text, who returned it and when. */
export function RejectionFacts({ handoff }: { handoff: Handoff }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const reasons = useRejectReasons();
  if (!handoff.rejectReason) return null;
  return (
    <Stack gap={2} data-testid="rejection">
      <Text size="sm">
        <Text span fw={600}>
          {t('leads.reason')}:
        </Text>{' '}
        {reasonLabel(reasons.data?.value, handoff.rejectReason, i18n.language)}
      </Text>
      {handoff.rejectComment && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          „{handoff.rejectComment}“
        </Text>
      )}
      {handoff.rejectedAt && (
        <Text size="xs" c="dimmed">
          {t('leads.returnedBy', {
            name: handoff.assignee?.name ?? t('common.unknown'),
            at: formatDateTime(handoff.rejectedAt, i18n.language, me.timeZone),
          })}
        </Text>
      )}
    </Stack>
  );
}
