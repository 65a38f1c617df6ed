import {
  Anchor,
  Badge,
  Box,
  Button,
  Grid,
  Group,
  Paper,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import type { Competitor } from '@nenner/shared';
import { IconThumbDown, IconThumbUp } from '@tabler/icons-react';
import DOMPurify from 'dompurify';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DetailHeader, Fact } from '../../components/DetailHeader';
import { DetailError, DetailSkeleton } from '../../components/DetailSkeleton';
import { EmptyState } from '../../components/EmptyState';
import { notifyError, notifySuccess } from '../../components/notify';
import { RecordEditor } from '../../components/RecordEditor';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { DealTable } from '../deals/DealList';
import { useDealList } from '../deals/useDeals';
import { canEditCompetitors } from './CompetitorList';
import { useAddIntel, useCompetitor, useIntel, useRate, useRatings, useUpdateCompetitor } from './useCompetitors';

/** The server renders and sanitizes the markdown; the browser sanitizes again before showing it. */
const safeHtml = (html: string): string => DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });

export function CompetitorDetail({ id }: { id: string }) {
  const c = useCompetitor(id);
  if (c.isPending) return <DetailSkeleton />;
  if (c.isError) return <DetailError error={c.error} />;
  return <CompetitorView competitor={c.data} onReload={() => void c.refetch()} />;
}

interface Draft {
  name: string;
  website: string;
  positioning: string;
  strengths: string;
  weaknesses: string;
  pricingNotes: string;
  battlecard: string;
}
const toDraft = (c: Competitor): Draft => ({
  name: c.name,
  website: c.website ?? '',
  positioning: c.positioning ?? '',
  strengths: c.strengths ?? '',
  weaknesses: c.weaknesses ?? '',
  pricingNotes: c.pricingNotes ?? '',
  battlecard: c.battlecard,
});
const toInput = (changes: Partial<Draft>): object =>
  Object.fromEntries(
    Object.entries(changes).map(([k, v]) => [k, k === 'name' || k === 'battlecard' ? v : String(v).trim() || null]),
  );

function Facts({ competitor }: { competitor: Competitor }) {
  const { t } = useTranslation();
  const blocks = [
    ['positioning', competitor.positioning],
    ['strengths', competitor.strengths],
    ['weaknesses', competitor.weaknesses],
    ['pricingNotes', competitor.pricingNotes],
  ] as const;
  return (
    <SimpleGrid cols={{ base: 1, sm: 2 }}>
      {blocks.map(([k, v]) => (
        <Box key={k}>
          <Text size="xs" tt="uppercase" fw={700} c="dimmed">
            {t(`competitors.${k}`)}
          </Text>
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            {v || '–'}
          </Text>
        </Box>
      ))}
    </SimpleGrid>
  );
}

