import { Alert, SimpleGrid, Textarea } from '@mantine/core';
import { CreateRotationInput, can, hostDepartmentFor, type Rotation } from '@nenner/shared';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/fields';
import { FormModal } from '../../components/form/FormModal';
import { useRecordForm } from '../../components/form/useRecordForm';
import { UserSelect } from '../../components/UserSelect';
import { useMe } from '../auth/useAuth';
import { useAllUsers } from '../settings/useUsers';
import { localizeRotationError } from './localizeError';
import { draftToCreateInput, emptyRotationDraft, type RotationDraft, rotationDraftIssues } from './rotationForm';
import { useCreateRotation } from './useRotations';

/**
 * „Perspektivwechsel planen“: members plan their own, admins anyone's. The host is always the other
 * department, so the form only asks for the person, the days, a mentor from there and what to learn.
 */
export function RotationCreateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const users = useAllUsers();
  const create = useCreateRotation();
  const forAnyone = can(me, 'rotations.create', { ownerId: null });
  const departmentOf = (id: string | null) => users.data?.items.find((u) => u.id === id)?.department;
  const form = useRecordForm<RotationDraft, CreateRotationInput>({
    initialValues: emptyRotationDraft(me.id),
    toInput: (d) => draftToCreateInput(d, departmentOf(d.userId)),
    schema: CreateRotationInput,
    rules: (d) =>
      Object.fromEntries(
        Object.entries(rotationDraftIssues(d, departmentOf(d.userId))).map(([path, issue]) => [
          path,
          t(`rotations.errors.${issue}`),
        ]),
      ),
    error: localizeRotationError(t, create.error),
  });
  const host = hostDepartmentFor(departmentOf(form.values.userId) ?? '');
  return (
    <FormModal<RotationDraft, CreateRotationInput, Rotation>
      title={t('rotations.createTitle')}
      opened
      onClose={onClose}
      form={form}
      create={create}
      size="lg"
      intro={
        <Alert color="blue" variant="light">
          {host ? t('rotations.form.hostIntro', { department: t(`department.${host}`) }) : t('rotations.form.intro')}
        </Alert>
      }
      onCreated={(rotation) => void navigate({ to: '/rotations/$rotationId', params: { rotationId: rotation.id } })}
    >
      {forAnyone && (
        <UserSelect
          label={t('rotations.person')}
          placeholder={t('rotations.form.pickPerson')}
          {...form.field('userId')}
          onChange={(id) => {
            form.setFieldValue('userId', id);
            form.setFieldValue('mentorId', null);
          }}
        />
      )}
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <DateField label={t('rotations.startsOn')} required {...form.field('startsOn')} data-testid="rotation-starts" />
        <DateField label={t('rotations.endsOn')} required {...form.field('endsOn')} data-testid="rotation-ends" />
      </SimpleGrid>
      <UserSelect
        label={t('rotations.mentor')}
        placeholder={t('rotations.form.pickMentor')}
        department={host ?? undefined}
        {...form.field('mentorId')}
        onChange={(id) => form.setFieldValue('mentorId', id)}
      />
      <Textarea
        label={t('rotations.goals')}
        description={t('rotations.form.goalsHint')}
        autosize
        minRows={3}
        {...form.field('goalsText')}
        data-testid="rotation-goals"
      />
      <Textarea
        label={t('rotations.activities')}
        description={t('rotations.form.activitiesHint')}
        autosize
        minRows={3}
        {...form.field('activitiesText')}
        data-testid="rotation-activities"
      />
    </FormModal>
  );
}
