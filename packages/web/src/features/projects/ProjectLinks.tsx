import { Button, Group, Modal, MultiSelect, Paper, Stack, Text, Title } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { can, contract, type Project, projectLimits } from '@nenner/shared';
import { IconLink } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { call } from '../../api/endpoints';
import { ConflictAlert } from '../../components/form/ConflictAlert';
import { FormActions } from '../../components/form/FormActions';
import { notifySuccess } from '../../components/notify';
import { useMe } from '../auth/useAuth';
import { projectErrorMessage } from './projectErrors';
import { changedLinks, type LinkIds, linkKinds, linksToIds } from './projectForm';
import { isClosed } from './projectPlan';
import { useUpdateProject } from './useProjects';

type Kind = keyof Project['links'];
type Ref = { id: string; name: string };

/** Up to 20 records of a kind matching the search, by name; goals have no search, so the first 200. */
const searchRecords = async (kind: Kind, q: string, signal: AbortSignal): Promise<Ref[]> => {
  const query = { ...(q && { q }), limit: 20 };
  if (kind === 'campaigns') return (await call(contract.listCampaigns, { query }, signal)).items;
  if (kind === 'deals') return (await call(contract.listDeals, { query }, signal)).items;
  if (kind === 'accounts') return (await call(contract.listAccounts, { query }, signal)).items;
  const goals = (await call(contract.listGoals, { query: { limit: 200 } }, signal)).items;
  return q ? goals.filter((g) => g.name.toLowerCase().includes(q.toLowerCase())) : goals;
};

/** Picks records of one kind by a server search; the picked ones keep their names while the search changes. */
function LinkPicker({
  kind,
  value,
  known,
  onChange,
}: {
  kind: Kind;
  value: string[];
  known: Ref[];
  onChange: (ids: string[]) => void;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [names, setNames] = useState<Map<string, string>>(new Map(known.map((r) => [r.id, r.name])));
  const results = useQuery({
    queryKey: [kind, 'project-link-picker', q],
    queryFn: ({ signal }) => searchRecords(kind, q, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const options = new Map(names);
  for (const r of results.data ?? []) options.set(r.id, r.name);
  return (
    <MultiSelect
      label={t(`projects.links.${kind}`)}
      placeholder={t('projects.links.searchPlaceholder')}
      data={[...options].map(([id, label]) => ({ value: id, label }))}
      value={value}
      onChange={(ids) => {
        setNames(new Map(ids.map((id) => [id, options.get(id) ?? id])));
        onChange(ids);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={t('common.noResults')}
      maxValues={projectLimits.linksPerKind}
      data-testid={`project-links-${kind}`}
    />
  );
}

function LinksEditModal({ project, onClose }: { project: Project; onClose: () => void }) {
  const { t } = useTranslation();
  const update = useUpdateProject(project.id);
  const initial = linksToIds(project.links);
  const [draft, setDraft] = useState<LinkIds>(initial);
  const changes = changedLinks(initial, draft);
  const dirty = Object.keys(changes).length > 0;
  const conflict = isApiError(update.error) && update.error.status === 412;
  return (
    <Modal opened onClose={onClose} title={t('projects.links.editTitle')} size="lg">
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!dirty) return onClose();
          update.mutate(
            { input: changes, version: project.version },
            {
              onSuccess: () => {
                notifySuccess(t('projects.links.saved'));
                onClose();
              },
            },
          );
        }}
      >
        <Stack>
          <Text size="sm" c="dimmed">
            {t('projects.links.hint')}
          </Text>
          {linkKinds.map(([kind, key]) => (
            <LinkPicker
              key={kind}
              kind={kind}
              known={project.links[kind]}
              value={draft[key]}
              onChange={(ids) => setDraft((d) => ({ ...d, [key]: ids }))}
            />
          ))}
          {conflict ? (
            <ConflictAlert onReload={onClose} />
          ) : (
            update.isError && (
              <Text c="red" size="sm" role="alert">
                {projectErrorMessage(t, update.error)}
              </Text>
            )
          )}
          <FormActions
            onCancel={onClose}
            submitLabel={t('common.save')}
            submitDisabled={!dirty || conflict}
            loading={update.isPending}
            data-testid="project-links-submit"
          />
        </Stack>
      </form>
    </Modal>
  );
}

function LinkedRecord({ kind, record }: { kind: Kind; record: Ref }) {
  const link = { className: 'nenner-link', children: record.name };
  if (kind === 'campaigns') return <Link to="/campaigns/$campaignId" params={{ campaignId: record.id }} {...link} />;
  if (kind === 'goals') return <Link to="/goals/$goalId" params={{ goalId: record.id }} {...link} />;
  if (kind === 'deals') return <Link to="/deals/$dealId" params={{ dealId: record.id }} {...link} />;
  return <Link to="/accounts/$accountId" params={{ accountId: record.id }} {...link} />;
}

/** What belongs to the project: its campaigns, goals, deals and accounts, each opening its page. */
export function ProjectLinks({ project }: { project: Project }) {
  const { t } = useTranslation();
  const me = useMe();
  const [editing, setEditing] = useState(false);
  const leads = [project.marketingLead?.id, project.salesLead?.id].filter((x): x is string => Boolean(x));
  const editable = can(me, 'projects.edit', { ownerIds: leads }) && !isClosed(project.stage);
  const any = linkKinds.some(([kind]) => project.links[kind].length > 0);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="project-links-title" data-testid="project-links">
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id="project-links-title">
          {t('projects.links.title')}
        </Title>
        {editable && (
          <Button
            variant="light"
            size="xs"
            leftSection={<IconLink size={14} aria-hidden />}
            onClick={() => setEditing(true)}
            data-testid="project-links-edit"
          >
            {t('projects.links.edit')}
          </Button>
        )}
      </Group>
      {!any ? (
        <Text size="sm" c="dimmed">
          {t('projects.links.none')}
        </Text>
      ) : (
        <Stack gap={6}>
          {linkKinds
            .filter(([kind]) => project.links[kind].length > 0)
            .map(([kind]) => (
              <Group key={kind} gap={6} align="baseline">
                <Text size="sm" fw={600} w={140}>
                  {t(`projects.links.${kind}`)}
                </Text>
                <Group gap="sm" style={{ flex: 1 }}>
                  {project.links[kind].map((r) => (
                    <Text key={r.id} component="span" size="sm">
                      <LinkedRecord kind={kind} record={r} />
                    </Text>
                  ))}
                </Group>
              </Group>
            ))}
        </Stack>
      )}
      {editing && <LinksEditModal key={project.version} project={project} onClose={() => setEditing(false)} />}
    </Paper>
  );
}
