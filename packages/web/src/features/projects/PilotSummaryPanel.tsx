import { Badge, Group, Paper, SimpleGrid, Skeleton, Stack, Table, Text, Title } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { PilotStatusBadge } from './ProjectParts';
import { formatPipeline, formatRating, openDealCount } from './pilotFormat';
import { usePilotSummary } from './useProjects';

function Figure({ label, value, testId }: { label: string; value: string; testId: string }) {
  return (
    <Stack gap={0}>
      <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
        {label}
      </Text>
      <Text fz={20} fw={700} data-testid={testId}>
        {value}
      </Text>
    </Stack>
  );
}

/** The pilots at a glance: mean rating, how much was said and about what, and each account's open pipeline. */
export function PilotSummaryPanel({ projectId }: { projectId: string }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const summary = usePilotSummary(projectId, true);
  if (summary.isPending) return <Skeleton h={100} />;
  if (summary.isError) return null;
  const s = summary.data;
  const mean = formatRating(s.meanRating, lng);
  return (
    <Paper
      withBorder
      p="md"
      bg="grape.0"
      component="section"
      aria-labelledby="pilot-summary-title"
      data-testid="pilot-summary"
    >
      <Stack gap="sm">
        <Title order={3} size="h5" id="pilot-summary-title">
          {t('projects.summary.title')}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Figure
            label={t('projects.summary.meanRating')}
            value={mean === null ? t('projects.summary.noRating') : t('projects.pilots.ratingValue', { rating: mean })}
            testId="pilot-summary-rating"
          />
          <Figure
            label={t('projects.pilots.feedback')}
            value={t('projects.summary.feedbackCount', { count: s.feedbackCount })}
            testId="pilot-summary-feedback"
          />
          <Figure
            label={t('projects.pilots.title')}
            value={t('projects.summary.pilotCount', { count: s.pilots })}
            testId="pilot-summary-pilots"
          />
        </SimpleGrid>
        <Stack gap={4}>
          <Text size="sm" fw={600}>
            {t('projects.summary.themes')}
          </Text>
          {s.themes.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('projects.summary.noThemes')}
            </Text>
          ) : (
            <Group gap={6} data-testid="pilot-summary-themes">
              {s.themes.map((th) => (
                <Badge key={th.term} variant="white" color="grape" tt="none">
                  {th.term} · {formatNumber(th.count, lng)}
                </Badge>
              ))}
            </Group>
          )}
        </Stack>
        {s.accounts.length > 0 && (
          <Table.ScrollContainer minWidth={560}>
            <Table verticalSpacing={4} data-testid="pilot-summary-accounts">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('projects.summary.account')}</Table.Th>
                  <Table.Th>{t('projects.pilots.statusLabel')}</Table.Th>
                  <Table.Th>{t('projects.summary.rating')}</Table.Th>
                  <Table.Th>{t('projects.summary.openPipeline')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {s.accounts.map((a) => {
                  const rating = formatRating(a.meanRating, lng);
                  return (
                    <Table.Tr key={a.pilotId}>
                      <Table.Td>
                        <Link to="/accounts/$accountId" params={{ accountId: a.account.id }} className="nenner-link">
                          {a.account.name}
                        </Link>
                      </Table.Td>
                      <Table.Td style={{ whiteSpace: 'nowrap', minWidth: 120 }}>
                        <PilotStatusBadge status={a.status} />
                      </Table.Td>
                      <Table.Td>
                        <Text size="sm">
                          {rating === null ? '–' : t('projects.pilots.ratingValue', { rating })}{' '}
                          <Text span size="xs" c="dimmed">
                            ({t('projects.summary.feedbackCount', { count: a.feedbackCount })})
                          </Text>
                        </Text>
                      </Table.Td>
                      <Table.Td data-testid="pilot-summary-pipeline">
                        {a.openPipeline.length === 0 ? (
                          <Text size="sm" c="dimmed">
                            {t('projects.summary.noPipeline')}
                          </Text>
                        ) : (
                          <Text size="sm">
                            {formatPipeline(a.openPipeline, lng)}{' '}
                            <Text span size="xs" c="dimmed">
                              ({t('projects.summary.deals', { count: openDealCount(a.openPipeline) })})
                            </Text>
                          </Text>
                        )}
                      </Table.Td>
                    </Table.Tr>
                  );
                })}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Stack>
    </Paper>
  );
}
