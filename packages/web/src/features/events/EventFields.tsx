import {
  Fieldset,
  NumberInput,
  SegmentedControl,
  Select,
  SimpleGrid,
  Stack,
  Switch,
  Text,
  Textarea,
  TextInput,
} from '@mantine/core';
import { type EventType, eventTypes } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DateField, TimeField } from '../../components/fields';
import type { RecordForm } from '../../components/form/useRecordForm';
import { UserSelect } from '../../components/UserSelect';
import { CampaignPicker } from '../campaigns/CampaignPicker';
import { TeamSelect } from '../teams/TeamSelect';
import { type EventDraft, type FormStatus, slugFromTitle } from './eventForm';

const timeZones = (current: string): string[] => {
  const intl = Intl as typeof Intl & { supportedValuesOf?: (key: string) => string[] };
  const all = intl.supportedValuesOf?.('timeZone') ?? ['Europe/Berlin', 'Europe/Vienna', 'Europe/Zurich', 'UTC'];
  return all.includes(current) ? all : [current, ...all];
};

/**
 * Every field of an event: what and when (wall times in the event's zone), where, seats and the
 * waiting list, the public address, its campaign and who is responsible. Required fields carry an
 * asterisk, not `required`, so the form's own translated checks speak.
 */
export function EventFields({ form, mode }: { form: RecordForm<EventDraft>; mode: 'create' | 'edit' }) {
  const { t } = useTranslation();
  const { values: d, fieldErrors } = form;
  // a new event's address follows its title until someone types one
  const [slugTouched, setSlugTouched] = useState(mode === 'edit');
  const setTitle = (value: string) => {
    form.setFieldValue('title', value);
    if (!slugTouched) form.setFieldValue('slug', slugFromTitle(value));
  };
  const setStartDate = (value: string) => {
    // a one-day event stays one day when its date moves
    if (d.endDate === d.startDate || d.endDate < value) form.setFieldValue('endDate', value);
    form.setFieldValue('startDate', value);
  };
  const statuses: FormStatus[] = mode === 'create' ? ['open', 'draft'] : ['draft', 'open', 'closed'];
  return (
    <Stack>
      <TextInput
        label={t('events.fields.title')}
        withAsterisk
        maxLength={200}
        data-autofocus
        data-testid="event-title"
        {...form.field('title')}
        onChange={(e) => setTitle(e.currentTarget.value)}
      />
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <Select
          label={t('events.fields.type')}
          data={eventTypes.map((x) => ({ value: x, label: t(`events.type.${x}`) }))}
          allowDeselect={false}
          data-testid="event-type"
          {...form.field('type')}
          onChange={(v) => v && form.setFieldValue('type', v as EventType)}
        />
        <Select
          label={t('events.fields.status')}
          description={t(mode === 'create' ? 'events.fields.statusHintCreate' : 'events.fields.statusHint')}
          data={statuses.map((s) => ({ value: s, label: t(`events.status.${s}`) }))}
          allowDeselect={false}
          data-testid="event-status"
          {...form.field('status')}
          onChange={(v) => v && form.setFieldValue('status', v as FormStatus)}
        />
      </SimpleGrid>
      <Textarea
        label={t('events.fields.description')}
        description={t('events.fields.descriptionHint')}
        autosize
        minRows={3}
        maxRows={12}
        maxLength={20_000}
        data-testid="event-description"
        {...form.field('description')}
      />
      <Fieldset legend={t('events.fields.when')} variant="unstyled">
        <Stack gap="xs">
          <SimpleGrid cols={{ base: 2, sm: 4 }}>
            <DateField
              label={t('events.fields.startDate')}
              withAsterisk
              data-testid="event-start-date"
              value={d.startDate}
              onChange={setStartDate}
              error={fieldErrors.startsAt}
              disabled={form.disabled}
            />
            <TimeField
              label={t('events.fields.startTime')}
              withAsterisk
              data-testid="event-start-time"
              {...form.field('startTime')}
              error={Boolean(fieldErrors.startsAt)}
            />
            <DateField
              label={t('events.fields.endDate')}
              withAsterisk
              data-testid="event-end-date"
              {...form.field('endDate')}
              error={fieldErrors.endsAt}
            />
            <TimeField
              label={t('events.fields.endTime')}
              withAsterisk
              data-testid="event-end-time"
              {...form.field('endTime')}
              error={Boolean(fieldErrors.endsAt)}
            />
          </SimpleGrid>
          <Select
            label={t('events.fields.timeZone')}
            description={t('events.fields.timeZoneHint')}
            data={timeZones(d.timeZone)}
            searchable
            allowDeselect={false}
            limit={50}
            data-testid="event-time-zone"
            {...form.field('timeZone')}
            onChange={(v) => v && form.setFieldValue('timeZone', v)}
            w={{ base: '100%', sm: 320 }}
          />
        </Stack>
      </Fieldset>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <TextInput
          label={t('events.fields.venue')}
          placeholder={t('events.fields.venuePlaceholder')}
          maxLength={500}
          data-testid="event-venue"
          {...form.field('venue')}
        />
        <TextInput
          type="url"
          label={t('events.fields.onlineUrl')}
          placeholder="https://"
          maxLength={2000}
          data-testid="event-online-url"
          {...form.field('onlineUrl')}
        />
      </SimpleGrid>
      <Text size="xs" c="dimmed" mt={-8}>
        {t('events.fields.placeHint')}
      </Text>
      <SimpleGrid cols={{ base: 1, sm: 3 }}>
        <NumberInput
          label={t('events.fields.capacity')}
          withAsterisk
          min={1}
          max={100_000}
          allowDecimal={false}
          allowNegative={false}
          data-testid="event-capacity"
          {...form.field('capacity')}
        />
        <DateField
          label={t('events.fields.deadlineDate')}
          description={t('events.fields.deadlineHint')}
          data-testid="event-deadline-date"
          {...form.field('deadlineDate')}
          error={fieldErrors.registrationDeadline}
        />
        <TimeField
          label={t('events.fields.deadlineTime')}
          description={t('events.fields.deadlineTimeHint')}
          data-testid="event-deadline-time"
          {...form.field('deadlineTime')}
          error={Boolean(fieldErrors.registrationDeadline)}
          disabled={form.disabled || !d.deadlineDate}
        />
      </SimpleGrid>
      <Switch
        label={t('events.fields.waitlist')}
        description={t('events.fields.waitlistHint')}
        data-testid="event-waitlist"
        {...form.checkbox('waitlist')}
      />
      <TextInput
        label={t('events.fields.slug')}
        description={t('events.fields.slugHint')}
        withAsterisk
        leftSection={
          <Text size="sm" c="dimmed">
            /e/
          </Text>
        }
        leftSectionWidth={36}
        maxLength={60}
        data-testid="event-slug"
        {...form.field('slug')}
        onChange={(e) => {
          setSlugTouched(true);
          form.setFieldValue('slug', e.currentTarget.value.toLowerCase());
        }}
      />
      <Fieldset legend={t('events.fields.campaign')} variant="unstyled">
        <Stack gap="xs">
          {mode === 'create' && (
            <SegmentedControl
              data={[
                { value: 'new', label: t('events.fields.campaignNew') },
                { value: 'existing', label: t('events.fields.campaignExisting') },
              ]}
              value={d.campaignMode}
              onChange={(v) => form.setFieldValue('campaignMode', v as EventDraft['campaignMode'])}
              disabled={form.disabled}
              data-testid="event-campaign-mode"
            />
          )}
          {d.campaignMode === 'new' ? (
            <Text size="sm" c="dimmed">
              {t('events.fields.campaignNewHint')}
            </Text>
          ) : (
            <CampaignPicker
              value={d.campaignId}
              onChange={(id) => form.setFieldValue('campaignId', id)}
              error={fieldErrors.campaignId}
              disabled={form.disabled}
              description={t('events.fields.campaignHint')}
            />
          )}
        </Stack>
      </Fieldset>
      <SimpleGrid cols={{ base: 1, sm: 2 }}>
        <UserSelect
          label={t('events.fields.owner')}
          value={d.ownerId}
          onChange={(id) => form.setFieldValue('ownerId', id)}
          error={fieldErrors.ownerId}
          disabled={form.disabled}
        />
        <TeamSelect
          value={d.teamId}
          onChange={(id) => form.setFieldValue('teamId', id)}
          error={fieldErrors.teamId}
          disabled={form.disabled}
        />
      </SimpleGrid>
    </Stack>
  );
}
