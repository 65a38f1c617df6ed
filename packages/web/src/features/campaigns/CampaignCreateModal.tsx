import { Modal, Stack } from '@mantine/core';
import { CreateCampaignInput } from '@nenner/shared';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/form/FormActions';
import { FormProblem } from '../../components/form/FormProblem';
import { useRecordForm } from '../../components/form/useRecordForm';
import { notifySuccess } from '../../components/notify';
import { useMe } from '../auth/useAuth';
import { CampaignFields } from './CampaignFields';
import { draftToCreateInput, emptyCampaignDraft } from './campaignForm';
import { useCreateCampaign } from './useCampaigns';

/** "Neue Aktion": every field at once; opens the campaign afterwards. */
export function CampaignCreateModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const create = useCreateCampaign();
  const form = useRecordForm({
    initialValues: emptyCampaignDraft(me),
    toInput: draftToCreateInput,
    schema: CreateCampaignInput,
    error: create.error,
  });
  return (
    <Modal opened onClose={onClose} title={t('campaigns.createTitle')} size="xl" centered>
      <form
        aria-label={t('campaigns.createTitle')}
        data-testid="campaign-create-form"
        onSubmit={form.onSubmit((input) =>
          create.mutate(input, {
            onSuccess: (c) => {
              notifySuccess(t('common.created'));
              onClose();
              void navigate({ to: '/campaigns/$campaignId', params: { campaignId: c.id } });
            },
          }),
        )}
      >
        <Stack>
          <CampaignFields form={form} />
          <FormProblem problem={form.problem} />
          <FormActions
            onCancel={onClose}
            submitLabel={t('common.create')}
            submitDisabled={!form.values.name.trim()}
            loading={create.isPending}
            data-testid="campaign-create-submit"
          />
        </Stack>
      </form>
    </Modal>
  );
}
