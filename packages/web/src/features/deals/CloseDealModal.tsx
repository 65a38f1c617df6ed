import { Button, Group, Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import type { CloseDealInput, Deal, Stage } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { errorMessage } from '../../components/notify';
import { useCompetitorOptions } from '../competitors/useCompetitors';
import { useCloseReasons } from './useDeals';

interface Props {
  deal: Deal;
  outcome: 'won' | 'lost';
  stage: Stage | undefined;
  loading: boolean;
  error: unknown;
  onSubmit: (input: CloseDealInput) => void;
  onClose: () => void;
}

/** Won or lost needs a reason from the list (in the user's language); lost may name the competitor. */
export function CloseDealModal({ deal, outcome, loading, error, onSubmit, onClose }: Props) {
  const { t, i18n } = useTranslation();
  const reasons = useCloseReasons();
  const competitors = useCompetitorOptions();
  const [reason, setReason] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const [competitorId, setCompetitorId] = useState<string | null>(deal.competitors[0]?.id ?? null);
  const [touched, setTouched] = useState(false);
  const de = i18n.language.startsWith('de');
  const options = (reasons.data?.value.reasons ?? [])
    .filter((r) => r.outcome === outcome && r.active)
    .map((r) => ({ value: r.key, label: de ? r.de : r.en }));
  // the deal's own competitors first, then everyone else
  const involved = new Set(deal.competitors.map((c) => c.id));
  const competitorData = [
    ...deal.competitors.map((c) => ({ value: c.id, label: c.name })),
    ...(competitors.data ?? []).filter((c) => !involved.has(c.value)),
  ];
  const fieldErrors = isApiError(error) ? error.fieldErrors() : {};
  const title = outcome === 'won' ? t('deals.closeWonTitle') : t('deals.closeLostTitle');

  return (
    <Modal opened onClose={onClose} title={title} centered>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          setTouched(true);
          if (!reason) return;
          onSubmit({
            outcome,
            reason,
            ...(comment.trim() && { comment: comment.trim() }),
            ...(outcome === 'lost' && { competitorId }),
          });
        }}
      >
        <Stack>
          <Text size="sm">{t('deals.closeIntro', { name: deal.name })}</Text>
          <Select
            label={t('deals.reason')}
            data={options}
            value={reason}
            onChange={setReason}
            required
            withAsterisk
            error={(touched && !reason ? t('deals.reasonRequired') : undefined) ?? fieldErrors.reason}
            data-autofocus
          />
          {outcome === 'lost' && (
            <Select
              label={t('deals.lostTo')}
              placeholder={t('deals.noCompetitor')}
              data={competitorData}
              value={competitorId}
              onChange={setCompetitorId}
              searchable
              clearable
              nothingFoundMessage={t('common.noResults')}
              error={fieldErrors.competitorId}
            />
          )}
          <Textarea
            label={t('deals.closeComment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={2}
            maxLength={2000}
          />
          {Boolean(error) && !fieldErrors.reason && (
            <Text size="sm" c="red" role="alert">
              {errorMessage(t, error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color={outcome === 'won' ? 'teal' : 'red'} loading={loading}>
              {outcome === 'won' ? t('deals.markWon') : t('deals.markLost')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
