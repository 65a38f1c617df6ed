import { Alert, Badge, Button, Group, Paper, Progress, Stack, Table, Tabs, Text } from '@mantine/core';
import { can, type DuplicatePair } from '@nenner/shared';
import { useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { EmptyState } from '../../components/EmptyState';
import { LoadMore, PageHeader } from '../../components/ListControls';
import { errorMessage, notifyError, notifySuccess } from '../../components/notify';
import { TableSkeleton } from '../../components/TableSkeleton';
import { formatPercent } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { RecordLink } from '../work/RecordLink';
import { MergeModal } from './MergeModal';
import { type QualityType, useAttention, useDismissPair, useDuplicates } from './useQuality';

export const qualityTabs = ['contacts', 'accounts', 'attention'] as const;
export type QualityTab = (typeof qualityTabs)[number];

/** The missing fields of a record in words. */
export const missingLabel = (t: TFunction, field: string): string =>
  t(`quality.missing.${field}`, { defaultValue: t(`field.${field}`, { defaultValue: field }) });

function DuplicateQueue({ type }: { type: QualityType }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const list = useDuplicates(type);
  const dismiss = useDismissPair();
  const [open, setOpen] = useState<DuplicatePair | null>(null);
  const rows = list.data?.pages.flatMap((p) => p.items) ?? [];
  const readOnly = !can(me, 'quality.write');
  if (list.isError) {
    return (
      <Alert color="red" role="alert">
        {errorMessage(t, list.error)}
      </Alert>
    );
  }
  if (list.isPending) return <TableSkeleton rows={4} />;
  if (rows.length === 0) return <EmptyState>{t('quality.noDuplicates')}</EmptyState>;
  return (
    <>
      <Table.ScrollContainer minWidth={760}>
        <Table verticalSpacing="sm" striped aria-label={t('quality.queue')}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>A</Table.Th>
              <Table.Th>B</Table.Th>
              <Table.Th>{t('quality.reasons')}</Table.Th>
              <Table.Th ta="right">{t('quality.confidence')}</Table.Th>
              <Table.Th />
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((p) => (
              <Table.Tr key={p.ids.join()} data-testid="duplicate-pair">
                {p.records.map((r) => (
                  <Table.Td key={r.id}>
                    <Stack gap={0}>
                      <RecordLink type={type} id={r.id}>
                        {r.name}
                      </RecordLink>
                      <Text size="xs" c="dimmed">
                        {[r.email, r.phone].filter(Boolean).join(' · ') || '–'}
                      </Text>
                    </Stack>
                  </Table.Td>
                ))}
                <Table.Td>
                  <Group gap={4}>
                    {p.reasons.map((r) => (
                      <Badge key={r} size="sm" variant="light">
                        {t(`quality.reason.${r}`)}
                      </Badge>
                    ))}
                  </Group>
                </Table.Td>
                <Table.Td ta="right">{formatPercent(p.confidence, i18n.language)}</Table.Td>
                <Table.Td>
                  {!readOnly && (
                    <Group gap={6} justify="flex-end" wrap="nowrap">
                      <Button
                        size="xs"
                        onClick={() => setOpen(p)}
                        aria-label={t('quality.reviewPair', { a: p.records[0].name, b: p.records[1].name })}
                      >
                        {t('quality.review')}
                      </Button>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="gray"
                        loading={dismiss.isPending && dismiss.variables?.ids.join() === p.ids.join()}
                        onClick={() =>
                          dismiss.mutate(
                            { type, ids: p.ids },
                            {
                              onSuccess: () => notifySuccess(t('quality.dismissed')),
                              onError: (e) => notifyError(t, e),
                            },
                          )
                        }
                        aria-label={t('quality.dismissPair', { a: p.records[0].name, b: p.records[1].name })}
                      >
                        {t('quality.dismiss')}
                      </Button>
                    </Group>
                  )}
                </Table.Td>
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <LoadMore
        shown={rows.length}
        hasMore={list.hasNextPage}
        loading={list.isFetchingNextPage}
        onLoad={() => void list.fetchNextPage()}
      />
      {open && <MergeModal pair={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function AttentionList() {
  const { t } = useTranslation();
  const [type, setType] = useState<QualityType>('contact');
  const list = useAttention(type);
  const all = list.data?.pages.flatMap((p) => p.items) ?? [];
  // least complete first: once a complete record shows up, everything after it is complete too
  const rows = all.filter((r) => r.score < 100);
  const hasMore = list.hasNextPage && rows.length === all.length;
  return (
    <Stack>
      <Group>
        <Button variant={type === 'contact' ? 'filled' : 'default'} size="xs" onClick={() => setType('contact')}>
          {t('contact.title')}
        </Button>
        <Button variant={type === 'account' ? 'filled' : 'default'} size="xs" onClick={() => setType('account')}>
          {t('account.title')}
        </Button>
      </Group>
      <Text size="sm" c="dimmed">
        {t('quality.attentionIntro')}
      </Text>
      {list.isPending ? (
        <TableSkeleton rows={5} />
      ) : rows.length === 0 ? (
        <EmptyState>{t('quality.attentionEmpty')}</EmptyState>
      ) : (
        <>
          <Table verticalSpacing="xs" striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('contact.name')}</Table.Th>
                <Table.Th w={180}>{t('quality.score')}</Table.Th>
                <Table.Th>{t('quality.missingTitle')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {rows.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>
                    <RecordLink type={r.type} id={r.id}>
                      {r.name || t('contact.noName')}
                    </RecordLink>
                  </Table.Td>
                  <Table.Td>
                    <Group gap={6} wrap="nowrap">
                      <Progress
                        value={r.score}
                        w={90}
                        color={r.score >= 80 ? 'teal' : r.score >= 50 ? 'yellow' : 'red'}
                        aria-label={t('quality.scoreOf', { score: r.score })}
                      />
                      <Text size="sm">{r.score}</Text>
                    </Group>
                  </Table.Td>
                  <Table.Td>
                    <Text size="sm">{r.missing.map((f) => missingLabel(t, f)).join(', ') || '–'}</Text>
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          <LoadMore
            shown={rows.length}
            hasMore={hasMore}
            loading={list.isFetchingNextPage}
            onLoad={() => void list.fetchNextPage()}
          />
        </>
      )}
    </Stack>
  );
}

/** Datenqualität: the duplicate review queues and the caller's records that need attention. */
export function QualityPage({ tab }: { tab: QualityTab | undefined }) {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const active = tab ?? 'contacts';
  return (
    <>
      <PageHeader title={t('quality.title')} />
      <Text size="sm" c="dimmed" mb="md">
        {t('quality.intro')}
      </Text>
      <Tabs
        value={active}
        onChange={(v) => v && void navigate({ to: '/quality', search: { tab: v as QualityTab } })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('quality.tabs')} mb="md">
          {qualityTabs.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`quality.tab.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Paper withBorder p="md">
          <Tabs.Panel value="contacts">
            <DuplicateQueue type="contact" />
          </Tabs.Panel>
          <Tabs.Panel value="accounts">
            <DuplicateQueue type="account" />
          </Tabs.Panel>
          <Tabs.Panel value="attention">
            <AttentionList />
          </Tabs.Panel>
        </Paper>
      </Tabs>
    </>
  );
}
