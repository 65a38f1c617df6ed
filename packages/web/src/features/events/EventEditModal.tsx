import { Alert, Modal, Stack } from '@mantine/core';
import { type Event, UpdateEventInput } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ConflictAlert } from '../../components/form/ConflictAlert';
import { FormActions } from '../../components/form/FormActions';
import { diffDraft } from '../../components/form/useRecordForm';
import { notifySuccess } from '../../components/notify';
import { EventFields } from './EventFields';
import { eventErrorMessage } from './eventErrors';
import { draftToUpdateInput, eventToDraft } from './eventForm';
import { useEventForm } from './useEventForm';
import { useUpdateEvent } from './useEvents';

/**
 * „Veranstaltung bearbeiten“: sends only what changed, with the version it was read at (If-Match). A new
 * time goes to everyone registered as an updated calendar entry, which the form says before saving.
 */
export function EventEditModal({
  event,
  onClose,
  onReload,
}: {
  event: Event;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateEvent(event.id);
  const initial = eventToDraft(event);
  const form = useEventForm({
    initialValues: initial,
    toInput: (values) => draftToUpdateInput(diffDraft(initial, values), initial),
    schema: UpdateEventInput,
    error: update.error,
  });
  const changes = diffDraft(initial, form.values);
  const dirty = Object.keys(changes).length > 0;
  const conflict = isApiError(update.error) && update.error.status === 412;
  const registered = event.counts.confirmed + event.counts.waitlisted + event.counts.attended;
  const moved = ['startDate', 'startTime', 'endDate', 'endTime', 'timeZone', 'venue', 'onlineUrl'].some(
    (k) => k in changes,
  );
  const fieldShowsIt = Object.keys(form.fieldErrors).length > 0;
  return (
    <Modal opened onClose={onClose} title={t('events.editTitle')} size="xl">
      <form
        data-testid="event-edit-form"
        onSubmit={form.onSubmit((input) => {
          if (!dirty) return onClose();
          update.mutate(
            { input, version: event.version },
            {
              onSuccess: () => {
                notifySuccess(t('common.saved'));
                onClose();
              },
            },
          );
        })}
      >
        <Stack>
          <EventFields form={form} mode="edit" />
          {moved && registered > 0 && (
            <Alert color="blue" data-testid="event-update-notice">
              {t('events.updateNotice', { count: registered })}
            </Alert>
          )}
          {conflict ? (
            <ConflictAlert
              onReload={() => {
                onReload();
                onClose();
              }}
            />
          ) : (
            form.problem !== null &&
            form.problem !== undefined &&
            !fieldShowsIt && (
              <Alert color="red" role="alert">
                {eventErrorMessage(t, form.problem)}
              </Alert>
            )
          )}
          <FormActions
            onCancel={onClose}
            submitLabel={t('common.save')}
            submitDisabled={!dirty || conflict}
            loading={update.isPending}
            data-testid="event-edit-submit"
          />
        </Stack>
      </form>
    </Modal>
  );
}
