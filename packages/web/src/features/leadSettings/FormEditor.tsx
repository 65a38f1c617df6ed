import {
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  SegmentedControl,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import type { Form } from '@nenner/shared';
import { IconCopy, IconExternalLink } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { notifyError, notifySuccess } from '../../components/notify';
import { CampaignPicker } from '../campaigns/CampaignPicker';
import { FormFieldsEditor } from './FormFieldsEditor';
import { type FieldKey, type FormDraft, toDraft, toInput } from './formDraft';
import { useSaveForm } from './useSettings';

/** Where the form lives: its hosted page and the HTML to embed it elsewhere. */
function Snippet({ form }: { form: Form }) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Group gap="xs">
        <Text size="sm" fw={600}>
          {t('forms.hostedPage')}:
        </Text>
        <a href={form.url} target="_blank" rel="noreferrer" className="nenner-link">
          {form.url} <IconExternalLink size={12} aria-hidden />
        </a>
      </Group>
      <Group justify="space-between">
        <Text size="sm" fw={600}>
          {t('forms.embed')}
        </Text>
        <CopyButton value={form.embedHtml}>
          {({ copied, copy }) => (
            <Button size="compact-xs" variant="light" leftSection={<IconCopy size={12} aria-hidden />} onClick={copy}>
              {copied ? t('common.copied') : t('forms.copySnippet')}
            </Button>
          )}
        </CopyButton>
      </Group>
      <Code block style={{ whiteSpace: 'pre-wrap', wordBreak: 'break-all' }}>
        {form.embedHtml}
      </Code>
    </Stack>
  );
}

/** Creates or edits one public lead-capture form in a modal. */
export function FormEditor({ form, onClose }: { form: Form | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState(() => toDraft(form));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useSaveForm();
  const set = (patch: Partial<FormDraft>) => setD((x) => ({ ...x, ...patch }));
  const setField = (k: FieldKey, patch: Partial<FormDraft['fields'][FieldKey]>) =>
    setD((x) => ({ ...x, fields: { ...x.fields, [k]: { ...x.fields[k], ...patch } } }));
  const submit = () =>
    save.mutate(
      { form, input: toInput(d, form) },
      {
        onSuccess: () => {
          notifySuccess(t('common.saved'));
          onClose();
        },
        onError: (e) => {
          if (isApiError(e)) setErrors(e.fieldErrors());
          notifyError(t, e);
        },
      },
    );
  return (
    <Modal opened onClose={onClose} size="xl" title={form ? t('forms.editTitle', { name: form.name }) : t('forms.new')}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <Group grow align="flex-start">
            <TextInput
              label={t('forms.name')}
              value={d.name}
              onChange={(e) => set({ name: e.currentTarget.value })}
              required
              error={errors.name}
              data-autofocus
            />
            <TextInput
              label={t('forms.slug')}
              description={t('forms.slugHint')}
              value={d.slug}
              onChange={(e) => set({ slug: e.currentTarget.value.toLowerCase() })}
              required
              error={errors.slug}
            />
          </Group>
          <FormFieldsEditor fields={d.fields} onChange={setField} error={errors.fields} />
          <Switch
            label={t('forms.consent')}
            checked={d.consentEnabled}
            onChange={(e) => set({ consentEnabled: e.currentTarget.checked })}
          />
          {d.consentEnabled && (
            <>
              <Textarea
                label={t('forms.consentText')}
                value={d.consentText}
                onChange={(e) => set({ consentText: e.currentTarget.value })}
                autosize
                minRows={2}
                required
                error={errors.consent ?? errors['consent.text']}
              />
              <Group>
                <Checkbox
                  label={t('forms.consentRequired')}
                  checked={d.consentRequired}
                  onChange={(e) => set({ consentRequired: e.currentTarget.checked })}
                />
                <Switch
                  label={t('forms.doubleOptIn')}
                  checked={d.doubleOptIn}
                  onChange={(e) => set({ doubleOptIn: e.currentTarget.checked })}
                />
              </Group>
            </>
          )}
          <CampaignPicker
            value={d.campaignId}
            onChange={(campaignId) => set({ campaignId })}
            error={errors.campaignId}
          />
          <TextInput
            label={t('forms.campaignKey')}
            description={t('forms.campaignKeyHint')}
            value={d.campaignKey}
            onChange={(e) => set({ campaignKey: e.currentTarget.value })}
          />
          <SegmentedControl
            value={d.after}
            onChange={(v) => set({ after: v === 'redirect' ? 'redirect' : 'message' })}
            data={[
              { value: 'message', label: t('forms.afterMessage') },
              { value: 'redirect', label: t('forms.afterRedirect') },
            ]}
            w="fit-content"
          />
          {d.after === 'message' ? (
            <Textarea
              label={t('forms.thankYou')}
              value={d.thankYouMessage}
              onChange={(e) => set({ thankYouMessage: e.currentTarget.value })}
              autosize
              minRows={2}
            />
          ) : (
            <TextInput
              label={t('forms.redirectUrl')}
              description={t('forms.redirectHint')}
              value={d.redirectUrl}
              onChange={(e) => set({ redirectUrl: e.currentTarget.value })}
              error={errors.redirectUrl}
              type="url"
            />
          )}
          <Switch
            label={t('forms.active')}
            checked={d.active}
            onChange={(e) => set({ active: e.currentTarget.checked })}
          />
          {form && <Snippet form={form} />}
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={save.isPending}>
              {t('common.save')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
