import { MultiSelect, NumberInput, Select, SimpleGrid, Stack, Text, TextInput } from '@mantine/core';
import {
  defaultNth,
  firstMonthlyDate,
  type MeetingCadence,
  meetingCadences,
  meetingNths,
  weekdayOf,
} from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { DateField, TimeField } from '../../components/fields';
import type { RecordForm } from '../../components/form/useRecordForm';
import { formatDay } from '../../i18n/format';
import { useAllUsers } from '../settings/useUsers';
import { AgendaTemplateEditor } from './AgendaTemplateEditor';
import type { MeetingDraft } from './meetingForm';
import { cadenceInWords, nthKey } from './meetingFormat';

const isDate = (s: string) => /^\d{4}-\d{2}-\d{2}$/.test(s);

/** The rule the draft makes, in words, and (monthly) the first date it meets on when that is not the date typed. */
function RuleSummary({ draft, timeZone }: { draft: MeetingDraft; timeZone: string | undefined }) {
  const { t, i18n } = useTranslation();
  if (!isDate(draft.startDate)) return null;
  const weekday = weekdayOf(draft.startDate);
  const nth = Number(draft.nth);
  const first = draft.cadence === 'monthly' ? firstMonthlyDate(draft.startDate, weekday, nth) : draft.startDate;
  return (
    <Stack gap={0} mt={-8}>
      <Text size="sm" c="dimmed" data-testid="meeting-rule">
        {t('meetings.rule', {
          rule: cadenceInWords(t, { cadence: draft.cadence, weekday, nth, time: draft.startTime || '–' }),
        })}
        {timeZone && ` · ${t('meetings.timeZone', { zone: timeZone })}`}
      </Text>
      {first !== draft.startDate && (
        <Text size="sm" c="dimmed">
          {t('meetings.firstOccurrence', { date: formatDay(first, i18n.language) })}
        </Text>
      )}
    </Stack>
  );
}

/**
 * Every field of a series: title, rule and first start (wall time in the series' zone), length, place,
 * people and the agenda's sections. Required fields carry an asterisk, not `required`, so the form's own
 * translated checks speak.
 */
export function MeetingFields({ form, timeZone }: { form: RecordForm<MeetingDraft>; timeZone: string | undefined }) {
  const { t } = useTranslation();
  const users = useAllUsers();
  const { values: draft, fieldErrors } = form;
  const people = (users.data?.items ?? [])
    .filter((u) => u.active || draft.participantIds.includes(u.id) || u.id === draft.hostId)
    .map((u) => ({ value: u.id, label: `${u.name} · ${t(`department.${u.department}`)}` }));
  const weekday = isDate(draft.startDate) ? weekdayOf(draft.startDate) : 'MO';
  const setStartDate = (value: string) => {
    form.setFieldValue('startDate', value);
    // a monthly series meets on the same one of the weekday as the new date, unless chosen otherwise after
    if (isDate(value)) form.setFieldValue('nth', String(defaultNth(value)));
  };
  const startError = fieldErrors.startsAt;
  return (
    <Stack>
      <TextInput
        label={t('meetings.name')}
        withAsterisk
        maxLength={200}
        data-autofocus
        data-testid="meeting-title"
        {...form.field('title')}
      />
      <SimpleGrid cols={{ base: 1, sm: draft.cadence === 'monthly' ? 4 : 3 }}>
        <Select
          label={t('meetings.cadence')}
          data={meetingCadences.map((c) => ({ value: c, label: t(`meetings.cadenceName.${c}`) }))}
          allowDeselect={false}
          data-testid="meeting-cadence"
          {...form.field('cadence')}
          onChange={(v) => v && form.setFieldValue('cadence', v as MeetingCadence)}
        />
        <DateField
          label={t('meetings.startDate')}
          withAsterisk
          data-testid="meeting-start-date"
          value={draft.startDate}
          onChange={setStartDate}
          error={startError}
          disabled={form.disabled}
        />
        <TimeField
          label={t('meetings.startTime')}
          withAsterisk
          data-testid="meeting-start-time"
          {...form.field('startTime')}
          error={Boolean(startError)}
        />
        {draft.cadence === 'monthly' && (
          <Select
            label={t('meetings.nthLabel')}
            data={meetingNths.map((n) => ({
              value: String(n),
              label: t('meetings.nthOption', {
                nth: t(`meetings.nth.${nthKey(n)}`),
                day: t(`meetings.weekday.${weekday}`),
              }),
            }))}
            allowDeselect={false}
            data-testid="meeting-nth"
            {...form.field('nth')}
            error={fieldErrors.nth ?? fieldErrors.weekday}
          />
        )}
      </SimpleGrid>
      <RuleSummary draft={draft} timeZone={timeZone} />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <NumberInput
          label={t('meetings.duration')}
          withAsterisk
          min={5}
          max={480}
          step={15}
          allowDecimal={false}
          allowNegative={false}
          data-testid="meeting-duration"
          {...form.field('durationMinutes')}
        />
        <TextInput
          label={t('meetings.location')}
          placeholder={t('meetings.locationPlaceholder')}
          maxLength={500}
          data-testid="meeting-location"
          {...form.field('location')}
        />
      </SimpleGrid>
      <MultiSelect
        label={t('meetings.participants')}
        description={t('meetings.participantsHint')}
        data={people}
        searchable
        withAsterisk
        maxValues={50}
        nothingFoundMessage={t('common.noResults')}
        data-testid="meeting-participants"
        {...form.field('participantIds')}
      />
      <Select
        label={t('meetings.host')}
        description={t('meetings.hostHint')}
        data={people}
        searchable
        allowDeselect={false}
        nothingFoundMessage={t('common.noResults')}
        data-testid="meeting-host"
        {...form.field('hostId')}
      />
      <AgendaTemplateEditor
        value={draft.agendaTemplate}
        onChange={(next) => form.setFieldValue('agendaTemplate', next)}
        durationMinutes={draft.durationMinutes}
        errors={fieldErrors}
        disabled={form.disabled}
      />
    </Stack>
  );
}
