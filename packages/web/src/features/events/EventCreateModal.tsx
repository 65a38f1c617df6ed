import { CreateEventInput } from '@nenner/shared';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form/FormModal';
import { useMe } from '../auth/useAuth';
import { useWorkspaceTimeZone } from '../meetings/useMeetings';
import { EventFields } from './EventFields';
import { draftToCreateInput, emptyEventDraft } from './eventForm';
import { useEventForm } from './useEventForm';
import { useCreateEvent } from './useEvents';

/** „Neue Veranstaltung“: in four weeks, in the workspace's zone, published; opens the event afterwards. */
export function EventCreateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const create = useCreateEvent();
  const zone = useWorkspaceTimeZone() ?? me.timeZone;
  const form = useEventForm({
    initialValues: emptyEventDraft(me.id, zone),
    toInput: draftToCreateInput,
    schema: CreateEventInput,
    error: create.error,
  });
  return (
    <FormModal
      title={t('events.createTitle')}
      opened
      onClose={onClose}
      form={form}
      create={create}
      size="xl"
      problemBelow
      onCreated={(e) => void navigate({ to: '/events/$eventId', params: { eventId: e.id } })}
    >
      <EventFields form={form} mode="create" />
    </FormModal>
  );
}
