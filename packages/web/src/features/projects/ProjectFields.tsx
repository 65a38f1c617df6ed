import { Select, SimpleGrid, Stack, Switch, Text, Textarea, TextInput } from '@mantine/core';
import { projectLimits } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import type { RecordForm } from '../../components/form/useRecordForm';
import { useAllUsers } from '../settings/useUsers';
import { TeamSelect } from '../teams/TeamSelect';
import type { ProjectDraft } from './projectForm';

/** Picks the lead of one department: its active people (and whoever leads now). */
function LeadSelect({ form, department }: { form: RecordForm<ProjectDraft>; department: 'marketing' | 'sales' }) {
  const { t } = useTranslation();
  const users = useAllUsers();
  const key = department === 'marketing' ? 'marketingLeadId' : 'salesLeadId';
  const value = form.values[key];
  const data = (users.data?.items ?? [])
    .filter((u) => u.department === department && (u.active || u.id === value))
    .map((u) => ({ value: u.id, label: u.name }));
  return (
    <Select
      label={t(department === 'marketing' ? 'projects.marketingLead' : 'projects.salesLead')}
      data={data}
      value={value}
      onChange={(v) => form.setFieldValue(key, v)}
      searchable
      clearable
      placeholder={t('projects.noLead')}
      nothingFoundMessage={t('common.noResults')}
      error={form.fieldErrors[key]}
      disabled={form.disabled}
      data-testid={`project-${department}-lead-select`}
    />
  );
}

/** A project's own fields: name, goal, team and the two leads; `creating` adds where it starts. */
export function ProjectFields({ form, creating = false }: { form: RecordForm<ProjectDraft>; creating?: boolean }) {
  const { t } = useTranslation();
  return (
    <Stack>
      <TextInput
        label={t('projects.name')}
        placeholder={t('projects.namePlaceholder')}
        withAsterisk
        maxLength={projectLimits.nameMax}
        data-autofocus
        data-testid="project-name"
        {...form.field('name')}
      />
      <Textarea
        label={t('projects.goalStatement')}
        description={t('projects.goalStatementHint')}
        autosize
        minRows={2}
        maxRows={6}
        maxLength={projectLimits.goalStatementMax}
        data-testid="project-goal"
        {...form.field('goalStatement')}
      />
      <TeamSelect
        label={t('projects.team')}
        value={form.values.teamId}
        onChange={(v) => form.setFieldValue('teamId', v)}
        error={form.fieldErrors.teamId}
        disabled={form.disabled}
        placeholder={t('projects.noTeam')}
      />
      <Stack gap={4}>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <LeadSelect form={form} department="marketing" />
          <LeadSelect form={form} department="sales" />
        </SimpleGrid>
        <Text size="xs" c="dimmed">
          {t('projects.leadsHint')}
        </Text>
      </Stack>
      {creating && (
        <Switch
          label={t('projects.startInPlanning')}
          description={t('projects.startInPlanningHint')}
          data-testid="project-start-planning"
          {...form.checkbox('startInPlanning')}
        />
      )}
    </Stack>
  );
}
