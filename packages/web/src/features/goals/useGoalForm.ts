import type { GoalMetric } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import type { BodySchema } from '../../components/form/fieldErrors';
import { useRecordForm } from '../../components/form/useRecordForm';
import { type GoalDraft, goalDraftIssues, maxTargetLookup, unitLookup } from './goalForm';

/** The goal form: the shared schema checks the body, the form's own rules say it in the user's words. */
export const useGoalForm = ({
  initialValues,
  toInput,
  schema,
  metrics,
  error,
}: {
  initialValues: GoalDraft;
  toInput: (values: GoalDraft) => object;
  schema: BodySchema;
  metrics: readonly GoalMetric[] | undefined;
  error: unknown;
}) => {
  const { t } = useTranslation();
  const unitOf = unitLookup(metrics);
  const maxOf = maxTargetLookup(metrics);
  return useRecordForm<GoalDraft, object>({
    initialValues,
    toInput,
    schema,
    rules: (values) =>
      Object.fromEntries(
        Object.entries(goalDraftIssues(values, unitOf(values.metric), maxOf(values.metric))).map(([path, issue]) => [
          path,
          t(`goals.errors.${issue}`),
        ]),
      ),
    error,
  });
};
