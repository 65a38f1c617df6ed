import { useTranslation } from 'react-i18next';
import type { BodySchema } from '../../components/form/fieldErrors';
import { useRecordForm } from '../../components/form/useRecordForm';
import { type MeetingDraft, meetingDraftIssues } from './meetingForm';

/** The series form: the shared schema checks the body, the form's own rules say it in the user's words. */
export const useMeetingForm = ({
  initialValues,
  toInput,
  schema,
  error,
}: {
  initialValues: MeetingDraft;
  toInput: (values: MeetingDraft) => object;
  schema: BodySchema;
  error: unknown;
}) => {
  const { t } = useTranslation();
  return useRecordForm<MeetingDraft, object>({
    initialValues,
    toInput,
    schema,
    rules: (values) =>
      Object.fromEntries(
        Object.entries(meetingDraftIssues(values)).map(([path, issue]) => [path, t(`meetings.errors.${issue}`)]),
      ),
    error,
  });
};
