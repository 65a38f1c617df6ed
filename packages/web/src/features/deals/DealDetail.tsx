import { Alert, Badge, Button, Grid, Group, Menu, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type CloseDealInput, can, type Deal, type Stage, UpdateDealInput } from '@nenner/shared';
import { IconArrowsRightLeft, IconRefresh, IconThumbDown, IconTrophy } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { DeleteButton } from '../../components/DeleteButton';
import { DetailHeader, Fact } from '../../components/DetailHeader';
import { DetailError, DetailSkeleton } from '../../components/DetailSkeleton';
import { errorMessage, notifyError, notifySuccess } from '../../components/notify';
import { RecordEditor } from '../../components/RecordEditor';
import { formatDay, formatMoney } from '../../i18n/format';
import { ActivityPanel } from '../activities/ActivityPanel';
import { useMe } from '../auth/useAuth';
import { Timeline } from '../timeline/Timeline';
import { CloseDealModal } from './CloseDealModal';
import { CloseOverdueFlag } from './CloseOverdueFlag';
import { DealFields } from './DealFields';
import { DealStatusBadge } from './DealList';
import { dealToDraft, draftToInput } from './dealForm';
import {
  closeReasonLabel,
  stageName,
  useCloseReasons,
  useDeal,
  useDeleteDeal,
  usePipelines,
  useStageChange,
  useUpdateDeal,
} from './useDeals';

export function DealDetail({ id }: { id: string }) {
  const deal = useDeal(id);
  if (deal.isPending) return <DetailSkeleton />;
  if (deal.isError) return <DetailError error={deal.error} />;
  return <DealView deal={deal.data} onReload={() => void deal.refetch()} />;
}

