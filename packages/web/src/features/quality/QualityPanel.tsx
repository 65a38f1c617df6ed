import { Button, Group, Paper, Progress, Stack, Text, Title } from '@mantine/core';
import { can } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { missingLabel } from './QualityPage';
import { type QualityType, useCompleteness, useMerges, useUndoMerge } from './useQuality';

/** A record's completeness (score and what is missing) and the merges it took part in, with undo. */
export function QualityPanel({ type, id }: { type: QualityType; id: string }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const q = useCompleteness(type, id);
  const merges = useMerges(type, id);
  const undo = useUndoMerge(type);
  const score = q.data?.score;
  const history = (merges.data?.items ?? []).filter((m) => m.survivorId === id);
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={`quality-${id}`}>
      <Stack gap="xs">
        <Group justify="space-between">
          <Title order={2} size="h5" id={`quality-${id}`}>
            {t('quality.completeness')}
          </Title>
          {score !== undefined && (
            <Text size="sm" fw={700} data-testid="completeness-score">
              {score} / 100
            </Text>
          )}
        </Group>
        <Progress
          value={score ?? 0}
          color={score === undefined ? 'gray' : score >= 80 ? 'teal' : score >= 50 ? 'yellow' : 'red'}
          aria-label={t('quality.scoreOf', { score: score ?? 0 })}
        />
        {q.data && (
          <Text size="sm" c="dimmed">
            {q.data.missing.length === 0
              ? t('quality.complete')
              : t('quality.missingList', { fields: q.data.missing.map((f) => missingLabel(t, f)).join(', ') })}
          </Text>
        )}
        {history.map((m) => (
          <Group key={m.id} justify="space-between" gap="xs">
            <Text size="xs" c="dimmed">
              {m.undoneAt
                ? t('quality.historyUndone', { date: formatDateTime(m.undoneAt, i18n.language, me.timeZone) })
                : t('quality.history', { date: formatDateTime(m.createdAt, i18n.language, me.timeZone) })}
            </Text>
            {!m.undoneAt && can(me, 'quality.write') && (
              <Button
                size="compact-xs"
                variant="subtle"
                color="orange"
                loading={undo.isPending && undo.variables === m.id}
                onClick={() =>
                  undo.mutate(m.id, {
                    onSuccess: () => notifySuccess(t('quality.undone')),
                    onError: (e) => notifyError(t, e),
                  })
                }
              >
                {t('quality.undo')}
              </Button>
            )}
          </Group>
        ))}
      </Stack>
    </Paper>
  );
}
