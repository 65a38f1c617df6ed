import { Modal, Stack } from '@mantine/core';
import { type Meeting, UpdateMeetingInput } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ConflictAlert } from '../../components/form/ConflictAlert';
import { FormActions } from '../../components/form/FormActions';
import { FormProblem } from '../../components/form/FormProblem';
import { diffDraft } from '../../components/form/useRecordForm';
import { notifySuccess } from '../../components/notify';
import { MeetingFields } from './MeetingFields';
import { draftToUpdateInput, meetingToDraft } from './meetingForm';
import { useMeetingForm } from './useMeetingForm';
import { useUpdateMeeting } from './useMeetings';

/**
 * „Abstimmung bearbeiten“: sends only what changed, with the version it was read at (If-Match); when
 * someone else saved first it says so and offers their version.
 */
export function MeetingEditModal({
  meeting,
  onClose,
  onReload,
}: {
  meeting: Meeting;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateMeeting(meeting.id);
  const initial = meetingToDraft(meeting);
  const form = useMeetingForm({
    initialValues: initial,
    toInput: (values) => draftToUpdateInput(diffDraft(initial, values), initial),
    schema: UpdateMeetingInput,
    error: update.error,
  });
  const dirty = Object.keys(diffDraft(initial, form.values)).length > 0;
  const conflict = isApiError(update.error) && update.error.status === 412;
  return (
    <Modal opened onClose={onClose} title={t('meetings.editTitle')} size="xl">
      <form
        data-testid="meeting-edit-form"
        onSubmit={form.onSubmit((input) => {
          if (!dirty) return onClose();
          update.mutate(
            { input, version: meeting.version },
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
          <MeetingFields form={form} timeZone={meeting.timeZone} />
          {conflict ? (
            <ConflictAlert
              onReload={() => {
                onReload();
                onClose();
              }}
            />
          ) : (
            <FormProblem problem={form.problem} alert />
          )}
          <FormActions
            onCancel={onClose}
            submitLabel={t('common.save')}
            submitDisabled={!dirty || conflict}
            loading={update.isPending}
            data-testid="meeting-edit-submit"
          />
        </Stack>
      </form>
    </Modal>
  );
}
