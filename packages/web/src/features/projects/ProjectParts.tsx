import { Badge, type BadgeProps, Group, Text, Tooltip } from '@mantine/core';
import type { AccountPilot, PilotStatus, ProjectListItem, ProjectStage, UserRef } from '@nenner/shared';
import { IconFlask } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { missingText, openItemsOf } from './projectPlan';

export const stageColor: Record<ProjectStage, string> = {
  idea: 'gray',
  planning: 'blue',
  pilot: 'grape',
  rollout: 'teal',
  done: 'green',
  cancelled: 'red',
};

export function ProjectStageBadge({ stage, ...rest }: { stage: ProjectStage } & BadgeProps) {
  const { t } = useTranslation();
  return (
    <Badge color={stageColor[stage]} variant="light" data-testid="project-stage" {...rest}>
      {t(`projects.stage.${stage}`)}
    </Badge>
  );
}

/** „Marketing: Lena Vogt“ with the department's badge, or that nobody is named yet. */
export function LeadLine({ department, lead }: { department: 'marketing' | 'sales'; lead: UserRef | null }) {
  const { t } = useTranslation();
  return (
    <Group gap={6} wrap="nowrap">
      <DepartmentBadge department={department} size="xs" />
      <Text size="sm" c={lead ? undefined : 'dimmed'} data-testid={`project-${department}-lead`}>
        {lead ? lead.name : t('projects.noLead')}
      </Text>
    </Group>
  );
}

/** „Noch offen: Freigabe Vertrieb“ while the plan is written; „freigegeben“ once both are in. */
export function MissingLine({ project, size = 'sm' }: { project: ProjectListItem; size?: 'xs' | 'sm' }) {
  const { t, i18n } = useTranslation();
  const items = openItemsOf(project);
  if (project.stage !== 'idea' && project.stage !== 'planning') return null;
  return items.length > 0 ? (
    <Text size={size} c="orange" data-testid="project-missing">
      {missingText(t, items, i18n.language)}
    </Text>
  ) : (
    <Text size={size} c="teal" data-testid="project-missing">
      {t('projects.planAgreed')}
    </Text>
  );
}

/** „Pilotkunde“ on an account that runs a pilot, naming the project it runs in. */
export function PilotBadge({ pilot, withLink = false }: { pilot: AccountPilot; withLink?: boolean }) {
  const { t } = useTranslation();
  const badge = (
    <Badge
      color="grape"
      variant="light"
      size="sm"
      leftSection={<IconFlask size={12} aria-hidden />}
      data-testid="pilot-badge"
      style={withLink ? { cursor: 'pointer' } : undefined}
    >
      {t('projects.pilotBadge')}
    </Badge>
  );
  return (
    <Tooltip label={t('projects.pilotBadgeHint', { project: pilot.projectName })} multiline w={280} withArrow>
      {withLink ? (
        <Link
          to="/projects/$projectId"
          params={{ projectId: pilot.projectId }}
          aria-label={t('projects.pilotBadgeHint', { project: pilot.projectName })}
          style={{ textDecoration: 'none' }}
        >
          {badge}
        </Link>
      ) : (
        badge
      )}
    </Tooltip>
  );
}

const pilotStatusColor: Record<PilotStatus, string> = {
  proposed: 'yellow',
  active: 'grape',
  declined: 'gray',
  ended: 'teal',
};

export function PilotStatusBadge({ status }: { status: PilotStatus }) {
  const { t } = useTranslation();
  return (
    <Badge color={pilotStatusColor[status]} variant="light" size="sm" data-testid="pilot-status">
      {t(`projects.pilots.status.${status}`)}
    </Badge>
  );
}
