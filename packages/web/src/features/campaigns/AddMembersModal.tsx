import {
  Alert,
  Button,
  FileButton,
  Group,
  List,
  Modal,
  MultiSelect,
  Select,
  SimpleGrid,
  Stack,
  Tabs,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import {
  type AddCampaignMembersInput,
  type AddCampaignMembersResult,
  type Campaign,
  contract,
  lifecycleStages,
  type MemberStatus,
  memberStatusesByChannel,
} from '@nenner/shared';
import { IconUpload } from '@tabler/icons-react';
import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call } from '../../api/endpoints';
import { AccountSelect } from '../../components/AccountSelect';
import { errorMessage, notifySuccess } from '../../components/notify';
import { OwnerFilter } from '../../components/OwnerFilter';
import { formatNumber } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { contactName } from '../contacts/contactForm';
import { PilotAccountWarnings } from '../projects/PilotAccountWarnings';
import { type MemberCsvPreview, previewMemberCsv } from './campaignMath';
import { useAddMembers } from './useCampaigns';

type Way = 'contacts' | 'filter' | 'csv';

/** Contacts found by a server search; the picked ones keep their names while the search changes. */
function ContactPicker({ value, onChange }: { value: string[]; onChange: (ids: string[]) => void }) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const [q] = useDebouncedValue(search.trim(), 250);
  const [names, setNames] = useState<Map<string, string>>(new Map());
  const results = useQuery({
    queryKey: ['contacts', 'picker', q],
    queryFn: ({ signal }) => call(contract.listContacts, { query: { q, limit: 20 } }, signal),
    placeholderData: keepPreviousData,
    staleTime: 30_000,
  });
  const options = new Map(names);
  for (const c of results.data?.items ?? []) {
    const email = c.emails[0];
    options.set(c.id, `${contactName(c, t('contact.noName'))}${email ? ` · ${email}` : ''}`);
  }
  return (
    <MultiSelect
      label={t('campaigns.members.contacts')}
      placeholder={t('campaigns.members.contactsPlaceholder')}
      data={[...options].map(([id, label]) => ({ value: id, label }))}
      value={value}
      onChange={(ids) => {
        setNames(new Map(ids.map((id) => [id, options.get(id) ?? id])));
        onChange(ids);
      }}
      searchable
      searchValue={search}
      onSearchChange={setSearch}
      filter={({ options: o }) => o}
      nothingFoundMessage={t('common.noResults')}
      maxValues={1000}
      data-testid="member-contacts"
    />
  );
}

interface FilterDraft {
  q: string;
  ownerId: string;
  accountId: string | null;
  lifecycleStage: string;
  source: string;
  tag: string;
}

type MemberFilter = Extract<AddCampaignMembersInput, { filter: unknown }>['filter'];

/** Only the filters that are set, as the API takes them. */
const filterInput = (f: FilterDraft): MemberFilter => ({
  ...(f.q.trim() && { q: f.q.trim() }),
  ...(f.ownerId && { ownerId: f.ownerId }),
  ...(f.accountId && { accountId: f.accountId }),
  ...(f.lifecycleStage && { lifecycleStage: f.lifecycleStage as MemberFilter['lifecycleStage'] }),
  ...(f.source.trim() && { source: f.source.trim() }),
  ...(f.tag.trim() && { tag: f.tag.trim() }),
});

