import { Alert, Button, Grid, Group, Menu, Paper, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useDisclosure } from '@mantine/hooks';
import { can, type Handoff } from '@nenner/shared';
import { IconArrowBackUp, IconCheck, IconChevronDown, IconPhone, IconUserShare } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { DetailHeader } from '../../components/DetailHeader';
import { DetailError, DetailSkeleton } from '../../components/DetailSkeleton';
import { notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime, formatSpan } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { Timeline } from '../timeline/Timeline';
import { HandoffStatusBadge, routingRuleLabel, ScoreBadge } from './HandoffBadges';
import { ReassignModal, RecycleModal, RejectModal } from './LeadModals';
import { RejectionFacts } from './ReturnedLeads';
import { ScoreBreakdown } from './ScoreBreakdown';
import { SlaCountdown } from './SlaCountdown';
import { type HandoffAction, useHandoff, useHandoffAction } from './useLeads';

export function LeadDetail({ id }: { id: string }) {
  const handoff = useHandoff(id);
  if (handoff.isPending) return <DetailSkeleton />;
  if (handoff.isError) return <DetailError error={handoff.error} />;
  return <LeadView handoff={handoff.data} />;
}

function FactRow({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <Text size="xs" c="dimmed">
        {label}
      </Text>
      <Text size="sm" component="div">
        {children}
      </Text>
    </div>
  );
}

function LeadActions({ handoff: h }: { handoff: Handoff }) {
  const { t } = useTranslation();
  const me = useMe();
  const act = useHandoffAction(h.id);
  const [rejecting, reject] = useDisclosure(false);
  const [reassigning, reassign] = useDisclosure(false);
  const [recycling, recycle] = useDisclosure(false);
  const canAnswer = can(me, 'handoffs.answer');
  const canRecycle = can(me, 'handoffs.recycle');
  const live = h.status === 'open' || h.status === 'accepted';
  const run = (a: HandoffAction, done: string) =>
    act.mutate(a, { onSuccess: () => notifySuccess(done), onError: (e) => notifyError(t, e) });
  if (!(canAnswer && live) && !(canRecycle && h.status === 'rejected')) return null;
  return (
    <Group gap="xs">
      {canAnswer && h.status === 'open' && (
        <Button
          leftSection={<IconCheck size={16} aria-hidden />}
          onClick={() => run({ action: 'accept' }, t('leads.accepted'))}
          loading={act.isPending && act.variables?.action === 'accept'}
        >
          {t('leads.accept')}
        </Button>
      )}
      {canAnswer && live && !h.firstTouchAt && (
        <Button
          variant="light"
          leftSection={<IconPhone size={16} aria-hidden />}
          onClick={() => run({ action: 'first-touch' }, t('leads.firstTouchLogged'))}
        >
          {t('leads.firstTouch')}
        </Button>
      )}
      {canAnswer && live && (
        <Menu position="bottom-end">
          <Menu.Target>
            <Button variant="light" color="green" rightSection={<IconChevronDown size={14} aria-hidden />}>
              {t('leads.convert')}
            </Button>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item onClick={() => run({ action: 'convert', body: { stage: 'sql' } }, t('leads.converted'))}>
              {t('leads.convertSql')}
            </Menu.Item>
            <Menu.Item onClick={() => run({ action: 'convert', body: { stage: 'opportunity' } }, t('leads.converted'))}>
              {t('leads.convertOpportunity')}
            </Menu.Item>
          </Menu.Dropdown>
        </Menu>
      )}
      {canAnswer && live && (
        <Button variant="default" leftSection={<IconUserShare size={16} aria-hidden />} onClick={reassign.open}>
          {t('leads.reassign')}
        </Button>
      )}
      {canAnswer && live && (
        <Button
          variant="outline"
          color="orange"
          leftSection={<IconArrowBackUp size={16} aria-hidden />}
          onClick={reject.open}
        >
          {t('leads.reject')}
        </Button>
      )}
      {canRecycle && h.status === 'rejected' && (
        <Button variant="light" onClick={recycle.open}>
          {t('leads.recycle')}
        </Button>
      )}
      {rejecting && <RejectModal handoff={h} opened onClose={reject.close} />}
      {reassigning && <ReassignModal handoff={h} opened onClose={reassign.close} />}
      {recycling && <RecycleModal handoff={h} opened onClose={recycle.close} />}
    </Group>
  );
}

