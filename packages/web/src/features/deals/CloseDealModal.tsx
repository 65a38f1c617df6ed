import { Modal, Select, Stack, Text, Textarea } from '@mantine/core';
import { CloseDealInput, type Deal, type Stage } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/form/FormActions';
import { FormProblem } from '../../components/form/FormProblem';
import { useRecordForm } from '../../components/form/useRecordForm';
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
  const form = useRecordForm({
    initialValues: { reason: null as string | null, comment: '', competitorId: deal.competitors[0]?.id ?? null },
    toInput: ({ reason, comment, competitorId }): CloseDealInput => ({
      outcome,
      reason: reason ?? '',
      ...(comment.trim() && { comment: comment.trim() }),
      ...(outcome === 'lost' && { competitorId }),
    }),
    schema: CloseDealInput,
    rules: ({ reason }): Record<string, string> => (reason ? {} : { reason: t('deals.reasonRequired') }),
    validateOnChange: ['reason'],
    error,
  });
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
  const title = outcome === 'won' ? t('deals.closeWonTitle') : t('deals.closeLostTitle');

  return (
    <Modal opened onClose={onClose} title={title} centered>
      <form onSubmit={form.onSubmit(onSubmit)}>
        <Stack>
          <Text size="sm">{t('deals.closeIntro', { name: deal.name })}</Text>
          <Select
            label={t('deals.reason')}
            data={options}
            required
            withAsterisk
            data-autofocus
            {...form.field('reason')}
          />
          {outcome === 'lost' && (
            <Select
              label={t('deals.lostTo')}
              placeholder={t('deals.noCompetitor')}
              data={competitorData}
              searchable
              clearable
              nothingFoundMessage={t('common.noResults')}
              {...form.field('competitorId')}
            />
          )}
          <Textarea label={t('deals.closeComment')} autosize minRows={2} maxLength={2000} {...form.field('comment')} />
          {!form.fieldErrors.reason && <FormProblem problem={form.problem} />}
          <FormActions
            onCancel={onClose}
            submitLabel={outcome === 'won' ? t('deals.markWon') : t('deals.markLost')}
            color={outcome === 'won' ? 'teal' : 'red'}
            loading={loading}
          />
        </Stack>
      </form>
    </Modal>
  );
}
