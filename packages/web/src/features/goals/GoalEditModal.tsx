import { Modal, Stack } from '@mantine/core';
import { type Goal, type GoalMetric, UpdateGoalInput } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ConflictAlert } from '../../components/form/ConflictAlert';
import { FormActions } from '../../components/form/FormActions';
import { FormProblem } from '../../components/form/FormProblem';
import { diffDraft } from '../../components/form/useRecordForm';
import { notifySuccess } from '../../components/notify';
import { GoalFields } from './GoalFields';
import { draftToUpdateInput, goalToDraft, unitLookup } from './goalForm';
import { useGoalForm } from './useGoalForm';
import { useUpdateGoal } from './useGoals';

/**
 * „Ziel bearbeiten“: sends only what changed, with the version it was read at (If-Match); when someone
 * else saved first it says so and offers their version.
 */
export function GoalEditModal({
  goal,
  metrics,
  onClose,
  onReload,
}: {
  goal: Goal;
  metrics: readonly GoalMetric[] | undefined;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateGoal(goal.id);
  const initial = goalToDraft(goal);
  const unitOf = unitLookup(metrics);
  const form = useGoalForm({
    initialValues: initial,
    toInput: (values) => draftToUpdateInput(diffDraft(initial, values), initial, unitOf),
    schema: UpdateGoalInput,
    metrics,
    error: update.error,
  });
  const dirty = Object.keys(diffDraft(initial, form.values)).length > 0;
  const conflict = isApiError(update.error) && update.error.status === 412;
  return (
    <Modal opened onClose={onClose} title={t('goals.editTitle')} size="xl">
      <form
        data-testid="goal-edit-form"
        onSubmit={form.onSubmit((input) => {
          if (!dirty) return onClose();
          update.mutate(
            { input, version: goal.version },
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
          <GoalFields form={form} metrics={metrics} goalId={goal.id} />
          {/* under the fields, beside the button that was pressed: the dialog scrolls */}
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
            data-testid="goal-edit-submit"
          />
        </Stack>
      </form>
    </Modal>
  );
}
