import {
  Alert,
  Badge,
  Button,
  Checkbox,
  Code,
  CopyButton,
  Group,
  Modal,
  Paper,
  SegmentedControl,
  Stack,
  Switch,
  Table,
  TagsInput,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { type Form, formFieldKeys } from '@nenner/shared';
import { IconCopy, IconExternalLink, IconPlus } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../api/client';
import { EmptyState } from '../../components/EmptyState';
import { errorMessage, notifyError, notifySuccess } from '../../components/notify';
import { TableSkeleton } from '../../components/TableSkeleton';
import { formatNumber } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { CampaignPicker } from '../campaigns/CampaignPicker';
import { useForms, useSaveForm, useSetting } from './useSettings';

type FieldKey = (typeof formFieldKeys)[number];

interface Draft {
  name: string;
  slug: string;
  fields: Record<FieldKey, { on: boolean; required: boolean }>;
  consentEnabled: boolean;
  consentText: string;
  consentRequired: boolean;
  doubleOptIn: boolean;
  campaignKey: string;
  campaignId: string | null;
  after: 'message' | 'redirect';
  thankYouMessage: string;
  redirectUrl: string;
  active: boolean;
}

const toDraft = (f: Form | null): Draft => {
  const fields = Object.fromEntries(
    formFieldKeys.map((k) => {
      const hit = f?.fields.find((x) => x.key === k);
      const fresh = !f && (k === 'email' || k === 'firstName' || k === 'lastName' || k === 'company');
      return [k, { on: Boolean(hit) || fresh || k === 'email', required: k === 'email' || Boolean(hit?.required) }];
    }),
  ) as Draft['fields'];
  return {
    name: f?.name ?? '',
    slug: f?.slug ?? '',
    fields,
    consentEnabled: f?.consent.enabled ?? true,
    consentText: f?.consent.text ?? '',
    consentRequired: f?.consent.required ?? true,
    doubleOptIn: f?.doubleOptIn ?? false,
    campaignKey: f?.campaignKey ?? '',
    campaignId: linkedCampaign(f),
    after: f?.redirectUrl ? 'redirect' : 'message',
    thankYouMessage: f?.thankYouMessage ?? '',
    redirectUrl: f?.redirectUrl ?? '',
    active: f?.active ?? true,
  };
};

/** The form's campaign (optional in the schema while forms without one exist). */
const linkedCampaign = (f: Form | null): string | null =>
  (f as { campaignId?: string | null } | null)?.campaignId ?? null;

const toInput = (d: Draft, f: Form | null) => ({
  name: d.name.trim(),
  slug: d.slug.trim(),
  fields: formFieldKeys.filter((k) => d.fields[k].on).map((k) => ({ key: k, required: d.fields[k].required })),
  consent: { enabled: d.consentEnabled, text: d.consentText.trim(), required: d.consentRequired },
  doubleOptIn: d.doubleOptIn,
  campaignKey: d.campaignKey.trim() || null,
  // only sent when it changed, so forms without a campaign save as before
  ...(d.campaignId !== linkedCampaign(f) && { campaignId: d.campaignId }),
  thankYouMessage: d.after === 'message' ? d.thankYouMessage.trim() || null : null,
  redirectUrl: d.after === 'redirect' ? d.redirectUrl.trim() || null : null,
  active: d.active,
});

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

function FormEditor({ form, onClose }: { form: Form | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [d, setD] = useState(() => toDraft(form));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const save = useSaveForm();
  const set = (patch: Partial<Draft>) => setD((x) => ({ ...x, ...patch }));
  const setField = (k: FieldKey, patch: Partial<Draft['fields'][FieldKey]>) =>
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
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <Text component="legend" size="sm" fw={500} mb={4}>
              {t('forms.fields')}
            </Text>
            <Table withRowBorders={false} verticalSpacing={2}>
              <Table.Tbody>
                {formFieldKeys.map((k) => (
                  <Table.Tr key={k}>
                    <Table.Td>
                      <Checkbox
                        label={t(`forms.field.${k}`)}
                        checked={d.fields[k].on}
                        disabled={k === 'email'}
                        onChange={(e) =>
                          setField(k, {
                            on: e.currentTarget.checked,
                            required: e.currentTarget.checked && d.fields[k].required,
                          })
                        }
                      />
                    </Table.Td>
                    <Table.Td>
                      <Checkbox
                        label={t('forms.required')}
                        aria-label={`${t('forms.required')}: ${t(`forms.field.${k}`)}`}
                        checked={d.fields[k].required}
                        disabled={k === 'email' || !d.fields[k].on}
                        onChange={(e) => setField(k, { required: e.currentTarget.checked })}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            {errors.fields && (
              <Text c="red" size="xs">
                {errors.fields}
              </Text>
            )}
          </fieldset>
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

function RedirectHosts({ canEdit }: { canEdit: boolean }) {
  const { t } = useTranslation();
  const { query, save } = useSetting<{ redirectHosts: string[] }>('forms');
  const [hosts, setHosts] = useState<string[] | null>(null);
  const value = hosts ?? query.data?.value.redirectHosts ?? [];
  return (
    <Paper withBorder p="md">
      <Title order={3} size="h5" mb={4}>
        {t('forms.allowList')}
      </Title>
      <Text size="sm" c="dimmed" mb="sm">
        {t('forms.allowListIntro')}
      </Text>
      <Group align="flex-end">
        <TagsInput
          aria-label={t('forms.allowList')}
          placeholder={t('forms.hostPlaceholder')}
          value={value}
          onChange={setHosts}
          disabled={!canEdit}
          style={{ flex: 1 }}
        />
        {canEdit && (
          <Button
            disabled={hosts === null || !query.data}
            loading={save.isPending}
            onClick={() =>
              query.data &&
              save.mutate(
                { value: { redirectHosts: value }, version: query.data.version },
                {
                  onSuccess: () => {
                    setHosts(null);
                    notifySuccess(t('common.saved'));
                  },
                  onError: (e) => notifyError(t, e),
                },
              )
            }
          >
            {t('common.save')}
          </Button>
        )}
      </Group>
    </Paper>
  );
}

/** Marketing builds public lead-capture forms; everyone sees them and their hosted pages. */
export function FormSettings() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const forms = useForms();
  const [editing, setEditing] = useState<Form | null | 'new'>(null);
  const canEdit = me.role === 'admin' || (me.department === 'marketing' && me.role !== 'viewer');
  const items = forms.data?.items ?? [];
  return (
    <Stack>
      <Group justify="space-between">
        <Text size="sm" c="dimmed">
          {t('forms.intro')}
        </Text>
        {canEdit && (
          <Button leftSection={<IconPlus size={16} aria-hidden />} onClick={() => setEditing('new')}>
            {t('forms.new')}
          </Button>
        )}
      </Group>
      {!canEdit && <Alert color="gray">{t('forms.marketingEdits')}</Alert>}
      <Paper withBorder p="md">
        {forms.isError ? (
          <Alert color="red">{errorMessage(t, forms.error)}</Alert>
        ) : forms.isPending ? (
          <TableSkeleton rows={3} />
        ) : items.length === 0 ? (
          <EmptyState>{t('forms.empty')}</EmptyState>
        ) : (
          <Table.ScrollContainer minWidth={700}>
            <Table verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('forms.name')}</Table.Th>
                  <Table.Th>{t('forms.hostedPage')}</Table.Th>
                  <Table.Th ta="right">{t('forms.submissions')}</Table.Th>
                  <Table.Th>{t('settings.status')}</Table.Th>
                  <Table.Th />
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {items.map((f) => (
                  <Table.Tr key={f.id}>
                    <Table.Td fw={500}>{f.name}</Table.Td>
                    <Table.Td>
                      <a href={f.url} target="_blank" rel="noreferrer" className="nenner-link">
                        /f/{f.slug}
                      </a>
                    </Table.Td>
                    <Table.Td ta="right">{formatNumber(f.submissions, i18n.language)}</Table.Td>
                    <Table.Td>
                      <Badge color={f.active ? 'teal' : 'gray'} variant="light">
                        {f.active ? t('settings.active') : t('settings.inactive')}
                      </Badge>
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="subtle"
                        onClick={() => setEditing(f)}
                        aria-label={t('forms.editTitle', { name: f.name })}
                      >
                        {canEdit ? t('common.edit') : t('forms.show')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Table.ScrollContainer>
        )}
      </Paper>
      <RedirectHosts canEdit={canEdit} />
      {editing && <FormEditor form={editing === 'new' ? null : editing} onClose={() => setEditing(null)} />}
    </Stack>
  );
}
