import { CreateGoalInput } from '@nenner/shared';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form/FormModal';
import { useMe } from '../auth/useAuth';
import { GoalFields } from './GoalFields';
import { draftToCreateInput, emptyGoalDraft, unitLookup } from './goalForm';
import { useGoalForm } from './useGoalForm';
import { useCreateGoal, useGoalMetrics } from './useGoals';

/** „Neues Ziel“: every field at once, the current user as first owner; opens the goal afterwards. */
export function GoalCreateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const metrics = useGoalMetrics();
  const create = useCreateGoal();
  const unitOf = unitLookup(metrics.data);
  const form = useGoalForm({
    initialValues: emptyGoalDraft(me.id),
    toInput: (d) => draftToCreateInput(d, unitOf),
    schema: CreateGoalInput,
    metrics: metrics.data,
    error: create.error,
  });
  return (
    <FormModal
      title={t('goals.createTitle')}
      opened
      onClose={onClose}
      form={form}
      create={create}
      size="xl"
      problemBelow
      onCreated={(goal) => void navigate({ to: '/goals/$goalId', params: { goalId: goal.id } })}
    >
      <GoalFields form={form} metrics={metrics.data} />
    </FormModal>
  );
}
