import { Group, Paper, Stack, Text } from '@mantine/core';
import type { ProjectListItem } from '@nenner/shared';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { formatNumber } from '../../i18n/format';
import { LeadLine, MissingLine, ProjectStageBadge } from './ProjectParts';

/** A project on the board: its team, both leads, and what the plan still needs (or how the pilot runs). */
export function ProjectCard({ project, withStage = false }: { project: ProjectListItem; withStage?: boolean }) {
  const { t, i18n } = useTranslation();
  const n = (x: number) => formatNumber(x, i18n.language);
  const { requirementCounts: reqs, pilotCounts: pilots } = project;
  return (
    <Paper
      component="article"
      withBorder
      p="sm"
      radius="md"
      shadow="xs"
      aria-label={project.name}
      data-testid="project-card"
      data-project-id={project.id}
    >
      <Stack gap={6}>
        <Group justify="space-between" wrap="nowrap" align="flex-start" gap={4}>
          <Link
            to="/projects/$projectId"
            params={{ projectId: project.id }}
            className="nenner-link"
            style={{ fontWeight: 600, fontSize: 14 }}
          >
            {project.name}
          </Link>
          {withStage && <ProjectStageBadge stage={project.stage} size="xs" />}
        </Group>
        <Text size="xs" c="dimmed" data-testid="project-team">
          {project.team ? project.team.name : t('projects.noTeam')}
        </Text>
        <Stack gap={2}>
          <LeadLine department="marketing" lead={project.marketingLead} />
          <LeadLine department="sales" lead={project.salesLead} />
        </Stack>
        <MissingLine project={project} size="xs" />
        {reqs.total > 0 && (
          <Text size="xs" c="dimmed">
            {t('projects.requirementsDone', { done: n(reqs.done), total: n(reqs.total) })}
          </Text>
        )}
        {pilots.active > 0 && (
          <Text size="xs" c="grape.8">
            {t('projects.activePilots', { count: pilots.active })}
          </Text>
        )}
        {pilots.proposed > 0 && (
          <Text size="xs" c="dimmed">
            {t('projects.proposedPilots', { count: pilots.proposed })}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}
