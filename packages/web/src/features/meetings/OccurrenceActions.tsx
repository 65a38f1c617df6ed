import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import type { Occurrence } from '@nenner/shared';
import { IconCalendarX, IconClockEdit, IconRestore } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { DateTimeField } from '../../components/fields';
import { ConflictAlert } from '../../components/form/ConflictAlert';
import { FormActions } from '../../components/form/FormActions';
import { FormProblem } from '../../components/form/FormProblem';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime } from '../../i18n/format';
import { useUpdateOccurrence } from './useMeetings';

interface Props {
  occurrence: Occurrence;
  /** The series' zone: the new start is typed as its wall time. */
  timeZone: string;
  onReload: () => void;
}

/** Moves one occurrence: a new start typed in the series' time zone, sent with the series' version. */
function MoveModal({ occurrence, timeZone, onReload, onClose }: Props & { onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateOccurrence();
  const [value, setValue] = useState(occurrence.startsAt);
  const [own, setOwn] = useState<string | null>(null);
  const conflict = isApiError(update.error) && update.error.status === 412;
  const serverError = isApiError(update.error) ? update.error.errors.find((e) => e.path === 'startsAt') : undefined;
  return (
    <Modal opened onClose={onClose} title={t('meetings.moveTitle')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          const startsAt = value || null;
          if (!startsAt) return setOwn(t('meetings.errors.startRequired'));
          setOwn(null);
          update.mutate(
            { id: occurrence.id, change: { startsAt }, version: occurrence.seriesVersion },
            {
              onSuccess: () => {
                notifySuccess(t('meetings.movedDone'));
                onClose();
              },
            },
          );
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('meetings.moveIntro')}
          </Text>
          <DateTimeField
            label={t('meetings.newStart')}
            description={t('meetings.timeZone', { zone: timeZone })}
            timeZone={timeZone}
            value={value}
            onChange={setValue}
            error={own ?? serverError?.message}
            data-testid="occurrence-new-start"
          />
          {conflict ? (
            <ConflictAlert
              onReload={() => {
                onReload();
                onClose();
              }}
            />
          ) : (
            <FormProblem problem={update.error} alert />
          )}
          <FormActions
            onCancel={onClose}
            submitLabel={t('meetings.move')}
            submitDisabled={conflict}
            loading={update.isPending}
            data-testid="occurrence-move-submit"
          />
        </Stack>
      </form>
    </Modal>
  );
}

/** Cancels one occurrence after a confirmation (or takes a cancellation back), with the series' version. */
function CancelModal({ occurrence, timeZone, onClose }: Props & { onClose: () => void }) {
  const { t, i18n } = useTranslation();
  const update = useUpdateOccurrence();
  const date = formatDateTime(occurrence.startsAt, i18n.language, timeZone);
  return (
    <Modal opened onClose={onClose} title={t('meetings.cancelTitle')}>
      <Text mb="lg">{t('meetings.cancelConfirm', { date })}</Text>
      <FormProblem problem={update.error} alert />
      <Group justify="flex-end" mt="md">
        <Button variant="default" onClick={onClose}>
          {t('meetings.keep')}
        </Button>
        <Button
          color="red"
          loading={update.isPending}
          data-autofocus
          data-testid="occurrence-cancel-confirm"
          onClick={() =>
            update.mutate(
              { id: occurrence.id, change: { status: 'cancelled' }, version: occurrence.seriesVersion },
              {
                onSuccess: () => {
                  notifySuccess(t('meetings.cancelledDone'));
                  onClose();
                },
              },
            )
          }
        >
          {t('meetings.cancelOccurrence')}
        </Button>
      </Group>
    </Modal>
  );
}

/** What a participant may do with a future occurrence: move or cancel it; a cancelled one can be reinstated. */
export function OccurrenceActions({ occurrence, timeZone, onReload }: Props) {
  const { t, i18n } = useTranslation();
  const restore = useUpdateOccurrence();
  const [open, setOpen] = useState<'move' | 'cancel' | null>(null);
  const date = formatDateTime(occurrence.startsAt, i18n.language, timeZone);
  if (occurrence.status === 'cancelled') {
    return (
      <Button
        size="compact-sm"
        variant="subtle"
        leftSection={<IconRestore size={14} aria-hidden />}
        loading={restore.isPending}
        aria-label={`${t('meetings.restore')} – ${date}`}
        onClick={() =>
          restore.mutate(
            { id: occurrence.id, change: { status: 'planned' }, version: occurrence.seriesVersion },
            { onSuccess: () => notifySuccess(t('meetings.restoredDone')), onError: (e) => notifyError(t, e) },
          )
        }
      >
        {t('meetings.restore')}
      </Button>
    );
  }
  return (
    <>
      <Group gap={4} wrap="nowrap" role="group" aria-label={t('meetings.actionsFor', { date })}>
        <Button
          size="compact-sm"
          variant="subtle"
          leftSection={<IconClockEdit size={14} aria-hidden />}
          onClick={() => setOpen('move')}
          data-testid="occurrence-move"
        >
          {t('meetings.move')}
        </Button>
        <Button
          size="compact-sm"
          variant="subtle"
          color="red"
          leftSection={<IconCalendarX size={14} aria-hidden />}
          onClick={() => setOpen('cancel')}
          data-testid="occurrence-cancel"
        >
          {t('meetings.cancelOccurrence')}
        </Button>
      </Group>
      {open === 'move' && (
        <MoveModal occurrence={occurrence} timeZone={timeZone} onReload={onReload} onClose={() => setOpen(null)} />
      )}
      {open === 'cancel' && (
        <CancelModal occurrence={occurrence} timeZone={timeZone} onReload={onReload} onClose={() => setOpen(null)} />
      )}
    </>
  );
}
