import {
  Alert,
  Button,
  Checkbox,
  FileInput,
  Group,
  Paper,
  Progress,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import {
  type CreatedImport,
  can,
  contract,
  type DryRunResult,
  type ImportEntity,
  type ImportMapping,
  type ImportState,
  importFields,
  type UndoResult,
} from '@nenner/shared';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { call, keyOf } from '../../api/endpoints';
import { PageHeader } from '../../components/ListControls';
import { notifyError } from '../../components/notify';
import { formatNumber } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { uploadImport } from './importsApi';

const DROP = '__drop';

function Counts({ dry }: { dry: DryRunResult }) {
  const { t, i18n } = useTranslation();
  const cells = [
    ['create', dry.create],
    ['update', dry.update],
    ['skip', dry.skip],
    ['fail', dry.fail],
  ] as const;
  return (
    <SimpleGrid cols={4} data-testid="import-counts">
      {cells.map(([k, n]) => (
        <Paper key={k} withBorder p="sm">
          <Text size="xs" c="dimmed">
            {t(`imports.count.${k}`)}
          </Text>
          <Text fw={700} data-testid={`import-count-${k}`}>
            {formatNumber(n, i18n.language)}
          </Text>
        </Paper>
      ))}
    </SimpleGrid>
  );
}

function Running({ id, onUndone }: { id: string; onUndone: (u: UndoResult) => void }) {
  const { t, i18n } = useTranslation();
  const state = useQuery({
    queryKey: keyOf(contract.getImport, { params: { id } }),
    queryFn: () => call(contract.getImport, { params: { id } }),
    refetchInterval: (q) => (q.state.data && ['done', 'failed', 'undone'].includes(q.state.data.status) ? false : 1000),
  });
  const [busy, setBusy] = useState(false);
  const s: ImportState | undefined = state.data;
  if (!s) return null;
  const total = Math.max(s.total, s.processed, 1);
  const n = (x: number) => formatNumber(x, i18n.language);
  return (
    <Stack gap="xs">
      <Progress
        value={(s.processed / total) * 100}
        size="lg"
        aria-label={t('imports.progress')}
        data-testid="import-progress"
      />
      <Text size="sm" data-testid="import-status">
        {t(`imports.status.${s.status}`)} · {t('imports.rowsDone', { done: n(s.processed), total: n(s.total) })}
        {s.rate !== null && ` · ${t('imports.rate', { rate: n(s.rate) })}`}
        {s.secondsLeft !== null && ` · ${t('imports.timeLeft', { seconds: n(s.secondsLeft) })}`}
      </Text>
      {s.status === 'done' && (
        <Group>
          <Text size="sm" data-testid="import-result">
            {t('imports.result', {
              created: n(s.created),
              updated: n(s.updated),
              skipped: n(s.skipped),
              failed: n(s.failed),
            })}
          </Text>
          <Button
            color="red"
            variant="light"
            loading={busy}
            onClick={async () => {
              setBusy(true);
              try {
                onUndone(await call(contract.undoImport, { params: { id } }));
                await state.refetch();
              } catch (e) {
                notifyError(t, e);
              } finally {
                setBusy(false);
              }
            }}
          >
            {t('imports.undo')}
          </Button>
        </Group>
      )}
    </Stack>
  );
}

/** Import of contacts, accounts or deals from CSV or Excel: upload, mapping, dry run, run with progress, undo. */
export function ImportPage() {
  const { t } = useTranslation();
  const me = useMe();
  const [entity, setEntity] = useState<ImportEntity>('contacts');
  const [file, setFile] = useState<File | null>(null);
  const [created, setCreated] = useState<CreatedImport | null>(null);
  const [mapping, setMapping] = useState<ImportMapping>({});
  const [dedupe, setDedupe] = useState<'skip' | 'fill' | 'overwrite' | 'create'>('fill');
  const [save, setSave] = useState(false);
  const [dry, setDry] = useState<DryRunResult | null>(null);
  const [running, setRunning] = useState(false);
  const [undone, setUndone] = useState<UndoResult | null>(null);
  const [busy, setBusy] = useState(false);
  const allowed = can(me, 'imports.create');

  const act = async (fn: () => Promise<void>) => {
    setBusy(true);
    try {
      await fn();
    } catch (e) {
      notifyError(t, e);
    } finally {
      setBusy(false);
    }
  };
  const upload = () =>
    act(async () => {
      if (!file) return;
      const c = await uploadImport(entity, file);
      setCreated(c);
      setMapping(c.mapping);
      setDry(null);
      setRunning(false);
      setUndone(null);
    });
  const patch = async () => {
    if (!created) return;
    await call(contract.updateImport, { params: { id: created.id }, body: { mapping, dedupe, saveMapping: save } });
  };
  const dryRun = () =>
    act(async () => {
      if (!created) return;
      await patch();
      setDry(await call(contract.dryRunImport, { params: { id: created.id } }));
    });
  const run = () =>
    act(async () => {
      if (!created) return;
      await patch();
      await call(contract.runImport, { params: { id: created.id } });
      setRunning(true);
    });

  const fieldOptions = [
    { value: DROP, label: t('imports.drop') },
    ...importFields[entity].map((f) => ({ value: f, label: t(`imports.field.${f}`) })),
  ];
  return (
    <Stack>
      <PageHeader title={t('imports.title')} />
      <Text size="sm" c="dimmed">
        {t('imports.intro')}
      </Text>
      {!allowed && <Alert color="gray">{t('imports.readOnly')}</Alert>}
      <Paper withBorder p="md">
        <Group align="end">
          <Select
            label={t('imports.entity')}
            value={entity}
            onChange={(v) => v && setEntity(v as ImportEntity)}
            data={(['contacts', 'accounts', 'deals'] as const).map((e) => ({
              value: e,
              label: t(`imports.entities.${e}`),
            }))}
            allowDeselect={false}
            disabled={created !== null && !undone && running}
          />
          <FileInput
            label={t('imports.file')}
            placeholder={t('imports.choose')}
            accept=".csv,.txt,.tsv,.xlsx,text/csv"
            value={file}
            onChange={setFile}
            data-testid="import-file"
            w={320}
          />
          <Button onClick={upload} disabled={!file || !allowed} loading={busy && !created}>
            {t('imports.upload')}
          </Button>
        </Group>
      </Paper>
      {created && (
        <Paper withBorder p="md">
          <Stack>
            <Text size="sm" data-testid="import-detected">
              {t('imports.detected', {
                encoding: created.detected.encoding,
                delimiter: created.detected.delimiter === '\t' ? 'Tab' : (created.detected.delimiter ?? 'XLSX'),
                preset: t(`imports.preset.${created.detected.preset}`, { defaultValue: created.detected.preset }),
              })}
            </Text>
            <Title order={4}>{t('imports.mapping')}</Title>
            <Table withTableBorder>
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('imports.column')}</Table.Th>
                  <Table.Th>{t('imports.fieldLabel')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {created.columns.map((c) => (
                  <Table.Tr key={c}>
                    <Table.Td>{c}</Table.Td>
                    <Table.Td>
                      <Select
                        aria-label={t('imports.fieldFor', { column: c })}
                        value={mapping[c] ?? DROP}
                        data={fieldOptions}
                        allowDeselect={false}
                        disabled={running}
                        onChange={(v) => setMapping({ ...mapping, [c]: v === DROP || !v ? null : v })}
                      />
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
            <Group>
              <SegmentedControl
                value={dedupe}
                onChange={(v) => setDedupe(v as typeof dedupe)}
                disabled={running}
                data={(['skip', 'fill', 'overwrite', 'create'] as const).map((d) => ({
                  value: d,
                  label: t(`imports.dedupe.${d}`),
                }))}
              />
              <Checkbox
                label={t('imports.saveMapping')}
                checked={save}
                onChange={(e) => setSave(e.currentTarget.checked)}
              />
            </Group>
            <Group>
              <Button variant="default" onClick={dryRun} loading={busy} disabled={running}>
                {t('imports.dryRun')}
              </Button>
              <Button onClick={run} loading={busy} disabled={running || !dry}>
                {t('imports.run')}
              </Button>
            </Group>
            {dry && !running && (
              <Stack gap="xs">
                <Counts dry={dry} />
                {dry.errors.length > 0 && (
                  <>
                    <Table withTableBorder data-testid="import-errors">
                      <Table.Thead>
                        <Table.Tr>
                          <Table.Th>{t('imports.row')}</Table.Th>
                          <Table.Th>{t('imports.column')}</Table.Th>
                          <Table.Th>{t('imports.value')}</Table.Th>
                          <Table.Th>{t('imports.error')}</Table.Th>
                        </Table.Tr>
                      </Table.Thead>
                      <Table.Tbody>
                        {dry.errors.map((e) => (
                          <Table.Tr key={`${e.row}-${e.column}-${e.message}`}>
                            <Table.Td>{e.row}</Table.Td>
                            <Table.Td>{e.column ?? '–'}</Table.Td>
                            <Table.Td>{e.value ?? '–'}</Table.Td>
                            <Table.Td>{t(`imports.errors.${e.message}`, { defaultValue: e.message })}</Table.Td>
                          </Table.Tr>
                        ))}
                      </Table.Tbody>
                    </Table>
                    <a href={`/api/imports/${created.id}/errors.csv`} download>
                      {t('imports.downloadErrors')}
                    </a>
                  </>
                )}
              </Stack>
            )}
            {running && <Running id={created.id} onUndone={setUndone} />}
            {undone && (
              <Alert color="teal" data-testid="import-undone">
                {t('imports.undone', { deleted: undone.deleted, restored: undone.restored })}
                {undone.kept.length > 0 && (
                  <>
                    {' '}
                    {t('imports.kept')} {undone.kept.map((k) => k.name || k.id).join(', ')}
                  </>
                )}
              </Alert>
            )}
          </Stack>
        </Paper>
      )}
    </Stack>
  );
}
