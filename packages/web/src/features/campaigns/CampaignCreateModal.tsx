import { Button, Group, Modal, Stack, Text } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { errorMessage, notifySuccess } from '../../components/notify';
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
  const [draft, setDraft] = useState(() => emptyCampaignDraft(me));
  const errors = isApiError(create.error) ? create.error.fieldErrors() : {};
  return (
    <Modal opened onClose={onClose} title={t('campaigns.createTitle')} size="xl" centered>
      <form
        aria-label={t('campaigns.createTitle')}
        data-testid="campaign-create-form"
        onSubmit={(e) => {
          e.preventDefault();
          create.mutate(draftToCreateInput(draft), {
            onSuccess: (c) => {
              notifySuccess(t('common.created'));
              onClose();
              void navigate({ to: '/campaigns/$campaignId', params: { campaignId: c.id } });
            },
          });
        }}
      >
        <Stack>
          <CampaignFields draft={draft} onChange={setDraft} errors={errors} disabled={false} />
          {create.isError && (
            <Text c="red" size="sm" role="alert">
              {errorMessage(t, create.error)}
            </Text>
          )}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button
              type="submit"
              loading={create.isPending}
              disabled={!draft.name.trim()}
              data-testid="campaign-create-submit"
            >
              {t('common.create')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
