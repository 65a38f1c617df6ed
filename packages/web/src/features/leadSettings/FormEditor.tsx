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
import { CreateFormInput, type Form, UpdateFormInput } from '@nenner/shared';
import { IconCopy, IconExternalLink } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { FormActions } from '../../components/form/FormActions';
import { useRecordForm, validationProblem } from '../../components/form/useRecordForm';
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
  const save = useSaveForm();
  const draft = useRecordForm({
    initialValues: toDraft(form),
    toInput: (d: FormDraft) => toInput(d, form),
    schema: form ? UpdateFormInput : CreateFormInput,
    error: save.error,
  });
  const d = draft.values;
  const errors = draft.fieldErrors;
  const setField = (k: FieldKey, patch: Partial<FormDraft['fields'][FieldKey]>) =>
    draft.setFieldValue('fields', { ...d.fields, [k]: { ...d.fields[k], ...patch } });
  const submit = (input: object) =>
    save.mutate(
      { form, input },
      {
        onSuccess: () => {
          notifySuccess(t('common.saved'));
          onClose();
        },
        onError: (e) => notifyError(t, e),
      },
    );
  return (
    <Modal opened onClose={onClose} size="xl" title={form ? t('forms.editTitle', { name: form.name }) : t('forms.new')}>
      <form onSubmit={draft.onSubmit(submit, (invalid) => notifyError(t, validationProblem(invalid)))}>
        <Stack>
          <Group grow align="flex-start">
            <TextInput label={t('forms.name')} required data-autofocus {...draft.field('name')} />
            <TextInput
              label={t('forms.slug')}
              description={t('forms.slugHint')}
              required
              {...draft.field('slug')}
              onChange={(e) => draft.setFieldValue('slug', e.currentTarget.value.toLowerCase())}
            />
          </Group>
          <FormFieldsEditor fields={d.fields} onChange={setField} error={errors.fields} />
          <Switch label={t('forms.consent')} {...draft.checkbox('consentEnabled')} />
          {d.consentEnabled && (
            <>
              <Textarea
                label={t('forms.consentText')}
                autosize
                minRows={2}
                required
                {...draft.field('consentText')}
                error={errors.consent ?? errors['consent.text']}
              />
              <Group>
                <Checkbox label={t('forms.consentRequired')} {...draft.checkbox('consentRequired')} />
                <Switch label={t('forms.doubleOptIn')} {...draft.checkbox('doubleOptIn')} />
              </Group>
            </>
          )}
          <CampaignPicker {...draft.field('campaignId')} />
          <TextInput
            label={t('forms.campaignKey')}
            description={t('forms.campaignKeyHint')}
            {...draft.field('campaignKey')}
          />
          <SegmentedControl
            value={d.after}
            onChange={(v) => draft.setFieldValue('after', v === 'redirect' ? 'redirect' : 'message')}
            data={[
              { value: 'message', label: t('forms.afterMessage') },
              { value: 'redirect', label: t('forms.afterRedirect') },
            ]}
            w="fit-content"
          />
          {d.after === 'message' ? (
            <Textarea label={t('forms.thankYou')} autosize minRows={2} {...draft.field('thankYouMessage')} />
          ) : (
            <TextInput
              label={t('forms.redirectUrl')}
              description={t('forms.redirectHint')}
              type="url"
              {...draft.field('redirectUrl')}
            />
          )}
          <Switch label={t('forms.active')} {...draft.checkbox('active')} />
          {form && <Snippet form={form} />}
          <FormActions onCancel={onClose} submitLabel={t('common.save')} loading={save.isPending} />
        </Stack>
      </form>
    </Modal>
  );
}
