import { Alert, Box, Button, Group, Paper, ScrollArea, Skeleton, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { type Board, type CloseDealInput, can, type Deal, type Stage } from '@nenner/shared';
import { IconPlus, IconThumbDown, IconTrophy } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { type DragEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { errorMessage, notifySuccess } from '../../components/notify';
import { formatMoney, formatNumber } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { CloseDealModal } from './CloseDealModal';
import { DealCard, type DragOrigin } from './DealCard';
import { blankDragImage, DragPreview } from './DragPreview';
import { type DealFilter, stageName, useBoard, useStageChange } from './useDeals';

type Column = Board['columns'][number];

/** Why a move was undone, in friendly words: someone else changed the deal, or the role only reads. */
const rollbackMessage = (t: TFunction, e: unknown): string => {
  if (isApiError(e) && e.status === 412) return t('deals.moveConflict');
  if (isApiError(e) && e.status === 403) return t('deals.moveForbidden');
  if (isApiError(e) && e.code === 'deal_closed') return t('deals.moveClosed');
  return `${t('deals.moveFailed')} ${errorMessage(t, e)}`;
};

function Totals({ column }: { column: Column }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  if (column.totals.length === 0)
    return (
      <Text size="xs" c="dimmed">
        {formatMoney(0, 'EUR', lng, true)}
      </Text>
    );
  return (
    <Stack gap={0}>
      {column.totals.map((x) => (
        <Text key={x.currency} size="xs" c="dimmed" data-testid="column-total">
          <Text span fw={600} c="dark" size="xs">
            {formatMoney(x.amount, x.currency, lng, true)}
          </Text>
          {column.stage.kind === 'open' &&
            ` · ${t('deals.weighted')} ${formatMoney(x.weighted, x.currency, lng, true)}`}
        </Text>
      ))}
    </Stack>
  );
}

const dropProps = (onDrop: (dealId: string) => void, setOver: (v: boolean) => void) => ({
  onDragOver: (e: DragEvent) => {
    e.preventDefault();
    e.dataTransfer.dropEffect = 'move';
    setOver(true);
  },
  onDragLeave: () => setOver(false),
  onDrop: (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const id = e.dataTransfer.getData('text/plain');
    if (id) onDrop(id);
  },
});

function StageColumn(props: {
  column: Column;
  stages: Stage[];
  readOnly: boolean;
  dragging: Deal | null;
  onDropDeal: (dealId: string, stage: Stage) => void;
  cardProps: Omit<Parameters<typeof DealCard>[0], 'deal' | 'stages' | 'readOnly' | 'dragging'>;
}) {
  const { t, i18n } = useTranslation();
  const { column, stages, readOnly, dragging } = props;
  const [over, setOver] = useState(false);
  const name = stageName(column.stage, i18n.language);
  const target = dragging !== null && dragging.stageId !== column.stage.id;
  return (
    <Paper
      component="section"
      aria-label={name}
      data-testid="board-column"
      data-stage-id={column.stage.id}
      withBorder
      p="xs"
      bg={over && target ? 'indigo.0' : 'gray.1'}
      style={{
        // five stages fit a laptop's 1440 px; more scroll sideways inside the board, never the page
        flex: '1 0 216px',
        outline: target ? '2px dashed var(--mantine-color-indigo-3)' : undefined,
        display: 'flex',
        flexDirection: 'column',
      }}
      {...(readOnly ? {} : dropProps((id) => props.onDropDeal(id, column.stage), setOver))}
    >
      <Box mb="xs" px={4}>
        <Group justify="space-between" gap={4}>
          <Text fw={700} size="sm" component="h2" m={0}>
            {name}
          </Text>
          <Text size="xs" c="dimmed" aria-label={t('deals.count', { count: column.count })}>
            {formatNumber(column.count, i18n.language)} · {column.stage.probability} %
          </Text>
        </Group>
        <Totals column={column} />
      </Box>
      <Stack gap="xs" style={{ minHeight: 80, flex: 1 }}>
        {column.deals.map((d) => (
          <DealCard
            key={d.id}
            deal={d}
            stages={stages}
            readOnly={readOnly}
            dragging={dragging?.id === d.id}
            {...props.cardProps}
          />
        ))}
        {column.count > column.deals.length && (
          <Text size="xs" c="dimmed" ta="center">
            {t('deals.moreInList', { count: column.count - column.deals.length })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

function OutcomeZone(props: {
  column: Column | undefined;
  outcome: 'won' | 'lost';
  readOnly: boolean;
  dragging: Deal | null;
  onDropDeal: (dealId: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [over, setOver] = useState(false);
  const { column, outcome } = props;
  if (!column) return null;
  const color = outcome === 'won' ? 'teal' : 'red';
  const Icon = outcome === 'won' ? IconTrophy : IconThumbDown;
  return (
    <Paper
      component="section"
      aria-label={stageName(column.stage, i18n.language)}
      data-testid={`drop-${outcome}`}
      withBorder
      p="sm"
      bg={over ? `${color}.1` : `${color}.0`}
      style={{
        borderStyle: props.dragging ? 'dashed' : undefined,
        borderColor: `var(--mantine-color-${color}-4)`,
        flex: '1 1 160px',
        maxWidth: 240,
      }}
      {...(props.readOnly ? {} : dropProps(props.onDropDeal, setOver))}
    >
      <Group gap={6} mb={4}>
        <Icon size={18} color={`var(--mantine-color-${color}-7)`} aria-hidden />
        <Text fw={700} size="sm" component="h2" m={0}>
          {stageName(column.stage, i18n.language)}
        </Text>
        <Text size="xs" c="dimmed">
          {formatNumber(column.count, i18n.language)}
        </Text>
      </Group>
      <Totals column={column} />
      <Text size="xs" c="dimmed" mt={6}>
        {props.dragging ? t('deals.dropToClose') : t('deals.closedHint')}
      </Text>
    </Paper>
  );
}

/** The pipeline board: open stages as columns, won and lost as drop zones that ask for the reason. */
export function DealBoard({ filter, onCreate }: { filter: DealFilter; onCreate: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const readOnly = !can(me, 'deals.write');
  const board = useBoard(filter);
  const change = useStageChange();
  const [dragging, setDragging] = useState<Deal | null>(null);
  const [dragOrigin, setDragOrigin] = useState<DragOrigin | null>(null);
  useEffect(() => {
    if (!readOnly) blankDragImage();
  }, [readOnly]);
  const [closing, setClosing] = useState<{ deal: Deal; outcome: 'won' | 'lost' } | null>(null);

  if (board.isError) {
    return (
      <Alert color="red" role="alert">
        {errorMessage(t, board.error)}
      </Alert>
    );
  }
  if (!board.data) {
    return (
      <Group align="flex-start" wrap="nowrap">
        {Array.from({ length: 4 }, (_, i) => (
          <Skeleton key={i} h={360} w={280} />
        ))}
      </Group>
    );
  }
  const { pipeline, columns } = board.data;
  const open = columns.filter((c) => c.stage.kind === 'open');
  const won = columns.find((c) => c.stage.kind === 'won');
  const lost = columns.find((c) => c.stage.kind === 'lost');
  const findDeal = (id: string) => columns.flatMap((c) => c.deals).find((d) => d.id === id);

  const move = (deal: Deal, stage: Stage) => {
    if (deal.stageId === stage.id) return;
    change.mutate(
      { kind: 'move', deal, stage },
      {
        onSuccess: (d) => notifySuccess(t('deals.moved', { name: d.name, stage: stageName(stage, i18n.language) })),
        onError: (e) =>
          notifications.show({ color: 'orange', title: t('deals.moveUndone'), message: rollbackMessage(t, e) }),
      },
    );
  };
  const close = (input: CloseDealInput) => {
    if (!closing) return;
    const stage = closing.outcome === 'won' ? won?.stage : lost?.stage;
    if (!stage) return;
    change.mutate(
      { kind: 'close', deal: closing.deal, stage, input },
      {
        onSuccess: (d) => {
          setClosing(null);
          notifySuccess(
            d.status === 'won' ? t('deals.wonDone', { name: d.name }) : t('deals.lostDone', { name: d.name }),
          );
        },
        onError: (e) => {
          // a field error stays in the dialog; a conflict closes it and says why
          if (isApiError(e) && e.status === 400) return;
          setClosing(null);
          notifications.show({ color: 'orange', title: t('deals.moveUndone'), message: rollbackMessage(t, e) });
        },
      },
    );
  };
  const cardProps = {
    onMove: move,
    onClose: (deal: Deal, outcome: 'won' | 'lost') => {
      change.reset();
      setClosing({ deal, outcome });
    },
    onDragStart: (deal: Deal, origin: DragOrigin, transfer: DataTransfer) => {
      transfer.setDragImage(blankDragImage(), 0, 0);
      setDragOrigin(origin);
      setDragging(deal);
    },
    onDragEnd: () => setDragging(null),
  };
  const dropOnOutcome = (outcome: 'won' | 'lost') => (id: string) => {
    const deal = findDeal(id);
    setDragging(null);
    if (deal && deal.status === 'open') cardProps.onClose(deal, outcome);
  };

  return (
    <>
      <Group justify="space-between" align="stretch" mb="sm" wrap="wrap">
        <Stack gap="xs" justify="space-between">
          <Text size="sm" c="dimmed" maw={420}>
            {readOnly ? t('deals.boardReadOnly') : t('deals.boardHint')}
          </Text>
          {!readOnly && (
            <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={onCreate} w="fit-content">
              {t('deals.new')}
            </Button>
          )}
        </Stack>
        {/* the outcome zones stay above the columns, so they are in reach while a card is dragged */}
        <Group gap="sm" align="stretch" wrap="nowrap" style={{ flex: '1 1 0', maxWidth: 492 }}>
          <OutcomeZone
            column={won}
            outcome="won"
            readOnly={readOnly}
            dragging={dragging}
            onDropDeal={dropOnOutcome('won')}
          />
          <OutcomeZone
            column={lost}
            outcome="lost"
            readOnly={readOnly}
            dragging={dragging}
            onDropDeal={dropOnOutcome('lost')}
          />
        </Group>
      </Group>
      <ScrollArea type="auto" offsetScrollbars aria-label={pipeline.name}>
        <Group align="stretch" wrap="nowrap" gap="sm" pb="sm" opacity={board.isPlaceholderData ? 0.6 : 1}>
          {open.map((c) => (
            <StageColumn
              key={c.stage.id}
              column={c}
              stages={pipeline.stages}
              readOnly={readOnly}
              dragging={dragging}
              onDropDeal={(id, stage) => {
                const deal = findDeal(id);
                setDragging(null);
                if (deal) move(deal, stage);
              }}
              cardProps={cardProps}
            />
          ))}
        </Group>
      </ScrollArea>
      {dragging && dragOrigin && <DragPreview deal={dragging} origin={dragOrigin} />}
      {closing && (
        <CloseDealModal
          deal={closing.deal}
          outcome={closing.outcome}
          stage={closing.outcome === 'won' ? won?.stage : lost?.stage}
          loading={change.isPending}
          error={change.error}
          onSubmit={close}
          onClose={() => setClosing(null)}
        />
      )}
    </>
  );
}