/** The contact list's filters; everyone who matches them becomes a member. */
function FilterForm({ value, onChange }: { value: FilterDraft; onChange: (f: FilterDraft) => void }) {
  const { t } = useTranslation();
  const me = useMe();
  const set = <K extends keyof FilterDraft>(k: K, v: FilterDraft[K]) => onChange({ ...value, [k]: v });
  return (
    <Stack gap="sm">
      <Text size="sm" c="dimmed">
        {t('campaigns.members.filterHint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('common.search')}
          placeholder={t('contact.searchPlaceholder')}
          value={value.q}
          onChange={(e) => set('q', e.currentTarget.value)}
        />
        <OwnerFilter value={value.ownerId} onChange={(v) => set('ownerId', v)} meId={me.id} />
        <AccountSelect value={value.accountId} onChange={(id) => set('accountId', id)} />
        <Select
          label={t('contact.lifecycleStage')}
          data={[
            { value: '', label: t('contact.allStages') },
            ...lifecycleStages.map((s) => ({ value: s, label: t(`stage.${s}`) })),
          ]}
          value={value.lifecycleStage}
          onChange={(v) => set('lifecycleStage', v ?? '')}
          allowDeselect={false}
        />
        <TextInput
          label={t('campaigns.members.source')}
          value={value.source}
          onChange={(e) => set('source', e.currentTarget.value)}
        />
        <TextInput
          label={t('campaigns.members.tag')}
          value={value.tag}
          onChange={(e) => set('tag', e.currentTarget.value)}
        />
      </SimpleGrid>
    </Stack>
  );
}

/** Paste or upload a member list; a preview says what was understood before anything is sent. */
function CsvForm({
  text,
  onChange,
  preview,
}: {
  text: string;
  onChange: (s: string) => void;
  preview: MemberCsvPreview;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Stack gap="sm">
      <Textarea
        label={t('campaigns.members.csvLabel')}
        description={t('campaigns.members.csvHint')}
        value={text}
        onChange={(e) => onChange(e.currentTarget.value)}
        autosize
        minRows={5}
        maxRows={12}
        styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
        data-testid="member-csv"
      />
      <Group>
        <FileButton accept=".csv,text/csv,text/plain" onChange={(file) => void file?.text().then(onChange)}>
          {(props) => (
            <Button variant="light" size="xs" leftSection={<IconUpload size={14} aria-hidden />} {...props}>
              {t('campaigns.members.upload')}
            </Button>
          )}
        </FileButton>
        {text.trim() !== '' && preview.problem === null && (
          <Text size="sm" aria-live="polite" data-testid="member-csv-preview">
            {t('campaigns.members.preview', { count: preview.emails, n: formatNumber(preview.emails, i18n.language) })}
          </Text>
        )}
      </Group>
      {text.trim() !== '' && preview.problem === 'no_email_column' && (
        <Alert color="orange">{t('campaigns.members.noEmailColumn')}</Alert>
      )}
      {preview.invalid.length > 0 && (
        <Alert color="gray" title={t('campaigns.members.skipped', { count: preview.invalid.length })}>
          <List size="sm">
            {preview.invalid.slice(0, 20).map((x) => (
              <List.Item key={x.line}>
                {t('campaigns.members.lineValue', { line: x.line, value: x.value || t('common.empty') })}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}

/** The server's answer to a CSV import: how many joined, and the addresses without a contact. */
function ImportResult({ result, preview }: { result: AddCampaignMembersResult; preview: MemberCsvPreview | null }) {
  const { t } = useTranslation();
  return (
    <Stack gap="sm" data-testid="member-import-result">
      <Alert color="teal">{t('campaigns.members.result', { added: result.added, updated: result.updated })}</Alert>
      <PilotAccountWarnings warnings={result.warnings ?? []} />
      {preview && preview.invalid.length > 0 && (
        <Text size="sm" c="dimmed">
          {t('campaigns.members.skipped', { count: preview.invalid.length })}
        </Text>
      )}
      {result.unmatched.length > 0 && (
        <Alert color="orange" title={t('campaigns.members.unmatched', { count: result.unmatched.length })}>
          <Text size="sm" mb={4}>
            {t('campaigns.members.unmatchedHint')}
          </Text>
          <List size="sm" data-testid="member-unmatched">
            {result.unmatched.slice(0, 100).map((u) => (
              <List.Item key={`${u.line}-${u.email}`}>
                {t('campaigns.members.lineValue', {
                  line: preview?.sourceLine[u.line] ?? u.line,
                  value: u.email,
                })}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
    </Stack>
  );
}

/** Adds members by picking contacts, by the contact list's filter, or from a CSV list with an email column. */
export function AddMembersModal({ campaign, onClose }: { campaign: Campaign; onClose: () => void }) {
  const { t } = useTranslation();
  const add = useAddMembers(campaign.id);
  const statuses = memberStatusesByChannel[campaign.channel];
  const [way, setWay] = useState<Way>('contacts');
  const [status, setStatus] = useState<MemberStatus>(statuses[0] ?? 'targeted');
  const [contactIds, setContactIds] = useState<string[]>([]);
  const [filter, setFilter] = useState<FilterDraft>({
    q: '',
    ownerId: '',
    accountId: null,
    lifecycleStage: '',
    source: '',
    tag: '',
  });
  const [csvText, setCsvText] = useState('');
  const [result, setResult] = useState<{ result: AddCampaignMembersResult; preview: MemberCsvPreview | null } | null>(
    null,
  );
  const preview = previewMemberCsv(csvText);
  const filterEmpty = Object.keys(filterInput(filter)).length === 0;
  const ready = way === 'contacts' ? contactIds.length > 0 : way === 'csv' ? preview.emails > 0 : !filterEmpty;

  const submit = () => {
    const input: AddCampaignMembersInput =
      way === 'contacts'
        ? { contactIds, status }
        : way === 'filter'
          ? { filter: filterInput(filter), status }
          : { csv: preview.csv, status };
    const sentPreview = way === 'csv' ? preview : null;
    add.mutate(input, {
      onSuccess: (r) => {
        notifySuccess(t('campaigns.members.result', { added: r.added, updated: r.updated }));
        // a pilot customer among them stays on screen, so it is read before anyone mails
        if ((way === 'csv' && r.unmatched.length > 0) || (r.warnings ?? []).length > 0) {
          setResult({ result: r, preview: sentPreview });
        } else onClose();
      },
    });
  };

  return (
    <Modal opened onClose={onClose} title={t('campaigns.members.addTitle')} size="xl" centered>
      {result ? (
        <Stack>
          <ImportResult result={result.result} preview={result.preview} />
          <Group justify="flex-end">
            <Button onClick={onClose}>{t('common.close')}</Button>
          </Group>
        </Stack>
      ) : (
        <form
          aria-label={t('campaigns.members.addTitle')}
          onSubmit={(e) => {
            e.preventDefault();
            if (ready) submit();
          }}
        >
          <Stack>
            <Tabs value={way} onChange={(v) => setWay((v as Way) ?? 'contacts')} keepMounted={false}>
              <Tabs.List mb="sm">
                <Tabs.Tab value="contacts">{t('campaigns.members.byContacts')}</Tabs.Tab>
                <Tabs.Tab value="filter">{t('campaigns.members.byFilter')}</Tabs.Tab>
                <Tabs.Tab value="csv">{t('campaigns.members.byCsv')}</Tabs.Tab>
              </Tabs.List>
              <Tabs.Panel value="contacts">
                <ContactPicker value={contactIds} onChange={setContactIds} />
              </Tabs.Panel>
              <Tabs.Panel value="filter">
                <FilterForm value={filter} onChange={setFilter} />
                {filterEmpty && (
                  <Text size="sm" c="dimmed" mt="xs">
                    {t('campaigns.members.filterNeeded')}
                  </Text>
                )}
              </Tabs.Panel>
              <Tabs.Panel value="csv">
                <CsvForm text={csvText} onChange={setCsvText} preview={preview} />
              </Tabs.Panel>
            </Tabs>
            <Select
              label={t('campaigns.members.statusForNew')}
              description={t('campaigns.members.statusForNewHint')}
              data={statuses.map((s) => ({ value: s, label: t(`campaigns.memberStatus.${s}`) }))}
              value={status}
              onChange={(v) => v && setStatus(v as MemberStatus)}
              allowDeselect={false}
              w={{ base: '100%', sm: 280 }}
            />
            {add.isError && (
              <Text c="red" size="sm" role="alert">
                {errorMessage(t, add.error)}
              </Text>
            )}
            <Group justify="flex-end">
              <Button variant="default" onClick={onClose}>
                {t('common.cancel')}
              </Button>
              <Button type="submit" loading={add.isPending} disabled={!ready} data-testid="member-add-submit">
                {t('campaigns.members.add')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
