import {
  Accordion,
  Alert,
  Box,
  Button,
  Group,
  Paper,
  ScrollArea,
  Select,
  SimpleGrid,
  Skeleton,
  Stack,
  Text,
} from '@mantine/core';
import { can } from '@nenner/shared';
import { IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { FilterBar, PageHeader } from '../../components/ListControls';
import { errorMessage } from '../../components/notify';
import { formatNumber } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { useTeams } from '../deals/useDeals';
import { useAllUsers } from '../settings/useUsers';
import { ProjectCard } from './ProjectCard';
import { ProjectCreateModal } from './ProjectCreateModal';
import { stageColor } from './ProjectParts';
import {
  type BoardStage,
  boardQuery,
  emptyBoardFilter,
  groupByStage,
  leadChoices,
  matchesBoardFilter,
  type ProjectBoardFilter,
} from './projectBoard';
import { type ProjectListQuery, useProjectBoard } from './useProjects';

function BoardFilters({ value, onChange }: { value: ProjectBoardFilter; onChange: (f: ProjectBoardFilter) => void }) {
  const { t } = useTranslation();
  const teams = useTeams();
  const users = useAllUsers();
  return (
    <FilterBar
      active={Boolean(value.teamId || value.leadId)}
      count={[value.teamId, value.leadId].filter(Boolean).length}
      onClear={() => onChange(emptyBoardFilter)}
    >
      <Select
        label={t('projects.team')}
        data={[
          { value: '', label: t('projects.allTeams') },
          ...(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name })),
        ]}
        value={value.teamId}
        onChange={(v) => onChange({ ...value, teamId: v ?? '' })}
        allowDeselect={false}
        searchable
        w={{ base: '100%', sm: 220 }}
        data-testid="project-filter-team"
      />
      <Select
        label={t('projects.lead')}
        data={[
          { value: '', label: t('projects.allLeads') },
          ...leadChoices(users.data?.items ?? [], value.leadId).map((g) => ({
            group: t(`department.${g.department}`),
            items: g.users.map((u) => ({ value: u.id, label: u.name })),
          })),
        ]}
        value={value.leadId}
        onChange={(v) => onChange({ ...value, leadId: v ?? '' })}
        allowDeselect={false}
        searchable
        w={{ base: '100%', sm: 240 }}
        data-testid="project-filter-lead"
      />
    </FilterBar>
  );
}

function StageColumn({
  stage,
  projects,
}: {
  stage: BoardStage;
  projects: Parameters<typeof ProjectCard>[0]['project'][];
}) {
  const { t, i18n } = useTranslation();
  const name = t(`projects.stage.${stage}`);
  return (
    <Paper
      component="section"
      aria-label={name}
      data-testid="project-column"
      data-stage={stage}
      withBorder
      p="xs"
      bg="gray.1"
      style={{ flex: '1 0 220px', minWidth: 220, display: 'flex', flexDirection: 'column' }}
    >
      <Group justify="space-between" gap={4} mb="xs" px={4}>
        <Group gap={6}>
          <Box w={8} h={8} bg={`${stageColor[stage]}.5`} style={{ borderRadius: 8 }} aria-hidden />
          <Text fw={700} size="sm" component="h2" m={0}>
            {name}
          </Text>
        </Group>
        <Text size="xs" c="dimmed">
          {formatNumber(projects.length, i18n.language)}
        </Text>
      </Group>
      <Stack gap="xs" style={{ minHeight: 80, flex: 1 }}>
        {projects.map((p) => (
          <ProjectCard key={p.id} project={p} />
        ))}
        {projects.length === 0 && (
          <Text size="xs" c="dimmed" ta="center" mt="md">
            {t('projects.columnEmpty')}
          </Text>
        )}
      </Stack>
    </Paper>
  );
}

/** Projekte: every joint project on a board by stage, filterable by team and by a department lead. */
export function ProjectBoard() {
  const { t } = useTranslation();
  const me = useMe();
  const [filter, setFilter] = useState<ProjectBoardFilter>(emptyBoardFilter);
  const [creating, setCreating] = useState(false);
  const list = useProjectBoard(boardQuery(filter) as ProjectListQuery);
  // while a changed filter loads, the last answer stays: only its matching projects show
  const rows = list.rows.filter((p) => matchesBoardFilter(p, filter));
  const { columns, cancelled } = groupByStage(rows);
  const filtered = Boolean(filter.teamId || filter.leadId);
  return (
    <>
      <PageHeader title={t('projects.title')}>
        {can(me, 'projects.create') && (
          <Button
            leftSection={<IconPlus size={16} aria-hidden />}
            onClick={() => setCreating(true)}
            data-testid="project-new"
          >
            {t('projects.new')}
          </Button>
        )}
      </PageHeader>
      <Text size="sm" c="dimmed" mb="md" maw={760}>
        {t('projects.intro')}
      </Text>
      <BoardFilters value={filter} onChange={setFilter} />
      {list.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(t, list.error)}
        </Alert>
      ) : list.isPending ? (
        <Group align="flex-start" wrap="nowrap">
          {Array.from({ length: 5 }, (_, i) => (
            <Skeleton key={i} h={320} w={270} />
          ))}
        </Group>
      ) : (
        <Stack gap="md">
          {rows.length === 0 && (
            <Text c="dimmed" size="sm" data-testid="project-board-empty">
              {filtered ? t('common.noResults') : t('projects.empty')}
            </Text>
          )}
          <ScrollArea type="auto" offsetScrollbars>
            <Group align="stretch" wrap="nowrap" gap="sm" aria-label={t('projects.boardLabel')} role="group">
              {columns.map((c) => (
                <StageColumn key={c.stage} stage={c.stage} projects={c.projects} />
              ))}
            </Group>
          </ScrollArea>
          {list.hasNextPage && (
            <Group justify="center">
              <Button variant="light" onClick={list.loadMore} loading={list.isFetchingNextPage}>
                {t('common.loadMore')}
              </Button>
            </Group>
          )}
          {cancelled.length > 0 && (
            <Accordion variant="contained" data-testid="project-cancelled">
              <Accordion.Item value="cancelled">
                <Accordion.Control>{t('projects.cancelledFolded', { count: cancelled.length })}</Accordion.Control>
                <Accordion.Panel>
                  <SimpleGrid cols={{ base: 1, sm: 2, lg: 4 }}>
                    {cancelled.map((p) => (
                      <ProjectCard key={p.id} project={p} />
                    ))}
                  </SimpleGrid>
                </Accordion.Panel>
              </Accordion.Item>
            </Accordion>
          )}
        </Stack>
      )}
      {creating && <ProjectCreateModal onClose={() => setCreating(false)} />}
    </>
  );
}
