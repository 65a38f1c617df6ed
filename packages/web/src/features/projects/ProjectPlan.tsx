import {
  ActionIcon,
  Alert,
  Button,
  Checkbox,
  Divider,
  Group,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  can,
  type PolicyActor,
  type Project,
  type ProjectDepartment,
  type ProjectRequirement,
  projectDepartments,
  projectLimits,
} from '@nenner/shared';
import { IconCheck, IconPencil, IconRotate, IconTrash, IconX } from '@tabler/icons-react';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { notifySuccess } from '../../components/notify';
import { formatDate, formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { MissingLine } from './ProjectParts';
import { projectErrorMessage } from './projectErrors';
import { isClosed, isPlanOpen, joinList, lastSignoffReset, mySignoff, signoffDepartmentOf } from './projectPlan';
import {
  useAddRequirement,
  useDeleteRequirement,
  useProjectAudit,
  useSignoff,
  useUpdateRequirement,
  useWithdrawSignoff,
} from './useProjects';

const leadsOf = (p: Project) => [p.marketingLead?.id, p.salesLead?.id].filter((x): x is string => Boolean(x));

/** After a change of the plan: when it cleared sign-offs, say so (the people who gave them are notified). */
const useAfterPlanChange = (project: Project) => {
  const { t } = useTranslation();
  return (after: Project, done: string) => {
    if (project.signoffs.length > 0 && after.signoffs.length === 0) {
      notifications.show({ color: 'orange', message: t('projects.requirements.resetNow'), autoClose: 8000 });
    } else {
      notifySuccess(done);
    }
  };
};

function RequirementRow({
  project,
  requirement: r,
  mayWrite,
}: {
  project: Project;
  requirement: ProjectRequirement;
  mayWrite: boolean;
}) {
  const { t } = useTranslation();
  const update = useUpdateRequirement(project.id);
  const remove = useDeleteRequirement(project.id);
  const afterChange = useAfterPlanChange(project);
  const [editing, setEditing] = useState(false);
  const [text, setText] = useState(r.text);
  const planOpen = isPlanOpen(project.stage);
  const onError = (e: unknown) => notifications.show({ color: 'red', message: projectErrorMessage(t, e) });
  const save = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim() || text.trim() === r.text) return setEditing(false);
    update.mutate(
      { rid: r.id, change: { text: text.trim() } },
      {
        onSuccess: (p) => {
          setEditing(false);
          afterChange(p, t('projects.requirements.saved'));
        },
        onError,
      },
    );
  };
  if (editing) {
    return (
      <form onSubmit={save}>
        <Group gap={4} wrap="nowrap" align="flex-start">
          <TextInput
            aria-label={t('projects.requirements.editField')}
            value={text}
            onChange={(e) => setText(e.currentTarget.value)}
            maxLength={projectLimits.requirementMax}
            style={{ flex: 1 }}
            size="xs"
            data-autofocus
            autoFocus
          />
          <ActionIcon
            type="submit"
            variant="light"
            color="teal"
            loading={update.isPending}
            aria-label={t('common.save')}
          >
            <IconCheck size={16} aria-hidden />
          </ActionIcon>
          <ActionIcon
            variant="subtle"
            color="gray"
            onClick={() => {
              setText(r.text);
              setEditing(false);
            }}
            aria-label={t('common.cancel')}
          >
            <IconX size={16} aria-hidden />
          </ActionIcon>
        </Group>
      </form>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" align="flex-start" data-testid="requirement" component="li">
      <Checkbox
        mt={2}
        checked={r.done}
        disabled={!mayWrite || isClosed(project.stage) || update.isPending}
        aria-label={t('projects.requirements.doneLabel', { text: r.text })}
        onChange={(e) => update.mutate({ rid: r.id, change: { done: e.currentTarget.checked } }, { onError })}
      />
      <Stack gap={0} style={{ flex: 1 }}>
        <Text size="sm" td={r.done ? 'line-through' : undefined} c={r.done ? 'dimmed' : undefined}>
          {r.text}
        </Text>
        {r.author && (
          <Text size="xs" c="dimmed">
            {t('projects.requirements.by', { name: r.author.name })}
          </Text>
        )}
      </Stack>
      {mayWrite && planOpen && (
        <Group gap={2} wrap="nowrap">
          <Tooltip label={t('projects.requirements.edit', { text: r.text })}>
            <ActionIcon
              variant="subtle"
              size="sm"
              onClick={() => setEditing(true)}
              aria-label={t('projects.requirements.edit', { text: r.text })}
            >
              <IconPencil size={14} aria-hidden />
            </ActionIcon>
          </Tooltip>
          <Tooltip label={t('projects.requirements.remove', { text: r.text })}>
            <ActionIcon
              variant="subtle"
              color="red"
              size="sm"
              loading={remove.isPending}
              onClick={() =>
                remove.mutate(r.id, {
                  onSuccess: (p) => afterChange(p, t('projects.requirements.removed')),
                  onError,
                })
              }
              aria-label={t('projects.requirements.remove', { text: r.text })}
            >
              <IconTrash size={14} aria-hidden />
            </ActionIcon>
          </Tooltip>
        </Group>
      )}
    </Group>
  );
}

