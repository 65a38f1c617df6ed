import { Modal, Stack } from '@mantine/core';
import { type Project, UpdateProjectInput } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { ConflictAlert } from '../../components/form/ConflictAlert';
import { FormActions } from '../../components/form/FormActions';
import { FormProblem } from '../../components/form/FormProblem';
import { diffDraft } from '../../components/form/useRecordForm';
import { notifySuccess } from '../../components/notify';
import { ProjectFields } from './ProjectFields';
import { draftToUpdateInput, projectToDraft } from './projectForm';
import { useProjectForm } from './useProjectForm';
import { useUpdateProject } from './useProjects';

/**
 * „Projekt bearbeiten“: sends only what changed, with the version it was read at (If-Match); when someone
 * else saved first it says so and offers their version.
 */
export function ProjectEditModal({
  project,
  onClose,
  onReload,
}: {
  project: Project;
  onClose: () => void;
  onReload: () => void;
}) {
  const { t } = useTranslation();
  const update = useUpdateProject(project.id);
  const initial = projectToDraft(project);
  const form = useProjectForm({
    initialValues: initial,
    toInput: (values) => draftToUpdateInput(diffDraft(initial, values)),
    schema: UpdateProjectInput,
    error: update.error,
  });
  const dirty = Object.keys(draftToUpdateInput(diffDraft(initial, form.values))).length > 0;
  const conflict = isApiError(update.error) && update.error.status === 412;
  return (
    <Modal opened onClose={onClose} title={t('projects.editTitle')} size="lg">
      <form
        data-testid="project-edit-form"
        onSubmit={form.onSubmit((input) => {
          if (!dirty) return onClose();
          update.mutate(
            { input, version: project.version },
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
          <ProjectFields form={form} />
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
            data-testid="project-edit-submit"
          />
        </Stack>
      </form>
    </Modal>
  );
}