function Battlecard({ competitor, onReload }: { competitor: Competitor; onReload: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const update = useUpdateCompetitor(competitor.id);
  const editable = canEditCompetitors(me);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="battlecard-title">
      <Tabs defaultValue="card" keepMounted={false}>
        <Group justify="space-between" mb="sm">
          <Title order={2} size="h4" id="battlecard-title">
            {t('competitors.battlecard')}
          </Title>
          {editable && (
            <Tabs.List>
              <Tabs.Tab value="card">{t('competitors.view')}</Tabs.Tab>
              <Tabs.Tab value="edit">{t('common.edit')}</Tabs.Tab>
            </Tabs.List>
          )}
        </Group>
        <Tabs.Panel value="card">
          <Stack>
            {competitor.battlecardHtml ? (
              <Box
                className="nenner-html"
                fz="sm"
                data-testid="battlecard"
                dangerouslySetInnerHTML={{ __html: safeHtml(competitor.battlecardHtml) }}
              />
            ) : (
              <EmptyState>{t('competitors.noBattlecard')}</EmptyState>
            )}
            <Facts competitor={competitor} />
          </Stack>
        </Tabs.Panel>
        <Tabs.Panel value="edit">
          <RecordEditor
            key={competitor.version}
            title={t('competitors.editTitle')}
            initial={toDraft(competitor)}
            version={competitor.version}
            readOnly={!editable}
            save={update}
            onReload={onReload}
            toInput={toInput}
          >
            {(draft, setDraft, errors, disabled) => (
              <Stack>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput
                    label={t('competitors.name')}
                    value={draft.name}
                    onChange={(e) => setDraft({ ...draft, name: e.currentTarget.value })}
                    error={errors.name}
                    disabled={disabled}
                  />
                  <TextInput
                    type="url"
                    label={t('competitors.website')}
                    value={draft.website}
                    onChange={(e) => setDraft({ ...draft, website: e.currentTarget.value })}
                    error={errors.website}
                    disabled={disabled}
                  />
                </SimpleGrid>
                <Textarea
                  label={t('competitors.battlecardMarkdown')}
                  description={t('competitors.markdownHint')}
                  value={draft.battlecard}
                  onChange={(e) => setDraft({ ...draft, battlecard: e.currentTarget.value })}
                  autosize
                  minRows={8}
                  maxRows={24}
                  maxLength={50_000}
                  error={errors.battlecard}
                  disabled={disabled}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                />
                {(['positioning', 'strengths', 'weaknesses', 'pricingNotes'] as const).map((k) => (
                  <Textarea
                    key={k}
                    label={t(`competitors.${k}`)}
                    value={draft[k]}
                    onChange={(e) => setDraft({ ...draft, [k]: e.currentTarget.value })}
                    autosize
                    minRows={2}
                    error={errors[k]}
                    disabled={disabled}
                  />
                ))}
              </Stack>
            )}
          </RecordEditor>
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}

function Ratings({ competitor }: { competitor: Competitor }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const ratings = useRatings(competitor.id);
  const rate = useRate(competitor.id);
  const [comment, setComment] = useState('');
  const canRate = me.role === 'admin' || (me.role !== 'viewer' && me.department === 'sales');
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

function Intel({ competitor }: { competitor: Competitor }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const intel = useIntel(competitor.id);
  const add = useAddIntel(competitor.id);
  const deals = useDealList({ competitorId: competitor.id });
  const [body, setBody] = useState('');
  const [dealId, setDealId] = useState<string | null>(null);
  const rows = intel.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="intel-title">
      <Title order={2} size="h4" id="intel-title" mb="xs">
        {t('competitors.intelTitle')}
      </Title>
      {me.role !== 'viewer' && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            add.mutate(
              { body, dealId },
              {
                onSuccess: () => {
                  setBody('');
                  setDealId(null);
                  notifySuccess(t('competitors.intelAdded'));
                },
                onError: (err) => notifyError(t, err),
              },
            );
          }}
        >
          <Stack gap="xs" mb="md">
            <Textarea
              label={t('competitors.intelLabel')}
              placeholder={t('competitors.intelPlaceholder')}
              value={body}
              onChange={(e) => setBody(e.currentTarget.value)}
              autosize
              minRows={2}
              maxLength={5000}
            />
            <Select
              label={t('competitors.intelDeal')}
              placeholder={t('competitors.intelNoDeal')}
              data={(deals.data?.pages.flatMap((p) => p.items) ?? []).map((d) => ({ value: d.id, label: d.name }))}
              value={dealId}
              onChange={setDealId}
              clearable
              searchable
            />
            <Group justify="flex-end">
              <Button type="submit" size="sm" loading={add.isPending} disabled={!body.trim()}>
                {t('competitors.addIntel')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
      {rows.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('competitors.noIntel')}
        </Text>
      ) : (
        <Stack gap="sm" component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {rows.map((i) => (
            <Box component="li" key={i.id} pl="sm" style={{ borderLeft: '3px solid var(--mantine-color-blue-4)' }}>
              <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                {i.body}
              </Text>
              <Text size="xs" c="dimmed">
                {i.author.name} · {formatDateTime(i.createdAt, i18n.language, me.timeZone)}
                {i.deal && ` · ${i.deal.name}`}
              </Text>
            </Box>
          ))}
        </Stack>
      )}
    </Paper>
  );
}

function CompetitorDeals({ competitor }: { competitor: Competitor }) {
  const { t } = useTranslation();
  const deals = useDealList({ competitorId: competitor.id, sort: '-updatedAt' });
  const rows = deals.data?.pages.flatMap((p) => p.items) ?? [];
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="competitor-deals-title">
      <Title order={2} size="h4" id="competitor-deals-title" mb="xs">
        {t('competitors.deals')}
      </Title>
      {rows.length === 0 ? <EmptyState>{t('competitors.noDeals')}</EmptyState> : <DealTable rows={rows} />}
    </Paper>
  );
}

function CompetitorView({ competitor, onReload }: { competitor: Competitor; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  return (
    <>
      <DetailHeader
        backTo="/competitors"
        backLabel={t('competitors.title')}
        title={competitor.name}
        facts={
          <>
            {competitor.website && (
              <Anchor href={competitor.website} target="_blank" rel="noopener noreferrer" size="sm">
                {competitor.website.replace(/^https?:\/\//, '')}
              </Anchor>
            )}
            <Fact>{t('competitors.openDealsFact', { count: competitor.deals.open })}</Fact>
            <Fact>
              <span data-testid="competitor-won">{t('competitors.wonFact', { n: n(competitor.deals.won) })}</span>
            </Fact>
            <Fact>
              <span data-testid="competitor-lost">{t('competitors.lostFact', { n: n(competitor.deals.lost) })}</span>
            </Fact>
          </>
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <Battlecard competitor={competitor} onReload={onReload} />
            <CompetitorDeals competitor={competitor} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <Ratings competitor={competitor} />
            <Intel competitor={competitor} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
