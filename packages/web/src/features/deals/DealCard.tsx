import { ActionIcon, Badge, Group, Menu, Paper, Stack, Text, Tooltip } from '@mantine/core';
import type { Deal, Stage } from '@nenner/shared';
import { IconArrowsRightLeft, IconClockExclamation, IconThumbDown, IconTrophy } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatDay, formatMoney } from '../../i18n/format';
import { CloseOverdueFlag } from './CloseOverdueFlag';
import { stageName } from './useDeals';

/** Where a drag began: the pointer, and where in the card it took hold, so the preview does not jump. */
export interface DragOrigin {
  x: number;
  y: number;
  offsetX: number;
  offsetY: number;
  width: number;
}

interface Props {
  deal: Deal;
  stages: Stage[];
  readOnly: boolean;
  /** This card is the one being dragged: its place stays, marked, until the drop. */
  dragging?: boolean;
  onMove: (deal: Deal, stage: Stage) => void;
  onClose: (deal: Deal, outcome: 'won' | 'lost') => void;
  onDragStart: (deal: Deal, origin: DragOrigin, dataTransfer: DataTransfer) => void;
  onDragEnd: () => void;
}

/** Account, amount, close date, owner and badges: what the card and its drag preview both show. */
function CardFacts({ deal }: { deal: Deal }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  return (
    <>
      <Text size="xs" c="dimmed" lineClamp={1}>
        {deal.account.name}
      </Text>
      <Group justify="space-between" gap={4}>
        <Text size="sm" fw={600}>
          {formatMoney(deal.amount, deal.currency, lng, true)}
        </Text>
        {deal.closeDate && (
          <Text size="xs" c="dimmed">
            {formatDay(deal.closeDate, lng)}
          </Text>
        )}
      </Group>
      <Group gap={4}>
        <Text size="xs" c="dimmed">
          {deal.owner?.name ?? t('common.noOwner')}
        </Text>
        <CloseOverdueFlag deal={deal} />
        {deal.source === 'marketing' && (
          <Badge size="xs" variant="light" color="grape">
            {t('deals.marketingSourced')}
          </Badge>
        )}
        {deal.stale && (
          <Tooltip label={t('deals.staleHint')}>
            <Badge
              size="xs"
              color="orange"
              variant="light"
              leftSection={<IconClockExclamation size={10} aria-hidden />}
            >
              {t('deals.stale')}
            </Badge>
          </Tooltip>
        )}
      </Group>
    </>
  );
}

/**
 * The card as it follows the pointer while dragged. Hidden from assistive technology: the card itself
 * stays in its column, and the keyboard moves deals with the card's menu.
 */
export function DealCardPreview({ deal, width }: { deal: Deal; width: number }) {
  return (
    <Paper
      withBorder
      p="sm"
      radius="md"
      shadow="lg"
      w={width}
      style={{ cursor: 'grabbing', transform: 'rotate(2deg)', borderColor: 'var(--mantine-color-indigo-4)' }}
    >
      <Stack gap={4}>
        <Text fw={600} size="sm" c="indigo.8" lineClamp={2}>
          {deal.name}
        </Text>
        <CardFacts deal={deal} />
      </Stack>
    </Paper>
  );
}

/** A deal on the board: drag it to another column, or use its "move to stage" menu with the keyboard. */
export function DealCard({ deal, stages, readOnly, dragging = false, onMove, onClose, onDragStart, onDragEnd }: Props) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const open = stages.filter((s) => s.kind === 'open' && s.id !== deal.stageId);
  return (
    <Paper
      component="article"
      withBorder
      p="sm"
      radius="md"
      shadow={dragging ? undefined : 'xs'}
      bg={dragging ? 'indigo.0' : undefined}
      draggable={!readOnly && deal.status === 'open'}
      onDragStart={(e) => {
        e.dataTransfer.setData('text/plain', deal.id);
        e.dataTransfer.effectAllowed = 'move';
        const box = e.currentTarget.getBoundingClientRect();
        onDragStart(
          deal,
          { x: e.clientX, y: e.clientY, offsetX: e.clientX - box.left, offsetY: e.clientY - box.top, width: box.width },
          e.dataTransfer,
        );
      }}
      onDragEnd={onDragEnd}
      style={{
        cursor: readOnly ? 'default' : 'grab',
        // the card's place while it is dragged: a dashed outline with the card faded inside it
        ...(dragging && { borderStyle: 'dashed', borderColor: 'var(--mantine-color-indigo-5)', opacity: 0.55 }),
      }}
      aria-label={deal.name}
      data-testid="deal-card"
      data-deal-id={deal.id}
      data-dragging={dragging || undefined}
    >
      <Stack gap={4}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap={4}>
          <Link
            to="/deals/$dealId"
            params={{ dealId: deal.id }}
            className="nenner-link"
            style={{ fontWeight: 600, fontSize: 14 }}
            draggable={false}
          >
            {deal.name}
          </Link>
          {!readOnly && deal.status === 'open' && (
            <Menu position="bottom-end" withinPortal>
              <Menu.Target>
                <ActionIcon variant="subtle" size="sm" aria-label={t('deals.moveMenu', { name: deal.name })}>
                  <IconArrowsRightLeft size={16} aria-hidden />
                </ActionIcon>
              </Menu.Target>
              <Menu.Dropdown>
                <Menu.Label>{t('deals.moveTo')}</Menu.Label>
                {open.map((s) => (
                  <Menu.Item key={s.id} onClick={() => onMove(deal, s)}>
                    {stageName(s, lng)}
                  </Menu.Item>
                ))}
                <Menu.Divider />
                <Menu.Item
                  leftSection={<IconTrophy size={14} aria-hidden />}
                  color="teal"
                  onClick={() => onClose(deal, 'won')}
                >
                  {t('deals.markWon')}
                </Menu.Item>
                <Menu.Item
                  leftSection={<IconThumbDown size={14} aria-hidden />}
                  color="red"
                  onClick={() => onClose(deal, 'lost')}
                >
                  {t('deals.markLost')}
                </Menu.Item>
              </Menu.Dropdown>
            </Menu>
          )}
        </Group>
        <CardFacts deal={deal} />
      </Stack>
    </Paper>
  );
}
