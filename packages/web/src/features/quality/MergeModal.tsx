import { Alert, Badge, Button, Group, Modal, Radio, Skeleton, Stack, Table, Text } from '@mantine/core';
import type { Account, Contact, DuplicatePair } from '@nenner/shared';
import { useNavigate } from '@tanstack/react-router';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useRecord } from '../../api/records';
import { errorMessage, notifyError, notifySuccess } from '../../components/notify';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { type QualityType, useMerge, useUndoMerge } from './useQuality';

type Rec = Contact | Account;
interface FieldDef {
  key: string;
  /** Lists (emails, tags) are joined by default; picking one record keeps only its list. */
  union?: boolean;
  show: (r: Rec, t: TFunction) => string;
}

const text = (v: unknown) => (v === null || v === undefined ? '' : Array.isArray(v) ? v.join(', ') : String(v));
const fieldsOf: Record<QualityType, FieldDef[]> = {
  contact: [
    { key: 'firstName', show: (r) => text((r as Contact).firstName) },
    { key: 'lastName', show: (r) => text((r as Contact).lastName) },
    { key: 'emails', union: true, show: (r) => text((r as Contact).emails) },
    { key: 'phone', show: (r) => text((r as Contact).phone) },
    { key: 'jobTitle', show: (r) => text((r as Contact).jobTitle) },
    { key: 'accountId', show: (r) => text((r as Contact).account?.name) },
    { key: 'ownerId', show: (r) => text(r.owner?.name) },
    { key: 'lifecycleStage', show: (r, t) => t(`stage.${(r as Contact).lifecycleStage}`) },
    { key: 'source', show: (r) => text((r as Contact).source) },
    { key: 'tags', union: true, show: (r) => text(r.tags) },
  ],
  account: [
    { key: 'name', show: (r) => text((r as Account).name) },
    { key: 'domain', show: (r) => text((r as Account).domain) },
    { key: 'industry', show: (r) => text((r as Account).industry) },
    { key: 'employeeBand', show: (r) => text((r as Account).employeeBand) },
    { key: 'country', show: (r) => text((r as Account).country) },
    { key: 'city', show: (r) => text((r as Account).city) },
    { key: 'postcode', show: (r) => text((r as Account).postcode) },
    { key: 'ownerId', show: (r) => text(r.owner?.name) },
    { key: 'tags', union: true, show: (r) => text(r.tags) },
  ],
};

const UNION = 'union';

/**
 * Reviews one duplicate pair: which record survives, and per field (radio) whose value it keeps. Merging
 * moves every timeline entry, deal and handoff to the survivor; the result offers the undo.
 */
export function MergeModal({ pair, onClose }: { pair: DuplicatePair; onClose: () => void }) {
  const { t } = useTranslation();
  const type = pair.type;
  const kind = type === 'contact' ? 'contacts' : 'accounts';
  const a = useRecord(kind, pair.ids[0]);
  const b = useRecord(kind, pair.ids[1]);
  // the records as reviewed: after the merge one of them is gone, but the result (and its undo) stays
  const [records, setRecords] = useState<[Rec, Rec] | null>(null);
  if (!records && a.data && b.data) setRecords([a.data, b.data]);
  return (
    <Modal opened onClose={onClose} title={t('quality.mergeTitle')} size="xl" centered>
      {records ? (
        <MergeForm type={type} records={records} pair={pair} onClose={onClose} />
      ) : a.isError || b.isError ? (
        <Alert color="red" role="alert">
          {errorMessage(t, a.error ?? b.error)}
        </Alert>
      ) : (
        <Skeleton h={320} />
      )}
    </Modal>
  );
}