function AddRequirement({ project, department }: { project: Project; department: ProjectDepartment }) {
  const { t } = useTranslation();
  const add = useAddRequirement(project.id);
  const afterChange = useAfterPlanChange(project);
  const [text, setText] = useState('');
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return;
    add.mutate(
      { department, text: text.trim() },
      {
        onSuccess: (p) => {
          setText('');
          afterChange(p, t('projects.requirements.added'));
        },
        onError: (err) => notifications.show({ color: 'red', message: projectErrorMessage(t, err) }),
      },
    );
  };
  return (
    <form onSubmit={submit}>
      <Stack gap={6}>
        <TextInput
          label={t('projects.requirements.addLabel', { department: t(`department.${department}`) })}
          placeholder={t(`projects.requirements.addPlaceholder.${department}`)}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          maxLength={projectLimits.requirementMax}
          size="sm"
          data-testid={`requirement-input-${department}`}
        />
        <Group justify="flex-end">
          <Button
            type="submit"
            variant="light"
            size="xs"
            loading={add.isPending}
            disabled={!text.trim()}
            data-testid={`requirement-add-${department}`}
          >
            {t('projects.requirements.add')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function RequirementColumn({ project, department }: { project: Project; department: ProjectDepartment }) {
  const { t } = useTranslation();
  const me = useMe();
  const mayWrite = can(me, 'projects.requirements', { ownerIds: leadsOf(project), department });
  const items = project.requirements.filter((r) => r.department === department);
  return (
    <Stack
      gap="xs"
      component="section"
      aria-label={t('projects.requirements.columnLabel', { department: t(`department.${department}`) })}
      data-testid={`requirements-${department}`}
    >
      <Group gap={6}>
        <DepartmentBadge department={department} />
      </Group>
      {items.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('projects.requirements.empty')}
        </Text>
      ) : (
        <Stack gap={6} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {items.map((r) => (
            <RequirementRow key={`${r.id}-${r.updatedAt}`} project={project} requirement={r} mayWrite={mayWrite} />
          ))}
        </Stack>
      )}
      {mayWrite && isPlanOpen(project.stage) && <AddRequirement project={project} department={department} />}
    </Stack>
  );
}

/** The notice that the plan changed after sign-offs were given, until someone signs off again. */
function SignoffResetNotice({ project }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const audit = useProjectAudit(project.id);
  const reset = lastSignoffReset(audit.data?.items ?? []);
  if (!reset || !isPlanOpen(project.stage) || project.signoffs.length > 0) return null;
  return (
    <Alert
      color="orange"
      title={t('projects.signoffs.resetTitle')}
      icon={<IconRotate size={18} aria-hidden />}
      data-testid="signoff-reset-notice"
    >
      <Text size="sm">
        {t('projects.signoffs.reset', { date: formatDateTime(reset.at, i18n.language, me.timeZone) })}
      </Text>
      {reset.names.length > 0 && (
        <Text size="sm">{t('projects.signoffs.resetNames', { names: joinList(reset.names, i18n.language) })}</Text>
      )}
    </Alert>
  );
}

