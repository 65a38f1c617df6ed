import { NumberInput, Select, SimpleGrid, Stack, TagsInput, Textarea, TextInput } from '@mantine/core';
import { campaignChannels, campaignStatuses, departments } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { UserSelect } from '../../components/UserSelect';
import { currencyDigits } from '../../i18n/format';
import { currencies } from '../deals/DealCreateModal';
import { useTeams } from '../deals/useDeals';
import type { CampaignDraft } from './campaignForm';

interface MoneyInputProps {
  label: string;
  value: number | string;
  onChange: (v: number | string) => void;
  currency: string;
  error?: string | undefined;
  disabled?: boolean;
  required?: boolean;
  'data-testid'?: string;
}

/** An amount in major units with the locale's separators; the caller converts it to minor units exactly. */
export function MoneyInput({ label, value, onChange, currency, error, disabled, required, ...rest }: MoneyInputProps) {
  const { i18n } = useTranslation();
  const de = i18n.language.startsWith('de');
  return (
    <NumberInput
      label={label}
      value={value}
      onChange={onChange}
      min={0}
      max={100_000_000_000}
      decimalScale={currencyDigits(currency)}
      thousandSeparator={de ? '.' : ','}
      decimalSeparator={de ? ',' : '.'}
      rightSection={<span style={{ fontSize: 12, color: 'var(--mantine-color-dimmed)' }}>{currency}</span>}
      rightSectionWidth={44}
      error={error}
      disabled={disabled}
      required={required}
      data-testid={rest['data-testid']}
    />
  );
}

interface Props {
  draft: CampaignDraft;
  onChange: (d: CampaignDraft) => void;
  errors: Record<string, string>;
  disabled: boolean;
}

/** Every field of a campaign: what, when, who, money and goals, UTM keys and a description. */
export function CampaignFields({ draft, onChange, errors, disabled }: Props) {
  const { t } = useTranslation();
  const teams = useTeams();
  const set = <K extends keyof CampaignDraft>(k: K, v: CampaignDraft[K]) => onChange({ ...draft, [k]: v });
  return (
    <Stack>
      <TextInput
        label={t('campaigns.name')}
        value={draft.name}
        onChange={(e) => set('name', e.currentTarget.value)}
        required
        maxLength={200}
        error={errors.name}
        disabled={disabled}
        data-autofocus
        data-testid="campaign-name"
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('campaigns.channel')}
          data={campaignChannels.map((c) => ({ value: c, label: t(`campaigns.channelName.${c}`) }))}
          value={draft.channel}
          onChange={(v) => v && set('channel', v as CampaignDraft['channel'])}
          allowDeselect={false}
          error={errors.channel}
          disabled={disabled}
          data-testid="campaign-channel"
        />
        <Select
          label={t('campaigns.status')}
          data={campaignStatuses.map((s) => ({ value: s, label: t(`campaigns.statusName.${s}`) }))}
          value={draft.status}
          onChange={(v) => v && set('status', v as CampaignDraft['status'])}
          allowDeselect={false}
          error={errors.status}
          disabled={disabled}
        />
        <TextInput
          type="date"
          label={t('campaigns.startDate')}
          value={draft.startDate}
          onChange={(e) => set('startDate', e.currentTarget.value)}
          error={errors.startDate}
          disabled={disabled}
        />
        <TextInput
          type="date"
          label={t('campaigns.endDate')}
          value={draft.endDate}
          min={draft.startDate || undefined}
          onChange={(e) => set('endDate', e.currentTarget.value)}
          error={errors.endDate}
          disabled={disabled}
        />
        <UserSelect
          label={t('common.owner')}
          value={draft.ownerId}
          onChange={(v) => set('ownerId', v)}
          error={errors.ownerId}
          disabled={disabled}
        />
        <Select
          label={t('campaigns.team')}
          placeholder={t('campaigns.noTeam')}
          data={(teams.data?.items ?? []).map((x) => ({ value: x.id, label: x.name }))}
          value={draft.teamId}
          onChange={(v) => set('teamId', v)}
          clearable
          error={errors.teamId}
          disabled={disabled}
        />
        <Select
          label={t('campaigns.department')}
          description={draft.department ? undefined : t('campaigns.departmentHint')}
          placeholder={t('campaigns.departmentOfOwner')}
          data={departments.map((d) => ({ value: d, label: t(`department.${d}`) }))}
          value={draft.department}
          onChange={(v) => set('department', v as CampaignDraft['department'])}
          clearable={!draft.department}
          error={errors.department}
          disabled={disabled}
        />
        <Select
          label={t('campaigns.currency')}
          data={[...new Set([...currencies, draft.currency])]}
          value={draft.currency}
          onChange={(v) => v && set('currency', v)}
          allowDeselect={false}
          error={errors.currency}
          disabled={disabled}
        />
        <MoneyInput
          label={t('campaigns.budget')}
          value={draft.budget}
          onChange={(v) => set('budget', v)}
          currency={draft.currency}
          error={errors.budget}
          disabled={disabled}
          data-testid="campaign-budget"
        />
        <MoneyInput
          label={t('campaigns.expectedPipeline')}
          value={draft.expectedPipeline}
          onChange={(v) => set('expectedPipeline', v)}
          currency={draft.currency}
          error={errors.expectedPipeline}
          disabled={disabled}
          data-testid="campaign-expected-pipeline"
        />
        <NumberInput
          label={t('campaigns.expectedLeads')}
          value={draft.expectedLeads}
          onChange={(v) => set('expectedLeads', v)}
          min={0}
          max={100_000_000}
          allowDecimal={false}
          allowNegative={false}
          error={errors.expectedLeads}
          disabled={disabled}
        />
      </SimpleGrid>
      <TagsInput
        label={t('campaigns.utmKeys')}
        description={t('campaigns.utmKeysHint')}
        placeholder={draft.utmKeys.length === 0 ? t('campaigns.utmKeysPlaceholder') : undefined}
        value={draft.utmKeys}
        onChange={(v) => set('utmKeys', v)}
        maxTags={20}
        splitChars={[',', ' ']}
        error={errors.utmKeys}
        disabled={disabled}
        data-testid="campaign-utm-keys"
      />
      <Textarea
        label={t('campaigns.description')}
        value={draft.description}
        onChange={(e) => set('description', e.currentTarget.value)}
        autosize
        minRows={2}
        maxLength={10_000}
        error={errors.description}
        disabled={disabled}
      />
    </Stack>
  );
}
