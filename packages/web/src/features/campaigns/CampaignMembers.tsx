import { Badge, Button, Chip, Group, Paper, Select, Stack, Text, Title } from '@mantine/core';
import {
  type Campaign,
  type CampaignMember,
  can,
  type MemberStatus,
  memberStatuses,
  memberStatusesByChannel,
  owned,
} from '@nenner/shared';
import { IconUserPlus } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../components/notify';
import { RecordTable } from '../../components/RecordTable';
import { formatDateTime, formatNumber } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { AddMembersModal } from './AddMembersModal';
import { useCampaignMembers, useCampaignResults, useUpdateMember } from './useCampaigns';

/** Members (Zielgruppe) by status; each member's status moves along the channel's steps. */
export function CampaignMembers({ campaign }: { campaign: Campaign }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const [status, setStatus] = useState('');
  const [adding, setAdding] = useState(false);
  const members = useCampaignMembers(campaign.id, (status || undefined) as MemberStatus | undefined);
  const results = useCampaignResults(campaign.id);
  const update = useUpdateMember(campaign.id);
  const editable = can(me, 'campaigns.manage', owned(campaign));
  const allowed = memberStatusesByChannel[campaign.channel];
  const counts = results.data?.members ?? {};
  // statuses of the channel, plus any a member still has from an earlier channel
  const shown = memberStatuses.filter((s) => allowed.includes(s) || (counts[s] ?? 0) > 0);
  const memberName = (m: CampaignMember) => `${m.firstName} ${m.lastName}`.trim() || m.email || t('contact.noName');
  const n = (x: number) => formatNumber(x, lng);
  return (
    <Paper withBorder p="lg" component="section" aria-labelledby="members-title">
      <Stack gap="sm">
        <Group justify="space-between">
          <div>
            <Title order={2} size="h4" id="members-title">
              {t('campaigns.members.title')}
            </Title>
            <Text size="sm" c="dimmed">
              {t('campaigns.members.count', { count: campaign.memberCount, n: n(campaign.memberCount) })}
            </Text>
          </div>
          {editable && (
            <Button
              variant="light"
              leftSection={<IconUserPlus size={16} aria-hidden />}
              onClick={() => setAdding(true)}
              data-testid="member-add"
            >
              {t('campaigns.members.add')}
            </Button>
          )}
        </Group>
        <fieldset aria-label={t('campaigns.members.statusFilter')} style={{ border: 0, margin: 0, padding: 0 }}>
          <Chip.Group multiple={false} value={status} onChange={setStatus}>
            <Group gap={6}>
              <Chip value="" size="xs">
                {t('common.all')} · {n(campaign.memberCount)}
              </Chip>
              {shown.map((s) => (
                <Chip key={s} value={s} size="xs">
                  {t(`campaigns.memberStatus.${s}`)} · {n(counts[s] ?? 0)}
                </Chip>
              ))}
            </Group>
          </Chip.Group>
        </fieldset>
        <RecordTable
          list={members}
          rowKey={(m) => m.contactId}
          minWidth={640}
          highlightOnHover={false}
          testId="member-table"
          skeletonRows={3}
          empty={status ? t('campaigns.members.noneWithStatus') : t('campaigns.members.empty')}
          columns={[
            {
              key: 'name',
              header: t('campaigns.members.name'),
              cell: (m) => (
                <>
                  <Link to="/contacts/$contactId" params={{ contactId: m.contactId }} className="nenner-link">
                    {memberName(m)}
                  </Link>
                  {m.email && (
                    <Text size="xs" c="dimmed">
                      {m.email}
                    </Text>
                  )}
                </>
              ),
            },
            { key: 'account', header: t('campaigns.members.account'), cell: (m) => m.accountName ?? '–' },
            {
              key: 'status',
              header: t('campaigns.status'),
              cell: (m) =>
                editable ? (
                  <Select
                    aria-label={t('campaigns.members.statusOf', { name: memberName(m) })}
                    data={(allowed.includes(m.status) ? allowed : [m.status, ...allowed]).map((s) => ({
                      value: s,
                      label: t(`campaigns.memberStatus.${s}`),
                    }))}
                    value={m.status}
                    onChange={(v) =>
                      v &&
                      v !== m.status &&
                      update.mutate(
                        { contactId: m.contactId, status: v as MemberStatus },
                        { onError: (e) => notifyError(t, e) },
                      )
                    }
                    allowDeselect={false}
                    size="xs"
                    w={170}
                  />
                ) : (
                  <Badge variant="light">{t(`campaigns.memberStatus.${m.status}`)}</Badge>
                ),
            },
            {
              key: 'responded',
              header: t('campaigns.members.respondedAt'),
              cell: (m) => (
                <Text size="sm">{m.respondedAt ? formatDateTime(m.respondedAt, lng, me.timeZone) : '–'}</Text>
              ),
            },
            {
              key: 'via',
              header: t('campaigns.members.addedVia'),
              cell: (m) => <Text size="sm">{t(`campaigns.addedVia.${m.addedVia}`)}</Text>,
            },
          ]}
        />
      </Stack>
      {adding && <AddMembersModal campaign={campaign} onClose={() => setAdding(false)} />}
    </Paper>
  );
}
