import { Alert, Button, Group, Paper, Rating, SimpleGrid, Skeleton, Stack, Text, Textarea, Title } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { can, type Pilot, type PolicyActor, type Project, projectLimits } from '@nenner/shared';
import { IconCheck, IconFlask, IconX } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { type FormEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AccountSelect } from '../../components/AccountSelect';
import { DateField } from '../../components/fields';
import { errorMessage, notifySuccess } from '../../components/notify';
import { formatDateTime, formatDay } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { PilotSummaryPanel } from './PilotSummaryPanel';
import { PilotStatusBadge } from './ProjectParts';
import { pilotActions } from './pilotFormat';
import { projectErrorMessage } from './projectErrors';
import { type PilotDecision, useAddPilotFeedback, useNominatePilot, usePilotDecision, usePilots } from './useProjects';

const leadIdsOf = (p: Project) => [p.marketingLead?.id, p.salesLead?.id].filter((x): x is string => Boolean(x));

/** Sales (or the account's owner) nominates an active pilot; marketing proposes one for them to confirm. */
function NominateForm({ project }: { project: Project }) {
  const { t } = useTranslation();
  const me = useMe();
  const nominate = useNominatePilot(project.id);
  const [accountId, setAccountId] = useState<string | null>(null);
  const [scope, setScope] = useState('');
  const [startsAt, setStartsAt] = useState('');
  const [endsAt, setEndsAt] = useState('');
  // sales and admins start a pilot at once; anyone else proposes (unless they own the account: the server knows)
  const direct = can(me, 'pilots.decide', { ownerId: null });
  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!accountId) return;
    nominate.mutate(
      { accountId, scope: scope.trim() || null, startsAt: startsAt || null, endsAt: endsAt || null },
      {
        onSuccess: (p) => {
          setAccountId(null);
          setScope('');
          setStartsAt('');
          setEndsAt('');
          notifySuccess(p.status === 'active' ? t('projects.pilots.nominated') : t('projects.pilots.proposedSaved'));
        },
      },
    );
  };
  const invalidEnd = startsAt !== '' && endsAt !== '' && endsAt < startsAt;
  return (
    <Paper withBorder p="md" bg="gray.0" component="form" onSubmit={submit} data-testid="pilot-nominate">
      <Stack gap="sm">
        <Text size="sm" fw={600}>
          {direct ? t('projects.pilots.nominate') : t('projects.pilots.propose')}
        </Text>
        <Text size="xs" c="dimmed">
          {direct ? t('projects.pilots.nominateHintActive') : t('projects.pilots.nominateHintProposed')}
        </Text>
        <AccountSelect value={accountId} onChange={(id) => setAccountId(id)} />
        <Textarea
          label={t('projects.pilots.scope')}
          placeholder={t('projects.pilots.scopePlaceholder')}
          value={scope}
          onChange={(e) => setScope(e.currentTarget.value)}
          autosize
          minRows={1}
          maxRows={4}
          maxLength={projectLimits.scopeMax}
          data-testid="pilot-scope"
        />
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <DateField label={t('projects.pilots.startsAt')} value={startsAt} onChange={setStartsAt} />
          <DateField
            label={t('projects.pilots.endsAt')}
            value={endsAt}
            onChange={setEndsAt}
            error={invalidEnd ? t('projects.pilots.endBeforeStart') : undefined}
          />
        </SimpleGrid>
        {nominate.isError && (
          <Text c="red" size="sm" role="alert">
            {projectErrorMessage(t, nominate.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button
            type="submit"
            disabled={!accountId || invalidEnd}
            loading={nominate.isPending}
            leftSection={<IconFlask size={16} aria-hidden />}
            data-testid="pilot-nominate-submit"
          >
            {direct ? t('projects.pilots.nominate') : t('projects.pilots.propose')}
          </Button>
        </Group>
      </Stack>
    </Paper>
  );
}

/** „Rückmeldung festhalten“: a rating from 1 to 5 and what the customer said. */
function FeedbackForm({ project, pilot }: { project: Project; pilot: Pilot }) {
  const { t } = useTranslation();
  const add = useAddPilotFeedback(project.id);
  const [rating, setRating] = useState(0);
  const [text, setText] = useState('');
  const [tried, setTried] = useState(false);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    setTried(true);
    if (rating < 1 || !text.trim()) return;
    add.mutate(
      { pilotId: pilot.id, body: { rating, text: text.trim() } },
      {
        onSuccess: () => {
          setRating(0);
          setText('');
          setTried(false);
          notifySuccess(t('projects.pilots.feedbackSaved'));
        },
      },
    );
  };
  return (
    <form onSubmit={submit} aria-label={t('projects.pilots.feedbackNew')} data-testid="pilot-feedback-form">
      <Stack gap="xs">
        <Text size="sm" fw={600}>
          {t('projects.pilots.feedbackNew')}
        </Text>
        <Stack gap={2}>
          <Text size="sm" component="span" id={`rating-${pilot.id}`}>
            {t('projects.pilots.feedbackRating')}
          </Text>
          <Rating
            value={rating}
            onChange={setRating}
            count={5}
            getSymbolLabel={(i) => t('projects.pilots.ratingValue', { rating: i })}
            aria-labelledby={`rating-${pilot.id}`}
            data-testid="pilot-feedback-rating"
          />
          {tried && rating < 1 && (
            <Text size="xs" c="red">
              {t('projects.pilots.ratingRequired')}
            </Text>
          )}
        </Stack>
        <Textarea
          label={t('projects.pilots.feedbackText')}
          value={text}
          onChange={(e) => setText(e.currentTarget.value)}
          autosize
          minRows={2}
          maxRows={6}
          maxLength={projectLimits.feedbackMax}
          error={tried && !text.trim() ? t('projects.pilots.textRequired') : undefined}
          data-testid="pilot-feedback-text"
        />
        {add.isError && (
          <Text c="red" size="sm" role="alert">
            {projectErrorMessage(t, add.error)}
          </Text>
        )}
        <Group justify="flex-end">
          <Button type="submit" variant="light" loading={add.isPending} data-testid="pilot-feedback-submit">
            {t('projects.pilots.feedbackAdd')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PilotCard({ project, pilot }: { project: Project; pilot: Pilot }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const decide = usePilotDecision(project.id);
  const actions = pilotActions(me as PolicyActor, pilot, leadIdsOf(project), project.stage);
  const run = (decision: PilotDecision, done: string) =>
    decide.mutate(
      { pilotId: pilot.id, decision },
      {
        onSuccess: () => notifySuccess(done),
        onError: (e) => notifications.show({ color: 'red', message: projectErrorMessage(t, e) }),
      },
    );
  const busy = (d: PilotDecision) => decide.isPending && decide.variables?.decision === d;
  return (
    <Paper withBorder p="md" component="article" aria-label={pilot.account.name} data-testid="pilot-card">
      <Stack gap="xs">
        <Group justify="space-between" align="flex-start">
          <Stack gap={0}>
            <Group gap="xs">
              <Link to="/accounts/$accountId" params={{ accountId: pilot.account.id }} className="nenner-link">
                <Text fw={600} component="span">
                  {pilot.account.name}
                </Text>
              </Link>
              <PilotStatusBadge status={pilot.status} />
            </Group>
            {pilot.account.owner && (
              <Text size="xs" c="dimmed">
                {t('projects.pilots.owner', { name: pilot.account.owner.name })}
              </Text>
            )}
          </Stack>
          <Group gap="xs">
            {actions.confirm && (
              <Button
                size="xs"
                color="teal"
                leftSection={<IconCheck size={14} aria-hidden />}
                loading={busy('confirm')}
                onClick={() => run('confirm', t('projects.pilots.confirmed'))}
                data-testid="pilot-confirm"
              >
                {t('projects.pilots.confirm')}
              </Button>
            )}
            {actions.decline && (
              <Button
                size="xs"
                variant="default"
                leftSection={<IconX size={14} aria-hidden />}
                loading={busy('decline')}
                onClick={() => run('decline', t('projects.pilots.declined'))}
                data-testid="pilot-decline"
              >
                {t('projects.pilots.decline')}
              </Button>
            )}
            {actions.end && (
              <Button
                size="xs"
                variant="subtle"
                loading={busy('end')}
                onClick={() => run('end', t('projects.pilots.ended'))}
                data-testid="pilot-end"
              >
                {t('projects.pilots.end')}
              </Button>
            )}
          </Group>
        </Group>
        {pilot.status === 'proposed' && (
          <Text size="sm" c="yellow">
            {t('projects.pilots.waiting')}
          </Text>
        )}
        {(pilot.startsAt || pilot.endsAt) && (
          <Text size="sm" c="dimmed">
            {t('projects.pilots.period', {
              from: pilot.startsAt ? formatDay(pilot.startsAt, lng) : t('projects.pilots.open'),
              to: pilot.endsAt ? formatDay(pilot.endsAt, lng) : t('projects.pilots.open'),
            })}
          </Text>
        )}
        {pilot.scope && (
          <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
            <Text span fw={600} size="sm">
              {t('projects.pilots.scope')}:
            </Text>{' '}
            {pilot.scope}
          </Text>
        )}
        <Group gap="md">
          {pilot.proposedBy && (
            <Text size="xs" c="dimmed">
              {t('projects.pilots.proposedBy', { name: pilot.proposedBy.name })}
            </Text>
          )}
          {pilot.decidedBy && pilot.decidedBy.id !== pilot.proposedBy?.id && (
            <Text size="xs" c="dimmed">
              {t('projects.pilots.decidedBy', { name: pilot.decidedBy.name })}
            </Text>
          )}
        </Group>
        <Stack gap={6}>
          <Text size="sm" fw={600}>
            {t('projects.pilots.feedback')}
          </Text>
          {pilot.feedback.length === 0 ? (
            <Text size="sm" c="dimmed">
              {t('projects.pilots.feedbackEmpty')}
            </Text>
          ) : (
            <Stack gap={6} component="ol" p={0} m={0} style={{ listStyle: 'none' }} data-testid="pilot-feedback-list">
              {pilot.feedback.map((f) => (
                <li key={f.id} data-testid="pilot-feedback">
                  <Group gap="xs">
                    <Rating value={f.rating} readOnly size="xs" aria-hidden />
                    <Text size="xs" c="dimmed">
                      {t('projects.pilots.ratingValue', { rating: f.rating })} ·{' '}
                      {t('projects.pilots.feedbackBy', {
                        name: f.author?.name ?? t('common.unknown'),
                        date: formatDateTime(f.at, lng, me.timeZone),
                      })}
                    </Text>
                  </Group>
                  <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                    {f.text}
                  </Text>
                </li>
              ))}
            </Stack>
          )}
        </Stack>
        {actions.feedback && <FeedbackForm project={project} pilot={pilot} />}
      </Stack>
    </Paper>
  );
}

/** Pilotkunden: nominate or propose accounts, decide on proposals, log feedback, and see the summary. */
export function ProjectPilots({ project }: { project: Project }) {
  const { t } = useTranslation();
  const me = useMe();
  const started = project.stage === 'pilot' || project.stage === 'rollout' || project.stage === 'done';
  const counted = Object.values(project.pilotCounts).some((n) => n > 0);
  const pilots = usePilots(project.id, started || counted);
  const mayNominate = project.stage === 'pilot' && can(me, 'pilots.nominate');
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="project-pilots-title" data-testid="project-pilots">
      <Stack gap="md">
        <div>
          <Title order={2} size="h4" id="project-pilots-title">
            {t('projects.pilots.title')}
          </Title>
          <Text size="sm" c="dimmed">
            {started || counted ? t('projects.pilots.intro') : t('projects.pilots.notYet')}
          </Text>
        </div>
        {(started || counted) && (
          <>
            {mayNominate && <NominateForm project={project} />}
            {pilots.isError ? (
              <Alert color="red" role="alert">
                {errorMessage(t, pilots.error)}
              </Alert>
            ) : pilots.isPending ? (
              <Skeleton h={120} />
            ) : pilots.data.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('projects.pilots.empty')}
              </Text>
            ) : (
              <>
                <PilotSummaryPanel projectId={project.id} />
                <Stack gap="sm">
                  {pilots.data.map((p) => (
                    <PilotCard key={p.id} project={project} pilot={p} />
                  ))}
                </Stack>
              </>
            )}
          </>
        )}
      </Stack>
    </Paper>
  );
}
