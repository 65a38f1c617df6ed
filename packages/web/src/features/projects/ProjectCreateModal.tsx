import { CreateProjectInput } from '@nenner/shared';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../components/form/FormModal';
import { useMe } from '../auth/useAuth';
import { ProjectFields } from './ProjectFields';
import { draftToCreateInput, emptyProjectDraft } from './projectForm';
import { useProjectForm } from './useProjectForm';
import { useCreateProject } from './useProjects';

/** „Neues Projekt“: the starter leads for their department; opens the project afterwards. */
export function ProjectCreateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const create = useCreateProject();
  const form = useProjectForm({
    initialValues: emptyProjectDraft(me),
    toInput: draftToCreateInput,
    schema: CreateProjectInput,
    error: create.error,
  });
  return (
    <FormModal
      title={t('projects.createTitle')}
      opened
      onClose={onClose}
      form={form}
      create={create}
      size="lg"
      problemBelow
      onCreated={(p) => void navigate({ to: '/projects/$projectId', params: { projectId: p.id } })}
    >
      <ProjectFields form={form} creating />
    </FormModal>
  );
}
