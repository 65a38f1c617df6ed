import { Badge, Box, Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { type Competitor, can } from '@nenner/shared';
import { IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { useRate, useRatings } from './useCompetitors';

/** Sales rates the battlecard from the field: helpful or outdated, with a comment. */
export function CompetitorRatings({ competitor }: { competitor: Competitor }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const ratings = useRatings(competitor.id);
  const rate = useRate(competitor.id);
  const [comment, setComment] = useState('');
  const canRate = can(me, 'competitors.rate');
  const send = (rating: 'helpful' | 'outdated') =>
    rate.mutate(
      { rating, ...(comment.trim() && { comment: comment.trim() }) },
      {
        onSuccess: () => {
          setComment('');
          notifySuccess(t('competitors.rated'));
        },
        onError: (e) => notifyError(t, e),
      },
    );
  const n = (x: number) => formatNumber(x, i18n.language);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="ratings-title">
      <Title order={2} size="h4" id="ratings-title" mb="xs">
        {t('competitors.ratingsTitle')}
      </Title>
      <Group gap="lg" mb="sm">
        <Text size="sm" data-testid="helpful-count">
          <IconThumbUp size={16} aria-hidden /> {t('competitors.helpfulCount', { count: competitor.ratings.helpful })}
        </Text>
        <Text size="sm" data-testid="outdated-count">
          <IconThumbDown size={16} aria-hidden />{' '}
          {t('competitors.outdatedCount', { count: competitor.ratings.outdated })}
        </Text>
      </Group>
      {canRate && (
        <Stack gap="xs" mb="sm">
          <Textarea
            label={t('competitors.ratingComment')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            autosize
            minRows={1}
            maxLength={2000}
          />
          <Group>
            <Button
              variant="light"
              color="teal"
              leftSection={<IconThumbUp size={16} aria-hidden />}
              onClick={() => send('helpful')}
              loading={rate.isPending && rate.variables?.rating === 'helpful'}
            >
              {t('competitors.helpful')}
            </Button>
            <Button
              variant="light"
              color="orange"
              leftSection={<IconThumbDown size={16} aria-hidden />}
              onClick={() => send('outdated')}
              loading={rate.isPending && rate.variables?.rating === 'outdated'}
            >
              {t('competitors.outdated')}
            </Button>
          </Group>
        </Stack>
      )}
      <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
        {(ratings.data?.items ?? [])
          .filter((r) => r.comment)
          .map((r) => (
            <Box component="li" key={r.id}>
              <Group gap={6}>
                <Badge size="xs" color={r.rating === 'helpful' ? 'teal' : 'orange'} variant="light">
                  {t(`competitors.${r.rating}`)}
                </Badge>
                <Text size="xs" c="dimmed">
                  {r.user.name} · {formatDateTime(r.createdAt, i18n.language, me.timeZone)}
                  {!r.current && ` · ${t('competitors.olderVersion')}`}
                </Text>
              </Group>
              <Text size="sm">{r.comment}</Text>
            </Box>
          ))}
      </Stack>
      <Text size="xs" c="dimmed" mt="xs">
        {t('competitors.dealCounts', {
          open: n(competitor.deals.open),
          won: n(competitor.deals.won),
          lost: n(competitor.deals.lost),
        })}
      </Text>
    </Paper>
  );
}
