import { Alert, Anchor, Button, Grid, Group, Modal, Paper, Stack, Stepper, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { can, type Project, type ProjectStage } from '@nenner/shared';
import { IconArrowLeft, IconArrowRight, IconPencil } from '@tabler/icons-react';
import { Link, useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { DeleteButton } from '../../components/DeleteButton';
import { DetailError, DetailSkeleton } from '../../components/DetailSkeleton';
import { notifySuccess } from '../../components/notify';
import { useMe } from '../auth/useAuth';
import { TeamLink } from '../teams/TeamLink';
import { Timeline } from '../timeline/Timeline';
import { ProjectEditModal } from './ProjectEditModal';
import { ProjectLinks } from './ProjectLinks';
import { LeadLine, ProjectStageBadge } from './ProjectParts';
import { ProjectPilots } from './ProjectPilots';
import { ProjectPlan } from './ProjectPlan';
import { boardStages } from './projectBoard';
import { projectErrorMessage } from './projectErrors';
import { advanceRefusal, forwardStage, isClosed, joinList, missingItemLabel } from './projectPlan';
import { useAdvanceProject, useDeleteProject, useProject } from './useProjects';

export function ProjectDetail({ id }: { id: string }) {
  const project = useProject(id);
  if (project.isPending) return <DetailSkeleton />;
  if (project.isError) return <DetailError error={project.error} />;
  return <ProjectView project={project.data} onReload={() => void project.refetch()} />;
}

/** The stages so far: idea → planning → pilot → rollout → done (a cancelled project shows its badge instead). */
function StageSteps({ stage }: { stage: ProjectStage }) {
  const { t } = useTranslation();
  if (stage === 'cancelled') return null;
  const index = boardStages.indexOf(stage);
  // a done project has completed every step
  const active = stage === 'done' ? boardStages.length : index;
  return (
    <Stepper active={active} size="xs" aria-label={t('projects.stages')} data-testid="project-stepper">
      {boardStages.map((s) => (
        <Stepper.Step key={s} label={t(`projects.stage.${s}`)} />
      ))}
    </Stepper>
  );
}

/** Why the last advance was refused, in words about the plan (what is open), never about a person. */
function RefusalAlert({
  code,
  stage,
  project,
  onClose,
}: {
  code: string;
  stage: ProjectStage;
  project: Project;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const refusal = advanceRefusal(code, project.missing);
  const body =
    refusal.kind === 'missing'
      ? t('projects.refusal.missing', {
          items: joinList(
            refusal.items.map((i) => missingItemLabel(t, i)),
            i18n.language,
          ),
        })
      : refusal.kind === 'readyNow'
        ? t('projects.refusal.readyNow')
        : t('projects.refusal.transition');
  return (
    <Alert
      color="orange"
      title={t('projects.refusal.title', { stage: t(`projects.stage.${stage}`) })}
      withCloseButton
      onClose={onClose}
      role="alert"
      data-testid="project-advance-refusal"
    >
      {body}
    </Alert>
  );
}

function CancelButton({ project, onCancel, loading }: { project: Project; onCancel: () => void; loading: boolean }) {
  const { t } = useTranslation();
  const [opened, { open, close }] = useDisclosure(false);
  return (
    <>
      <Button variant="subtle" color="red" onClick={open} data-testid="project-cancel">
        {t('projects.cancel')}
      </Button>
      <Modal opened={opened} onClose={close} title={t('projects.cancelTitle')}>
        <Text mb="lg">{t('projects.cancelConfirm', { name: project.name })}</Text>
        <Group justify="flex-end">
          <Button variant="default" onClick={close} data-autofocus>
            {t('projects.cancelKeep')}
          </Button>
          <Button
            color="red"
            loading={loading}
            onClick={() => {
              onCancel();
              close();
            }}
            data-testid="project-cancel-confirm"
          >
            {t('projects.cancel')}
          </Button>
        </Group>
      </Modal>
    </>
  );
}

/** Das Projekt: where it stands, its plan and sign-offs, what belongs to it, its pilots, and its history. */
function ProjectView({ project, onReload }: { project: Project; onReload: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const advance = useAdvanceProject(project.id);
  const remove = useDeleteProject(project.id);
  const [editing, setEditing] = useState(false);
  const [refused, setRefused] = useState<{ code: string; stage: ProjectStage } | null>(null);
  const leads = [project.marketingLead?.id, project.salesLead?.id].filter((x): x is string => Boolean(x));
  const editable = can(me, 'projects.edit', { ownerIds: leads });
  const closed = isClosed(project.stage);
  const next = forwardStage(project);
  const go = (stage: ProjectStage) => {
    setRefused(null);
    advance.mutate(stage, {
      onSuccess: (p) =>
        notifySuccess(
          p.stage === 'cancelled'
            ? t('projects.cancelledDone')
            : t('projects.advanced', { stage: t(`projects.stage.${p.stage}`) }),
        ),
      onError: (e) => setRefused({ code: isApiError(e) ? e.code : 'internal_error', stage }),
    });
  };
  const otherProblem = refused && advanceRefusal(refused.code, project.missing).kind === 'other';
  return (
    <>
      <Stack gap={6} mb="lg">
        <Anchor component={Link} to="/projects" size="sm">
          <Group gap={4}>
            <IconArrowLeft size={14} aria-hidden />
            {t('projects.title')}
          </Group>
        </Anchor>
        <Group justify="space-between" align="flex-start">
          <Group gap="sm" align="center">
            <Title order={1} size="h2">
              {project.name}
            </Title>
            <ProjectStageBadge stage={project.stage} size="lg" />
          </Group>
          {editable && (
            <Group gap="xs">
              {next && (
                <Button
                  rightSection={<IconArrowRight size={16} aria-hidden />}
                  loading={advance.isPending && advance.variables === next}
                  onClick={() => go(next)}
                  data-testid="project-advance"
                >
                  {t('projects.advanceTo', { stage: t(`projects.stage.${next}`) })}
                </Button>
              )}
              {!closed && (
                <Button
                  variant="light"
                  leftSection={<IconPencil size={16} aria-hidden />}
                  onClick={() => setEditing(true)}
                  data-testid="project-edit"
                >
                  {t('common.edit')}
                </Button>
              )}
              {project.nextStages.includes('cancelled') && (
                <CancelButton
                  project={project}
                  loading={advance.isPending && advance.variables === 'cancelled'}
                  onCancel={() => go('cancelled')}
                />
              )}
              <DeleteButton
                texts={{ title: 'projects.deleteTitle', confirm: 'projects.deleteConfirm' }}
                testId="project-delete"
                name={project.name}
                loading={remove.isPending}
                onConfirm={() =>
                  remove.mutate(undefined, {
                    onSuccess: () => {
                      notifySuccess(t('projects.deleted'));
                      void navigate({ to: '/projects' });
                    },
                  })
                }
              />
            </Group>
          )}
        </Group>
        <Group gap="lg" c="dimmed">
          <Text size="sm" c="dimmed" component="span">
            {t('projects.team')}: {project.team ? <TeamLink team={project.team} /> : t('projects.noTeam')}
          </Text>
          <LeadLine department="marketing" lead={project.marketingLead} />
          <LeadLine department="sales" lead={project.salesLead} />
        </Group>
      </Stack>
      <Stack gap="lg" mb="lg">
        <Paper withBorder p="md">
          <Stack gap="sm">
            <StageSteps stage={project.stage} />
            <Stack gap={0}>
              <Text size="xs" c="dimmed" tt="uppercase" fw={600}>
                {t('projects.goalStatement')}
              </Text>
              <Text
                size="sm"
                style={{ whiteSpace: 'pre-wrap' }}
                c={project.goalStatement ? undefined : 'dimmed'}
                data-testid="project-goal-statement"
              >
                {project.goalStatement ?? t('projects.noGoalStatement')}
              </Text>
            </Stack>
          </Stack>
        </Paper>
        {closed && (
          <Alert color="gray" data-testid="project-closed">
            {t(`projects.closedHint.${project.stage}`)}
          </Alert>
        )}
        {refused &&
          (otherProblem ? (
            <Alert color="red" role="alert" withCloseButton onClose={() => setRefused(null)}>
              {projectErrorMessage(t, advance.error)}
            </Alert>
          ) : (
            <RefusalAlert
              code={refused.code}
              stage={refused.stage}
              project={project}
              onClose={() => setRefused(null)}
            />
          ))}
        {remove.isError && (
          <Alert color="red" role="alert">
            {projectErrorMessage(t, remove.error)}
          </Alert>
        )}
      </Stack>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <ProjectPlan project={project} />
            <ProjectPilots project={project} />
            <ProjectLinks project={project} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Timeline
            kind="projects"
            id={project.id}
            subtitle={t('projects.timelineSubtitle')}
            kinds={['note', 'comment', 'audit']}
          />
        </Grid.Col>
      </Grid>
      {editing && (
        <ProjectEditModal
          key={project.version}
          project={project}
          onClose={() => setEditing(false)}
          onReload={onReload}
        />
      )}
    </>
  );
}