function SignoffPanel({ project }: { project: Project }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const sign = useSignoff(project.id);
  const withdraw = useWithdrawSignoff(project.id);
  const myDepartment = signoffDepartmentOf(me as PolicyActor);
  const mine = mySignoff(project, me.id);
  const planOpen = isPlanOpen(project.stage);
  const maySign = can(me, 'projects.signoff') && myDepartment !== null && planOpen;
  const onError = (e: unknown) => notifications.show({ color: 'red', message: projectErrorMessage(t, e) });
  return (
    <Stack gap="xs" component="section" aria-labelledby="project-signoffs-title">
      <Title order={3} size="h5" id="project-signoffs-title">
        {t('projects.signoffs.title')}
      </Title>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        {projectDepartments.map((d) => {
          const given = project.signoffs.filter((s) => s.department === d);
          return (
            <Group key={d} gap={6} align="flex-start" wrap="nowrap" data-testid={`signoffs-${d}`}>
              <DepartmentBadge department={d} size="sm" />
              {given.length === 0 ? (
                <Text size="sm" c="dimmed">
                  {t('projects.signoffs.none')}
                </Text>
              ) : (
                <Stack gap={0}>
                  {given.map((s) => (
                    <Text key={s.user.id} size="sm">
                      <IconCheck size={14} color="var(--mantine-color-teal-7)" aria-hidden />{' '}
                      {t('projects.signoffs.by', {
                        name: s.user.name,
                        date: formatDate(s.at, i18n.language, me.timeZone),
                      })}
                    </Text>
                  ))}
                </Stack>
              )}
            </Group>
          );
        })}
      </SimpleGrid>
      {maySign && (
        <Group gap="sm">
          {mine ? (
            <Button
              variant="default"
              size="sm"
              loading={withdraw.isPending}
              onClick={() =>
                withdraw.mutate(undefined, {
                  onSuccess: () => notifySuccess(t('projects.signoffs.withdrawn')),
                  onError,
                })
              }
              data-testid="signoff-withdraw"
            >
              {t('projects.signoffs.withdraw')}
            </Button>
          ) : (
            <Button
              color="teal"
              size="sm"
              leftSection={<IconCheck size={16} aria-hidden />}
              loading={sign.isPending}
              onClick={() =>
                sign.mutate(undefined, { onSuccess: () => notifySuccess(t('projects.signoffs.signed')), onError })
              }
              data-testid="signoff-button"
            >
              {t('projects.signoffs.signOff', { department: t(`department.${myDepartment}`) })}
            </Button>
          )}
          <Text size="xs" c="dimmed">
            {t('projects.signoffs.hint')}
          </Text>
        </Group>
      )}
      {planOpen && can(me, 'projects.create') && myDepartment === null && (
        <Text size="xs" c="dimmed">
          {t('projects.signoffs.noDepartment')}
        </Text>
      )}
    </Stack>
  );
}

/** Der Plan: requirements of marketing and sales side by side, the sign-offs, and what is still open. */
export function ProjectPlan({ project }: { project: Project }) {
  const { t } = useTranslation();
  const planOpen = isPlanOpen(project.stage);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="project-plan-title" data-testid="project-plan">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id="project-plan-title">
            {t('projects.plan.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {planOpen ? t('projects.plan.intro') : t('projects.plan.locked')}
          </Text>
        </div>
        <MissingLine project={project} />
        <SignoffResetNotice project={project} />
        <SimpleGrid cols={{ base: 1, md: 2 }} spacing="lg">
          {projectDepartments.map((d) => (
            <RequirementColumn key={d} project={project} department={d} />
          ))}
        </SimpleGrid>
        {planOpen && project.signoffs.length > 0 && (
          <Text size="xs" c="dimmed">
            {t('projects.requirements.resetHint')}
          </Text>
        )}
        <Divider />
        <SignoffPanel project={project} />
      </Stack>
    </Paper>
  );
}