function MergeForm({
  type,
  records,
  pair,
  onClose,
}: {
  type: QualityType;
  records: [Rec, Rec];
  pair: DuplicatePair;
  onClose: () => void;
}) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const merge = useMerge(type);
  const undo = useUndoMerge(type);
  const [survivorId, setSurvivorId] = useState(records[0].id);
  const [choices, setChoices] = useState<Record<string, string>>({});
  const [undone, setUndone] = useState(false);
  const defs = fieldsOf[type];
  const names = records.map((r) => pair.records.find((x) => x.id === r.id)?.name ?? r.id);
  const survivor = records.find((r) => r.id === survivorId) ?? records[0];
  const merged = records.find((r) => r.id !== survivorId) ?? records[1];
  const differing = defs.filter((f) => f.show(records[0], t) !== f.show(records[1], t));
  // default: the list fields joined; otherwise the survivor's value, or the other's where the survivor has none
  const choiceOf = (f: FieldDef): string =>
    choices[f.key] ?? (f.union ? UNION : f.show(survivor, t) ? survivor.id : merged.id);
  const label = (r: Rec) => (r.id === records[0].id ? 'A' : 'B');

  if (merge.data) {
    const moved = Object.values(merge.data.moved).reduce((s, n) => s + n, 0);
    return (
      <Stack>
        <Alert
          color={undone ? 'gray' : 'teal'}
          title={undone ? t('quality.undone') : t('quality.merged')}
          role="status"
        >
          {undone ? t('quality.undoneText') : t('quality.mergedText', { count: moved })}
        </Alert>
        <Group justify="flex-end">
          {!undone && (
            <Button
              variant="light"
              color="orange"
              loading={undo.isPending}
              onClick={() =>
                undo.mutate(merge.data.mergeId, {
                  onSuccess: () => {
                    setUndone(true);
                    notifySuccess(t('quality.undone'));
                  },
                  onError: (e) => notifyError(t, e),
                })
              }
            >
              {t('quality.undo')}
            </Button>
          )}
          {!undone && (
            <Button
              onClick={() => {
                onClose();
                const id = merge.data.survivorId;
                void (type === 'contact'
                  ? navigate({ to: '/contacts/$contactId', params: { contactId: id } })
                  : navigate({ to: '/accounts/$accountId', params: { accountId: id } }));
              }}
            >
              {t('quality.openSurvivor')}
            </Button>
          )}
          <Button variant="default" onClick={onClose}>
            {t('common.close')}
          </Button>
        </Group>
      </Stack>
    );
  }

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const fields: Record<string, string> = {};
        for (const f of differing) {
          const c = choiceOf(f);
          if (c !== UNION) fields[f.key] = c;
        }
        merge.mutate(
          { survivorId: survivor.id, mergedId: merged.id, fields },
          { onSuccess: () => notifySuccess(t('quality.merged')) },
        );
      }}
    >
      <Stack>
        <Group gap={6}>
          {pair.reasons.map((r) => (
            <Badge key={r} variant="light">
              {t(`quality.reason.${r}`)}
            </Badge>
          ))}
        </Group>
        <Radio.Group
          label={t('quality.survivor')}
          description={t('quality.survivorHint')}
          value={survivorId}
          onChange={(v) => {
            setSurvivorId(v);
            setChoices({});
          }}
        >
          <Stack gap={4} mt={6}>
            {records.map((r, i) => (
              <Radio
                key={r.id}
                value={r.id}
                label={`${label(r)}: ${names[i]} · ${t('common.updatedAt')} ${formatDateTime(r.updatedAt, i18n.language, me.timeZone)}`}
              />
            ))}
          </Stack>
        </Radio.Group>
        <Table verticalSpacing="xs" striped>
          <Table.Thead>
            <Table.Tr>
              <Table.Th>{t('quality.field')}</Table.Th>
              <Table.Th>A</Table.Th>
              <Table.Th>B</Table.Th>
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {defs.map((f) => {
              const differs = differing.includes(f);
              const fieldName = t(`field.${f.key}`);
              return (
                <Table.Tr key={f.key}>
                  <Table.Th scope="row" fw={500}>
                    {fieldName}
                  </Table.Th>
                  {records.map((r) => {
                    const value = f.show(r, t);
                    return (
                      <Table.Td key={r.id}>
                        {differs ? (
                          <Radio
                            name={`merge-${f.key}`}
                            checked={choiceOf(f) === r.id}
                            onChange={() => setChoices((c) => ({ ...c, [f.key]: r.id }))}
                            label={value || <em>{t('common.empty')}</em>}
                            aria-label={t('quality.keepValue', {
                              field: fieldName,
                              value: value || t('common.empty'),
                              record: label(r),
                            })}
                          />
                        ) : (
                          <Text size="sm" c={value ? undefined : 'dimmed'}>
                            {value || '–'}
                          </Text>
                        )}
                      </Table.Td>
                    );
                  })}
                  {differs && f.union && (
                    <Table.Td>
                      <Radio
                        name={`merge-${f.key}`}
                        checked={choiceOf(f) === UNION}
                        onChange={() => setChoices((c) => ({ ...c, [f.key]: UNION }))}
                        label={t('quality.keepBoth')}
                      />
                    </Table.Td>
                  )}
                </Table.Tr>
              );
            })}
          </Table.Tbody>
        </Table>
        <Text size="sm" c="dimmed">
          {t('quality.mergeExplain', { name: names[records.indexOf(merged)] })}
        </Text>
        {merge.isError && (
          <Alert color="red" role="alert">
            {errorMessage(t, merge.error)}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button variant="default" onClick={onClose}>
            {t('common.cancel')}
          </Button>
          <Button type="submit" loading={merge.isPending}>
            {t('quality.merge')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
