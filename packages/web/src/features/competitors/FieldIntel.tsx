import { Box, Button, Group, Paper, Select, Stack, Text, Textarea, Title } from '@mantine/core';
import { type Competitor, can } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { useDealList } from '../deals/useDeals';
import { useAddIntel, useIntel } from './useCompetitors';

/** Field intel: what anyone heard about the competitor, optionally tied to a deal. */
export function FieldIntel({ competitor }: { competitor: Competitor }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const intel = useIntel(competitor.id);
  const add = useAddIntel(competitor.id);
  const deals = useDealList({ competitorId: competitor.id });
  const [body, setBody] = useState('');
  const [dealId, setDealId] = useState<string | null>(null);
  const rows = intel.rows;
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="intel-title">
      <Title order={2} size="h4" id="intel-title" mb="xs">
        {t('competitors.intelTitle')}
      </Title>
      {can(me, 'competitors.intel') && (
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
              data={deals.rows.map((d) => ({ value: d.id, label: d.name }))}
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
