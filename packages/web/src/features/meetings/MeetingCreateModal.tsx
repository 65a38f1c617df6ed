import { CreateMeetingInput } from '@nenner/shared';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form/FormModal';
import { useMe } from '../auth/useAuth';
import { MeetingFields } from './MeetingFields';
import { draftToCreateInput, emptyMeetingDraft } from './meetingForm';
import { useMeetingForm } from './useMeetingForm';
import { useCreateMeeting, useWorkspaceTimeZone } from './useMeetings';

/** „Neue Abstimmung“: weekly from next Monday, the current user as host; opens the series afterwards. */
export function MeetingCreateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const create = useCreateMeeting();
  const timeZone = useWorkspaceTimeZone();
  const form = useMeetingForm({
    initialValues: emptyMeetingDraft(me.id),
    toInput: draftToCreateInput,
    schema: CreateMeetingInput,
    error: create.error,
  });
  return (
    <FormModal
      title={t('meetings.createTitle')}
      opened
      onClose={onClose}
      form={form}
      create={create}
      size="xl"
      problemBelow
      onCreated={(m) => void navigate({ to: '/meetings/$seriesId', params: { seriesId: m.id } })}
    >
      <MeetingFields form={form} timeZone={timeZone} />
    </FormModal>
  );
}
