import { useTranslation } from 'react-i18next';
import type { BodySchema } from '../../components/form/fieldErrors';
import { useRecordForm } from '../../components/form/useRecordForm';
import { type ProjectDraft, projectDraftIssues } from './projectForm';

/** The project form: the shared schema checks the body, the form's own rules say it in the user's words. */
export const useProjectForm = ({
  initialValues,
  toInput,
  schema,
  error,
}: {
  initialValues: ProjectDraft;
  toInput: (values: ProjectDraft) => object;
  schema: BodySchema;
  error: unknown;
}) => {
  const { t } = useTranslation();
  return useRecordForm<ProjectDraft, object>({
    initialValues,
    toInput,
    schema,
    rules: (values) =>
      Object.fromEntries(
        Object.entries(projectDraftIssues(values)).map(([path, issue]) => [path, t(`projects.formErrors.${issue}`)]),
      ),
    error,
  });
};
