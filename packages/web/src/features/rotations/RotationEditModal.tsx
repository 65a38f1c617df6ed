import { Modal, SimpleGrid, Stack } from '@mantine/core';
import type { Rotation } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { DateField } from '../../components/fields';
import { ConflictAlert } from '../../components/form/ConflictAlert';
import { FormActions } from '../../components/form/FormActions';
import { FormProblem } from '../../components/form/FormProblem';
import { diffDraft, useRecordForm } from '../../components/form/useRecordForm';
import { notifySuccess } from '../../components/notify';
import { UserSelect } from '../../components/UserSelect';
import { localizeRotationError } from './localizeError';
import { rotationDraftIssues } from './rotationForm';
import { useUpdateRotation } from './useRotations';

type PeriodDraft = { startsOn: string; endsOn: string; mentorId: string | null };

/** Moves the period or hands the person to another mentor of the host department (If-Match). */
export function RotationEditModal({
  rotation,
  onClose,
  onReload,
}: {
  rotation: Rotation;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateRotation(rotation.id);
  const conflict = isApiError(update.error) && update.error.status === 412;
  const base: PeriodDraft = { startsOn: rotation.startsOn, endsOn: rotation.endsOn, mentorId: rotation.mentor.id };
  const form = useRecordForm<PeriodDraft, Partial<PeriodDraft>>({
    initialValues: base,
    toInput: (d) => diffDraft(base, d),
    rules: (d) => {
      const issues = rotationDraftIssues(
        { ...d, userId: rotation.person.id, goalsText: '', activitiesText: '' },
        rotation.homeDepartment,
      );
      return Object.fromEntries(
        (['startsOn', 'endsOn', 'mentorId'] as const).flatMap((k) =>
          issues[k] ? [[k, t(`rotations.errors.${issues[k]}`)]] : [],
        ),
      );
    },
    error: localizeRotationError(t, update.error),
  });
  return (
    <Modal opened onClose={onClose} title={t('rotations.editTitle')} size="lg">
      <form
        onSubmit={form.onSubmit((input) =>
          update.mutate(
            { input: { ...input, mentorId: input.mentorId ?? undefined }, version: rotation.version },
            {
              onSuccess: () => {
                notifySuccess(t('common.saved'));
                onClose();
              },
            },
          ),
        )}
      >
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <DateField label={t('rotations.startsOn')} required {...form.field('startsOn')} />
            <DateField label={t('rotations.endsOn')} required {...form.field('endsOn')} />
          </SimpleGrid>
          <UserSelect
            label={t('rotations.mentor')}
            department={rotation.hostDepartment}
            {...form.field('mentorId')}
            onChange={(id) => form.setFieldValue('mentorId', id)}
          />
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
            submitDisabled={conflict}
            loading={update.isPending}
          />
        </Stack>
      </form>
    </Modal>
  );
}
