import { Button, Divider, Group, Paper, Rating, Stack, Text, Textarea, Title } from '@mantine/core';
import { can, type Rotation, rotationRatingRecord, rotationReportRecord } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FormProblem } from '../../components/form/FormProblem';
import { notifySuccess } from '../../components/notify';
import { formatDate } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { useWriteRotationReport } from './useRotations';

/** The person's closing report, written once the rotation has begun. */
function ClosingReport({ rotation, open }: { rotation: Rotation; open: boolean }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const write = useWriteRotationReport(rotation.id);
  const mayWrite = open && can(me, 'rotations.report', rotationReportRecord(rotation));
  const [text, setText] = useState(rotation.report ?? '');
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('rotations.report.by', { name: rotation.person.name })}
      </Title>
      {mayWrite ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            write.mutate({ report: text }, { onSuccess: () => notifySuccess(t('common.saved')) });
          }}
        >
          <Stack gap="xs">
            <Textarea
              label={t('rotations.report.label')}
              description={t('rotations.report.hint')}
              autosize
              minRows={4}
              maxLength={10_000}
              value={text}
              onChange={(e) => setText(e.currentTarget.value)}
              data-testid="rotation-report-text"
            />
            <FormProblem problem={write.error} />
            <Group justify="flex-end">
              <Button type="submit" loading={write.isPending} disabled={text.trim() === ''}>
                {t('rotations.report.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : rotation.report ? (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }} data-testid="rotation-report">
          {rotation.report}
        </Text>
      ) : (
        <Text size="sm" c="dimmed">
          {t('rotations.report.none')}
        </Text>
      )}
      {rotation.reportedAt && (
        <Text size="xs" c="dimmed">
          {t('rotations.report.at', { date: formatDate(rotation.reportedAt, i18n.language, me.timeZone) })}
        </Text>
      )}
    </Stack>
  );
}

/** The mentor's rating (1–5) and comment; only the mentor gives it. */
function MentorRating({ rotation, open }: { rotation: Rotation; open: boolean }) {
  const { t } = useTranslation();
  const me = useMe();
  const write = useWriteRotationReport(rotation.id);
  const mayRate = open && can(me, 'rotations.rate', rotationRatingRecord(rotation));
  const [rating, setRating] = useState(rotation.rating ?? 0);
  const [comment, setComment] = useState(rotation.ratingComment ?? '');
  return (
    <Stack gap="xs">
      <Title order={3} size="h5">
        {t('rotations.rating.by', { name: rotation.mentor.name })}
      </Title>
      {mayRate ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            write.mutate(
              { rating, ...(comment.trim() && { comment: comment.trim() }) },
              { onSuccess: () => notifySuccess(t('common.saved')) },
            );
          }}
        >
          <Stack gap="xs">
            <Text size="sm" id="rotation-rating-label">
              {t('rotations.rating.label')}
            </Text>
            <Rating
              value={rating}
              onChange={setRating}
              count={5}
              aria-labelledby="rotation-rating-label"
              data-testid="rotation-rating"
            />
            <Textarea
              label={t('rotations.rating.comment')}
              autosize
              minRows={2}
              maxLength={4000}
              value={comment}
              onChange={(e) => setComment(e.currentTarget.value)}
            />
            <FormProblem problem={write.error} />
            <Group justify="flex-end">
              <Button type="submit" loading={write.isPending} disabled={rating < 1}>
                {t('rotations.rating.save')}
              </Button>
            </Group>
          </Stack>
        </form>
      ) : rotation.rating !== null ? (
        <Stack gap={4}>
          <Group gap="xs">
            <Rating value={rotation.rating} readOnly aria-hidden />
            <Text size="sm" data-testid="rotation-rating-value">
              {t('rotations.rating.value', { rating: rotation.rating })}
            </Text>
          </Group>
          {rotation.ratingComment && (
            <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
              {rotation.ratingComment}
            </Text>
          )}
        </Stack>
      ) : (
        <Text size="sm" c="dimmed">
          {t('rotations.rating.none')}
        </Text>
      )}
    </Stack>
  );
}

/** Abschluss: the person's report beside the mentor's rating; both open once the rotation has begun. */
export function RotationReportPanel({ rotation }: { rotation: Rotation }) {
  const { t } = useTranslation();
  const open = rotation.status === 'active' || rotation.status === 'completed';
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rotation-report-title">
      <Title order={2} size="h4" id="rotation-report-title" mb="xs">
        {t('rotations.report.title')}
      </Title>
      {rotation.status === 'planned' && (
        <Text size="sm" c="dimmed" mb="sm">
          {t('rotations.report.notYet')}
        </Text>
      )}
      <Stack gap="md">
        <ClosingReport rotation={rotation} open={open} />
        <Divider />
        <MentorRating rotation={rotation} open={open} />
      </Stack>
    </Paper>
  );
}
