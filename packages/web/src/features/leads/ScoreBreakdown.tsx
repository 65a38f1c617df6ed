import { Alert, Group, List, Progress, Skeleton, Stack, Text } from '@mantine/core';
import { contract } from '@nenner/shared';
import { useQueryClient } from '@tanstack/react-query';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { invalidate } from '../../api/endpoints';
import { useUserTimeZone } from '../../components/fields/useUserTimeZone';
import { errorMessage } from '../../components/notify';
import { formatDateTime } from '../../i18n/format';
import { scoreLineText } from './scoreLines';
import { useScore } from './useLeads';

/**
 * The contact's stored score line by line, as of when it was computed ("Stand: …" in the user's time
 * zone), so sales sees why marketing handed the lead over. While the server is rescoring it (the rules
 * changed) it says so instead of showing lines that would not add up. When the card beside it
 * (`shownScore`) showed an older figure, the lists and cards are read again, so every screen shows one score.
 */
export function ScoreBreakdown({
  contactId,
  subject,
  shownScore,
}: {
  contactId: string;
  subject?: Record<string, string | null>;
  shownScore?: number;
}) {
  const { t, i18n } = useTranslation();
  const timeZone = useUserTimeZone();
  const qc = useQueryClient();
  const score = useScore(contactId);
  const fresh = score.data?.score;
  useEffect(() => {
    if (fresh !== undefined && shownScore !== undefined && fresh !== shownScore) {
      void invalidate(qc, contract.listHandoffs, ['handoffs'], ['contacts']);
    }
  }, [fresh, shownScore, qc]);
  if (score.isPending) return <Skeleton h={80} />;
  if (score.isError)
    return (
      <Alert color="red" role="alert">
        {errorMessage(t, score.error)}
      </Alert>
    );
  const { lines, threshold, scoredAt, state } = score.data;
  const value = score.data.score;
  const fit = lines.filter((l) => l.kind === 'fit');
  const engagement = lines.filter((l) => l.kind === 'engagement');
  const text = (l: (typeof lines)[number]) =>
    scoreLineText(t, l, i18n.language, l.kind === 'fit' ? subject?.[l.field] : undefined);
  return (
    <Stack gap="xs" data-testid="score-breakdown">
      <Group justify="space-between">
        <Text fw={600}>{t('leads.scoreTotal', { score: value, threshold })}</Text>
        <Text size="sm" c={value >= threshold ? 'teal' : 'dimmed'}>
          {value >= threshold ? t('leads.aboveThreshold') : t('leads.belowThreshold')}
        </Text>
      </Group>
      <Progress
        value={Math.min(100, threshold > 0 ? (value / threshold) * 100 : 0)}
        color={value >= threshold ? 'teal' : 'indigo'}
        aria-label={t('leads.scoreTotal', { score: value, threshold })}
      />
      {scoredAt && state === 'current' && (
        <Text size="xs" c="dimmed">
          {t('leads.scoreAsOf', { at: formatDateTime(scoredAt, i18n.language, timeZone) })}
        </Text>
      )}
      {state === 'updating' ? (
        <Text size="sm" c="dimmed" role="status">
          {t('leads.scoreUpdating')}
        </Text>
      ) : lines.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('leads.noScoreLines')}
        </Text>
      ) : (
        <>
          {fit.length > 0 && (
            <div>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                {t('leads.fit')}
              </Text>
              <List size="sm" spacing={2}>
                {fit.map((l) => (
                  <List.Item key={l.ruleId}>{text(l)}</List.Item>
                ))}
              </List>
            </div>
          )}
          {engagement.length > 0 && (
            <div>
              <Text size="xs" fw={600} c="dimmed" tt="uppercase">
                {t('leads.engagement')}
              </Text>
              <List size="sm" spacing={2}>
                {engagement.map((l, i) => (
                  <List.Item key={`${l.ruleId}-${i}`}>{text(l)}</List.Item>
                ))}
              </List>
            </div>
          )}
        </>
      )}
    </Stack>
  );
}