function StageActions({ deal, readOnly }: { deal: Deal; readOnly: boolean }) {
  const { t, i18n } = useTranslation();
  const pipelines = usePipelines();
  const change = useStageChange();
  const [closing, setClosing] = useState<'won' | 'lost' | null>(null);
  const stages = pipelines.data?.items.find((p) => p.id === deal.pipelineId)?.stages ?? [];
  const open = stages.filter((s) => s.kind === 'open');
  const failed = (e: unknown) =>
    notifications.show({
      color: 'orange',
      message: isApiError(e) && e.status === 412 ? t('deals.moveConflict') : errorMessage(t, e),
    });
  if (readOnly) return null;
  const run = (kind: 'move' | 'reopen', stage: Stage) =>
    change.mutate(
      { kind, deal, stage },
      {
        onSuccess: () => notifySuccess(t('deals.movedShort', { stage: stageName(stage, i18n.language) })),
        onError: failed,
      },
    );
  const close = (input: CloseDealInput) => {
    const stage = stages.find((s) => s.kind === input.outcome);
    if (!stage) return;
    change.mutate(
      { kind: 'close', deal, stage, input },
      {
        onSuccess: () => {
          setClosing(null);
          notifySuccess(
            input.outcome === 'won'
              ? t('deals.wonDone', { name: deal.name })
              : t('deals.lostDone', { name: deal.name }),
          );
        },
        onError: (e) => {
          if (isApiError(e) && e.status === 400) return;
          setClosing(null);
          failed(e);
        },
      },
    );
  };
  return (
    <Group gap="xs">
      {deal.status === 'open' ? (
        <>
          <Menu position="bottom-end">
            <Menu.Target>
              <Button
                variant="light"
                leftSection={<IconArrowsRightLeft size={16} aria-hidden />}
                loading={change.isPending}
              >
                {t('deals.moveTo')}
              </Button>
            </Menu.Target>
            <Menu.Dropdown>
              {open
                .filter((s) => s.id !== deal.stageId)
                .map((s) => (
                  <Menu.Item key={s.id} onClick={() => run('move', s)}>
                    {stageName(s, i18n.language)}
                  </Menu.Item>
                ))}
            </Menu.Dropdown>
          </Menu>
          <Button
            color="teal"
            variant="light"
            leftSection={<IconTrophy size={16} aria-hidden />}
            onClick={() => {
              change.reset();
              setClosing('won');
            }}
          >
            {t('deals.markWon')}
          </Button>
          <Button
            color="red"
            variant="light"
            leftSection={<IconThumbDown size={16} aria-hidden />}
            onClick={() => {
              change.reset();
              setClosing('lost');
            }}
          >
            {t('deals.markLost')}
          </Button>
        </>
      ) : (
        <Menu position="bottom-end">
          <Menu.Target>
            <Button variant="light" leftSection={<IconRefresh size={16} aria-hidden />} loading={change.isPending}>
              {t('deals.reopen')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('deals.reopenInto')}</Menu.Label>
            {open.map((s) => (
              <Menu.Item key={s.id} onClick={() => run('reopen', s)}>
                {stageName(s, i18n.language)}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
      )}
      {closing && (
        <CloseDealModal
          deal={deal}
          outcome={closing}
          stage={stages.find((s) => s.kind === closing)}
          loading={change.isPending}
          error={change.error}
          onSubmit={close}
          onClose={() => setClosing(null)}
        />
      )}
    </Group>
  );
}

function DealView({ deal, onReload }: { deal: Deal; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const navigate = useNavigate();
  const update = useUpdateDeal(deal.id);
  const remove = useDeleteDeal(deal.id);
  const reasons = useCloseReasons();
  const readOnly = !can(me, 'deals.write');
  const initial = dealToDraft(deal);
  const lostTo = deal.competitors.find((c) => c.id === deal.lostToCompetitorId);

  return (
    <>
      <DetailHeader
        backTo="/deals"
        backLabel={t('deals.title')}
        title={deal.name}
        facts={
          <>
            <DealStatusBadge deal={deal} />
            <Link to="/accounts/$accountId" params={{ accountId: deal.account.id }} className="nenner-link">
              {deal.account.name}
            </Link>
            <Fact>{formatMoney(deal.amount, deal.currency, lng)}</Fact>
            {deal.closeDate && (
              <Fact>
                {t('deals.closeDate')}: {formatDay(deal.closeDate, lng)}
              </Fact>
            )}
            <CloseOverdueFlag deal={deal} size="sm" />
            <Fact>{deal.owner?.name ?? t('common.noOwner')}</Fact>
            <Badge variant="light" color={deal.source === 'marketing' ? 'grape' : 'blue'} size="sm">
              {deal.source === 'marketing' ? t('deals.marketingSourced') : t('deals.salesSourced')}
            </Badge>
            {deal.stale && (
              <Badge variant="light" color="orange" size="sm">
                {t('deals.stale')}
              </Badge>
            )}
          </>
        }
        actions={
          <Group gap="xs">
            <StageActions deal={deal} readOnly={readOnly} />
            {!readOnly && (
              <DeleteButton
                name={deal.name}
                loading={remove.isPending}
                onConfirm={() =>
                  remove.mutate(undefined, {
                    onSuccess: () => {
                      notifySuccess(t('common.deleted'));
                      void navigate({ to: '/deals' });
                    },
                    onError: (e) => notifyError(t, e),
                  })
                }
              />
            )}
          </Group>
        }
      />
      {deal.status !== 'open' && (
        <Alert color={deal.status === 'won' ? 'teal' : 'red'} mb="lg" title={t(`deals.statusName.${deal.status}`)}>
          <Stack gap={2}>
            <Text size="sm">
              {t('deals.closedBecause', {
                reason: closeReasonLabel(reasons.data?.value, deal.closeReason, deal.status, lng),
              })}
            </Text>
            {lostTo && (
              <Text size="sm">
                {t('deals.lostToName')}{' '}
                <Link to="/competitors/$competitorId" params={{ competitorId: lostTo.id }} className="nenner-link">
                  {lostTo.name}
                </Link>
              </Text>
            )}
            {deal.closeComment && (
              <Text size="sm" c="dimmed">
                „{deal.closeComment}“
              </Text>
            )}
          </Stack>
        </Alert>
      )}
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <RecordEditor
              key={deal.version}
              title={t('deals.details')}
              initial={initial}
              version={deal.version}
              readOnly={readOnly}
              save={update}
              onReload={onReload}
              toInput={(changes) => draftToInput(changes, initial)}
              schema={UpdateDealInput}
            >
              {(form) => <DealFields form={form} accountId={deal.accountId} />}
            </RecordEditor>
            {deal.competitors.length > 0 && (
              <Group gap="xs">
                <Text size="sm" fw={500}>
                  {t('deals.competitors')}:
                </Text>
                {deal.competitors.map((c) => (
                  <Link
                    key={c.id}
                    to="/competitors/$competitorId"
                    params={{ competitorId: c.id }}
                    className="nenner-link"
                  >
                    {c.name}
                  </Link>
                ))}
              </Group>
            )}
            <ActivityPanel entityType="deal" entityId={deal.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Timeline kind="deals" id={deal.id} />
        </Grid.Col>
      </Grid>
    </>
  );
}
