import { Badge, Grid, Group, Stack, Text } from '@mantine/core';
import type { Campaign } from '@nenner/shared';
import { can, owned, UpdateCampaignInput } from '@nenner/shared';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { DeleteButton } from '../../components/DeleteButton';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { DetailHeader, Fact } from '../../components/DetailHeader';
import { DetailError, DetailSkeleton } from '../../components/DetailSkeleton';
import { notifyError, notifySuccess } from '../../components/notify';
import { RecordEditor } from '../../components/RecordEditor';
import { useMe } from '../auth/useAuth';
import { TeamLink } from '../teams/TeamLink';
import { Timeline } from '../timeline/Timeline';
import { CampaignCosts } from './CampaignCosts';
import { CampaignFields } from './CampaignFields';
import { CampaignKpis } from './CampaignKpis';
import { CampaignStatusBadge, CostVsBudget, campaignPeriod } from './CampaignList';
import { CampaignMembers } from './CampaignMembers';
import { campaignToDraft, draftToInput } from './campaignForm';
import { useCampaign, useDeleteCampaign, useUpdateCampaign } from './useCampaigns';

export function CampaignDetail({ id }: { id: string }) {
  const campaign = useCampaign(id);
  if (campaign.isPending) return <DetailSkeleton />;
  if (campaign.isError) return <DetailError error={campaign.error} />;
  return <CampaignView campaign={campaign.data} onReload={() => void campaign.refetch()} />;
}

/** Die Aktion: what it is, what it cost and brought, sales' verdict on its leads, its costs and members. */
function CampaignView({ campaign, onReload }: { campaign: Campaign; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const lng = i18n.language;
  const me = useMe();
  const navigate = useNavigate();
  const update = useUpdateCampaign(campaign.id);
  const remove = useDeleteCampaign(campaign.id);
  const editable = can(me, 'campaigns.manage', owned(campaign));
  const initial = campaignToDraft(campaign);
  return (
    <>
      <DetailHeader
        backTo="/campaigns"
        backLabel={t('campaigns.title')}
        title={campaign.name}
        facts={
          <>
            <CampaignStatusBadge status={campaign.status} />
            <Badge variant="outline" color="gray" size="sm" data-testid="campaign-channel-badge">
              {t(`campaigns.channelName.${campaign.channel}`)}
            </Badge>
            <Fact>{campaignPeriod(campaign, t, lng)}</Fact>
            <Fact>{campaign.owner?.name ?? t('common.noOwner')}</Fact>
            <DepartmentBadge department={campaign.department} size="sm" />
            {campaign.team && (
              <Fact>
                {t('teams.team')}: <TeamLink team={campaign.team} />
              </Fact>
            )}
            {campaign.utmKeys.length > 0 && (
              <Fact>
                {t('campaigns.utmFact')}: {campaign.utmKeys.join(', ')}
              </Fact>
            )}
          </>
        }
        actions={
          editable && (
            <DeleteButton
              name={campaign.name}
              loading={remove.isPending}
              onConfirm={() =>
                remove.mutate(campaign.version, {
                  onSuccess: () => {
                    notifySuccess(t('common.deleted'));
                    void navigate({ to: '/campaigns' });
                  },
                  onError: (e) => notifyError(t, e),
                })
              }
            />
          )
        }
      />
      <Group mb="lg" gap="xl" align="flex-start">
        <CostVsBudget campaign={campaign} />
        {campaign.description && (
          <Text size="sm" c="dimmed" maw={640} style={{ whiteSpace: 'pre-wrap' }}>
            {campaign.description}
          </Text>
        )}
      </Group>
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <CampaignKpis campaign={campaign} />
            <CampaignMembers campaign={campaign} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Stack gap="lg">
            <CampaignCosts campaign={campaign} />
            {editable && (
              <RecordEditor
                key={campaign.version}
                title={t('campaigns.editTitle')}
                initial={initial}
                version={campaign.version}
                readOnly={false}
                save={update}
                onReload={onReload}
                toInput={(changes) => draftToInput(changes, initial)}
                schema={UpdateCampaignInput}
              >
                {(form) => <CampaignFields form={form} />}
              </RecordEditor>
            )}
            <Timeline kind="campaigns" id={campaign.id} />
          </Stack>
        </Grid.Col>
      </Grid>
    </>
  );
}
