import { useTranslation } from 'react-i18next';
import type { BodySchema } from '../../components/form/fieldErrors';
import { useRecordForm } from '../../components/form/useRecordForm';
import { eventFormError } from './eventErrors';
import { type EventDraft, eventDraftIssues } from './eventForm';

/** The event form: the shared schema checks the body, the form's own rules say it in the user's words. */
export const useEventForm = ({
  initialValues,
  toInput,
  schema,
  error,
}: {
  initialValues: EventDraft;
  toInput: (values: EventDraft) => object;
  schema: BodySchema;
  error: unknown;
}) => {
  const { t } = useTranslation();
  return useRecordForm<EventDraft, object>({
    initialValues,
    toInput,
    schema,
    rules: (values) =>
      Object.fromEntries(
        Object.entries(eventDraftIssues(values)).map(([path, issue]) => [path, t(`events.errors.${issue}`)]),
      ),
    error: eventFormError(t, error),
  });
};