function LeadView({ handoff: h }: { handoff: Handoff }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const at = (iso: string | null) => (iso ? formatDateTime(iso, i18n.language, me.timeZone) : '–');
  const live = h.status === 'open' || h.status === 'accepted';
  return (
    <>
      <DetailHeader
        backTo="/leads"
        backLabel={t('leads.title')}
        title={h.contact.name || h.contact.email || t('contact.noName')}
        facts={
          <>
            <HandoffStatusBadge handoff={h} />
            <ScoreBadge score={h.contact.score} />
            {h.contact.jobTitle && <Text size="sm">{h.contact.jobTitle}</Text>}
            {h.contact.accountId && h.contact.accountName && (
              <Link to="/accounts/$accountId" params={{ accountId: h.contact.accountId }} className="nenner-link">
                {h.contact.accountName}
              </Link>
            )}
            <Link to="/contacts/$contactId" params={{ contactId: h.contact.id }} className="nenner-link">
              {t('leads.openContact')}
            </Link>
          </>
        }
        actions={<LeadActions handoff={h} />}
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <Paper withBorder p="lg" component="section" aria-labelledby="handoff-facts">
              <Group justify="space-between" mb="md">
                <Title order={2} size="h4" id="handoff-facts">
                  {t('leads.facts')}
                </Title>
                {(live || h.respondedAt) && <SlaCountdown handoff={h} size="lg" />}
              </Group>
              {h.breached && !h.respondedAt && (
                <Alert color="red" mb="md" role="status">
                  {t('leads.breachedHint')}
                </Alert>
              )}
              <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }} spacing="md">
                <FactRow label={t('leads.qualifiedAt')}>{at(h.qualifiedAt)}</FactRow>
                <FactRow label={t('leads.qualifiedBy')}>
                  {h.qualifiedBy ? h.qualifiedBy.name : t(`leads.qualifiedReason.${h.qualifiedReason}`)}
                </FactRow>
                <FactRow label={t('leads.assignee')}>
                  {h.assignee ? (
                    <Group gap={4}>
                      {h.assignee.name}
                      <DepartmentBadge department={h.assignee.department} size="xs" />
                    </Group>
                  ) : (
                    t('leads.unassigned')
                  )}
                </FactRow>
                <FactRow label={t('leads.routingRule')}>{routingRuleLabel(t, h.routingRule)}</FactRow>
                <FactRow label={t('leads.slaDueAt')}>{at(h.slaDueAt)}</FactRow>
                <FactRow label={t('leads.responseTime')}>
                  {h.respondedAt
                    ? formatSpan(Date.parse(h.respondedAt) - Date.parse(h.qualifiedAt), i18n.language)
                    : t('leads.notYet')}
                </FactRow>
                {h.acceptedAt && <FactRow label={t('leads.acceptedAt')}>{at(h.acceptedAt)}</FactRow>}
                {h.firstTouchAt && <FactRow label={t('leads.firstTouchAt')}>{at(h.firstTouchAt)}</FactRow>}
                {h.convertedAt && (
                  <FactRow label={t('leads.convertedAt')}>
                    {at(h.convertedAt)} · {t(`stage.${h.convertedStage ?? 'sql'}`)}
                  </FactRow>
                )}
                {h.rejectedAt && <FactRow label={t('leads.rejectedAt')}>{at(h.rejectedAt)}</FactRow>}
                {h.recycledAt && <FactRow label={t('leads.recycledAt')}>{at(h.recycledAt)}</FactRow>}
                {(h.source || h.utmCampaign) && (
                  <FactRow label={t('leads.sourceCampaign')}>
                    {[h.source, h.utmCampaign].filter(Boolean).join(' · ')}
                  </FactRow>
                )}
              </SimpleGrid>
              {h.rejectReason && (
                <Paper bg="orange.0" p="sm" mt="md">
                  <RejectionFacts handoff={h} />
                </Paper>
              )}
              {h.recycleNote && (
                <Paper bg="grape.0" p="sm" mt="md">
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    <Text span fw={600}>
                      {t('leads.recycleNote')}:
                    </Text>{' '}
                    {h.recycleNote}
                  </Text>
                </Paper>
              )}
            </Paper>
            <Paper withBorder p="lg" component="section" aria-labelledby="score-title">
              <Title order={2} size="h4" id="score-title" mb="sm">
                {t('leads.scoreTitle')}
              </Title>
              <ScoreBreakdown
                contactId={h.contact.id}
                subject={{ jobTitle: h.contact.jobTitle }}
                shownScore={h.contact.score}
              />
            </Paper>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Timeline kind="contacts" id={h.contact.id} />
        </Grid.Col>
      </Grid>
    </>
  );
}
