import { Badge, Button, Group, Paper, Progress, Stack, Tabs, Text } from '@mantine/core';
import { can, type DuplicatePair } from '@nenner/shared';
import { useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/ListControls';
import { notifyError, notifySuccess } from '../../components/notify';
import { type Column, RecordTable } from '../../components/RecordTable';
import { formatPercent } from '../../i18n/format';
import { RecordLink } from '../activities/RecordLink';
import { useMe } from '../auth/useAuth';
import { MergeModal } from './MergeModal';
import { type QualityTab, qualityTabs } from './qualityTabs';
import { type QualityType, useAttention, useDismissPair, useDuplicates } from './useQuality';

/** The missing fields of a record in words. */
export const missingLabel = (t: TFunction, field: string): string =>
  t(`quality.missing.${field}`, { defaultValue: t(`field.${field}`, { defaultValue: field }) });

function DuplicateQueue({ type }: { type: QualityType }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const list = useDuplicates(type);
  const dismiss = useDismissPair();
  const [open, setOpen] = useState<DuplicatePair | null>(null);
  const readOnly = !can(me, 'quality.write');
  const side = (i: 0 | 1): Column<DuplicatePair> => ({
    key: String(i),
    header: i === 0 ? 'A' : 'B',
    cell: (p) => (
      <Stack gap={0}>
        <RecordLink type={type} id={p.records[i].id}>
          {p.records[i].name}
        </RecordLink>
        <Text size="xs" c="dimmed">
          {[p.records[i].email, p.records[i].phone].filter(Boolean).join(' · ') || '–'}
        </Text>
      </Stack>
    ),
  });
  return (
    <>
      <RecordTable
        list={list}
        rowKey={(p) => p.ids.join()}
        rowProps={() => ({ 'data-testid': 'duplicate-pair' })}
        minWidth={760}
        highlightOnHover={false}
        verticalSpacing="sm"
        ariaLabel={t('quality.queue')}
        skeletonRows={4}
        empty={t('quality.noDuplicates')}
        columns={[
          side(0),
          side(1),
          {
            key: 'reasons',
            header: t('quality.reasons'),
            cell: (p) => (
              <Group gap={4}>
                {p.reasons.map((r) => (
                  <Badge key={r} size="sm" variant="light">
                    {t(`quality.reason.${r}`)}
                  </Badge>
                ))}
              </Group>
            ),
          },
          {
            key: 'confidence',
            header: t('quality.confidence'),
            align: 'right',
            cell: (p) => formatPercent(p.confidence, i18n.language),
          },
          {
            key: 'actions',
            header: null,
            cell: (p) =>
              !readOnly && (
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
              ),
          },
        ]}
      />
      {open && <MergeModal pair={open} onClose={() => setOpen(null)} />}
    </>
  );
}

function AttentionList() {
  const { t } = useTranslation();
  const [type, setType] = useState<QualityType>('contact');
  const list = useAttention(type);
  // least complete first: once a complete record shows up, everything after it is complete too
  const rows = list.rows.filter((r) => r.score < 100);
  const hasNextPage = list.hasNextPage && rows.length === list.rows.length;
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
      <RecordTable
        list={{ ...list, rows, hasNextPage }}
        rowKey={(r) => r.id}
        minWidth={0}
        highlightOnHover={false}
        empty={t('quality.attentionEmpty')}
        columns={[
          {
            key: 'name',
            header: t('contact.name'),
            cell: (r) => (
              <RecordLink type={r.type} id={r.id}>
                {r.name || t('contact.noName')}
              </RecordLink>
            ),
          },
          {
            key: 'score',
            header: t('quality.score'),
            width: 180,
            cell: (r) => (
              <Group gap={6} wrap="nowrap">
                <Progress
                  value={r.score}
                  w={90}
                  color={r.score >= 80 ? 'teal' : r.score >= 50 ? 'yellow' : 'red'}
                  aria-label={t('quality.scoreOf', { score: r.score })}
                />
                <Text size="sm">{r.score}</Text>
              </Group>
            ),
          },
          {
            key: 'missing',
            header: t('quality.missingTitle'),
            cell: (r) => <Text size="sm">{r.missing.map((f) => missingLabel(t, f)).join(', ') || '–'}</Text>,
          },
        ]}
      />
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
