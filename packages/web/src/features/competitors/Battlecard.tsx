import { Box, Group, Paper, SimpleGrid, Stack, Tabs, Text, Textarea, TextInput, Title } from '@mantine/core';
import { type Competitor, can, UpdateCompetitorInput } from '@nenner/shared';
import DOMPurify from 'dompurify';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { RecordEditor } from '../../components/RecordEditor';
import { useMe } from '../auth/useAuth';
import { useUpdateCompetitor } from './useCompetitors';

/** The server renders and sanitizes the markdown; the browser sanitizes again before showing it. */
const safeHtml = (html: string): string => DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });

type Draft = {
  name: string;
  website: string;
  positioning: string;
  strengths: string;
  weaknesses: string;
  pricingNotes: string;
  battlecard: string;
};
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

/** The battlecard as marketing wrote it, and (for marketing) its editor. */
export function Battlecard({ competitor, onReload }: { competitor: Competitor; onReload: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const update = useUpdateCompetitor(competitor.id);
  const editable = can(me, 'competitors.edit');
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
            schema={UpdateCompetitorInput}
          >
            {(form) => (
              <Stack>
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <TextInput label={t('competitors.name')} {...form.field('name')} />
                  <TextInput type="url" label={t('competitors.website')} {...form.field('website')} />
                </SimpleGrid>
                <Textarea
                  label={t('competitors.battlecardMarkdown')}
                  description={t('competitors.markdownHint')}
                  autosize
                  minRows={8}
                  maxRows={24}
                  maxLength={50_000}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                  {...form.field('battlecard')}
                />
                {(['positioning', 'strengths', 'weaknesses', 'pricingNotes'] as const).map((k) => (
                  <Textarea key={k} label={t(`competitors.${k}`)} autosize minRows={2} {...form.field(k)} />
                ))}
              </Stack>
            )}
          </RecordEditor>
        </Tabs.Panel>
      </Tabs>
    </Paper>
  );
}
