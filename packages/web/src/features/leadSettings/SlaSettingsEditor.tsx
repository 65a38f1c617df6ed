import { Alert, Button, Checkbox, Group, NumberInput, Paper, Select, SimpleGrid, Stack, Text } from '@mantine/core';
import { can, holidayRegions, type SlaSettings } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { HolidayListField, TimeField } from '../../components/fields';
import { errorMessage, notifyError, notifySuccess } from '../../components/notify';
import { SaveBar } from '../../components/SaveBar';
import { TableSkeleton } from '../../components/TableSkeleton';
import { formatDateTime } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { useSla } from './useSettings';

const days = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
const zones = (): string[] => {
  try {
    return Intl.supportedValuesOf('timeZone');
  } catch {
    return ['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich', 'UTC'];
  }
};

/** The two-way SLA: one department proposes, the other approves; admins set it directly. */
export function SlaSettingsEditor() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const { query, propose, decide } = useSla();
  const [draft, setDraft] = useState<SlaSettings | null>(null);
  if (query.isPending) return <TableSkeleton rows={4} />;
  if (query.isError) return <Alert color="red">{errorMessage(t, query.error)}</Alert>;
  const state = query.data;
  const d = draft ?? state.current;
  const set = (patch: Partial<SlaSettings>) => setDraft({ ...d, ...patch });
  const canPropose = can(me, 'settings.sla.propose');
  const pending = state.pending;
  const canDecide = pending && can(me, 'settings.sla.decide', { department: pending.proposedBy.department });
  const appliesDirectly = can(me, 'settings.sla.apply');
  const other = me.department === 'sales' ? t('department.marketing') : t('department.sales');
  const save = () =>
    propose.mutate(
      { value: d, version: state.version },
      {
        onSuccess: (s) => {
          setDraft(null);
          notifySuccess(
            s.pending && s.pending.proposedBy.id === me.id ? t('sla.proposed', { other }) : t('sla.applied'),
          );
        },
        onError: (e) => notifyError(t, e),
      },
    );
  return (
    <Stack>
      <Text size="sm" c="dimmed">
        {t('sla.intro')}
      </Text>
      {pending && (
        <Alert color="yellow" title={t('sla.pendingTitle')} role="status">
          <Stack gap="xs">
            <Text size="sm">
              {t('sla.pendingBy', {
                name: pending.proposedBy.name,
                department: t(`department.${pending.proposedBy.department}`),
                at: formatDateTime(pending.proposedAt, i18n.language, me.timeZone),
              })}
            </Text>
            <Text size="sm">
              {t('sla.pendingSummary', {
                hours: pending.proposal.responseHours,
                mql: pending.proposal.mqlCommitmentPerMonth,
                rate: pending.proposal.minAcceptanceRate,
              })}
            </Text>
            {canDecide ? (
              <Group>
                <Button
                  size="xs"
                  color="teal"
                  loading={decide.isPending}
                  onClick={() =>
                    decide.mutate(
                      { id: pending.id, approve: true },
                      { onSuccess: () => notifySuccess(t('sla.approved')), onError: (e) => notifyError(t, e) },
                    )
                  }
                >
                  {t('sla.approve')}
                </Button>
                <Button
                  size="xs"
                  variant="default"
                  loading={decide.isPending}
                  onClick={() =>
                    decide.mutate(
                      { id: pending.id, approve: false },
                      { onSuccess: () => notifySuccess(t('sla.declined')), onError: (e) => notifyError(t, e) },
                    )
                  }
                >
                  {t('sla.decline')}
                </Button>
              </Group>
            ) : (
              <Text size="xs" c="dimmed">
                {t('sla.waiting')}
              </Text>
            )}
          </Stack>
        </Alert>
      )}
      <Paper withBorder p="md">
        <Stack>
          <SimpleGrid cols={{ base: 1, sm: 2, md: 4 }}>
            <NumberInput
              label={t('sla.responseHours')}
              value={d.responseHours}
              min={0.25}
              max={240}
              step={0.5}
              decimalScale={2}
              onChange={(v) => set({ responseHours: Number(v) || 0 })}
              disabled={!canPropose}
            />
            <Select
              label={t('sla.timeZone')}
              data={zones()}
              value={d.timeZone}
              onChange={(v) => v && set({ timeZone: v })}
              searchable
              disabled={!canPropose}
              allowDeselect={false}
            />
            <NumberInput
              label={t('sla.mqlCommitment')}
              value={d.mqlCommitmentPerMonth}
              min={0}
              onChange={(v) => set({ mqlCommitmentPerMonth: Number(v) || 0 })}
              disabled={!canPropose}
            />
            <NumberInput
              label={t('sla.minAcceptance')}
              value={d.minAcceptanceRate}
              min={0}
              max={100}
              suffix=" %"
              onChange={(v) => set({ minAcceptanceRate: Number(v) || 0 })}
              disabled={!canPropose}
            />
          </SimpleGrid>
          <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
            <Text component="legend" size="sm" fw={500} mb={4}>
              {t('sla.businessHours')}
            </Text>
            <Stack gap={4}>
              {days.map((day) => {
                const hours = d.businessHours[day];
                return (
                  <Group key={day} gap="sm">
                    <Checkbox
                      w={140}
                      label={t(`sla.day.${day}`)}
                      checked={hours !== null}
                      disabled={!canPropose}
                      onChange={(e) =>
                        set({
                          businessHours: {
                            ...d.businessHours,
                            [day]: e.currentTarget.checked ? ['09:00', '17:00'] : null,
                          },
                        })
                      }
                    />
                    {hours && (
                      <>
                        <TimeField
                          aria-label={`${t(`sla.day.${day}`)} ${t('sla.opens')}`}
                          value={hours[0]}
                          disabled={!canPropose}
                          w={110}
                          onChange={(v) => set({ businessHours: { ...d.businessHours, [day]: [v, hours[1]] } })}
                        />
                        <Text size="sm">–</Text>
                        <TimeField
                          aria-label={`${t(`sla.day.${day}`)} ${t('sla.closes')}`}
                          value={hours[1]}
                          disabled={!canPropose}
                          w={110}
                          onChange={(v) => set({ businessHours: { ...d.businessHours, [day]: [hours[0], v] } })}
                        />
                      </>
                    )}
                  </Group>
                );
              })}
            </Stack>
          </fieldset>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <Select
              label={t('sla.holidayRegion')}
              data={holidayRegions.map((r) => ({
                value: r,
                label: t(`sla.region.${r === 'none' ? 'none' : r === 'DE' ? 'DE' : 'state'}`, { code: r }),
              }))}
              value={d.holidayRegion}
              onChange={(v) => v && set({ holidayRegion: v as SlaSettings['holidayRegion'] })}
              allowDeselect={false}
              disabled={!canPropose}
            />
            <HolidayListField
              label={t('sla.extraHolidays')}
              description={t('sla.extraHolidaysHint')}
              value={d.extraHolidays}
              onChange={(v) => set({ extraHolidays: v })}
              disabled={!canPropose}
              data-testid="sla-holidays"
            />
          </SimpleGrid>
          {canPropose && (
            <SaveBar
              dirty={draft !== null}
              saving={propose.isPending}
              onCancel={() => setDraft(null)}
              onSave={save}
              label={appliesDirectly ? t('common.save') : t('sla.propose')}
            />
          )}
          {canPropose && !appliesDirectly && (
            <Text size="xs" c="dimmed">
              {t('sla.proposeHint', { other })}
            </Text>
          )}
        </Stack>
      </Paper>
    </Stack>
  );
}
