import { Button, Group, Paper, Stack, Text, Textarea, Title } from '@mantine/core';
import { CreateCheckinInput, can, type Rotation, rotationRecord } from '@nenner/shared';
import { useTranslation } from 'react-i18next';
import { DateField } from '../../components/fields';
import { FormProblem } from '../../components/form/FormProblem';
import { useRecordForm } from '../../components/form/useRecordForm';
import { notifySuccess } from '../../components/notify';
import { formatDay } from '../../i18n/format';
import { useMe } from '../auth/useAuth';
import { localDay } from '../goals/goalForm';
import { localizeRotationError } from './localizeError';
import { useAddCheckin } from './useRotations';

/** The day a new check-in defaults to: today inside the period, else its nearest end. */
const defaultDay = (rotation: Rotation): string => {
  const today = localDay(new Date());
  if (today < rotation.startsOn) return rotation.startsOn;
  if (today > rotation.endsOn) return rotation.endsOn;
  return today;
};

/** Check-ins: a day and a note; only the person and the mentor write them. */
export function RotationCheckins({ rotation }: { rotation: Rotation }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const add = useAddCheckin(rotation.id);
  const mayWrite = can(me, 'rotations.checkin', rotationRecord(rotation)) && rotation.status !== 'cancelled';
  const form = useRecordForm({
    initialValues: { date: defaultDay(rotation), note: '' },
    schema: CreateCheckinInput,
    error: localizeRotationError(t, add.error),
  });
  return (
    <Paper withBorder p="md" component="section" aria-labelledby="rotation-checkins-title">
      <Title order={2} size="h4" id="rotation-checkins-title" mb="xs">
        {t('rotations.checkins.title')}
      </Title>
      <Stack gap="sm">
        {rotation.checkins.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('rotations.checkins.empty')}
          </Text>
        ) : (
          <Stack component="ol" gap="xs" p={0} m={0} style={{ listStyle: 'none' }} data-testid="rotation-checkins">
            {rotation.checkins.map((c) => (
              <li key={c.id}>
                <Text size="xs" c="dimmed">
                  {t('rotations.checkins.meta', {
                    date: formatDay(c.date, i18n.language),
                    name: c.author?.name ?? t('common.unknown'),
                  })}
                </Text>
                <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
                  {c.note}
                </Text>
              </li>
            ))}
          </Stack>
        )}
        {mayWrite && (
          <form
            onSubmit={form.onSubmit((input) =>
              add.mutate(input, {
                onSuccess: () => {
                  notifySuccess(t('rotations.checkins.saved'));
                  form.setFieldValue('note', '');
                },
              }),
            )}
          >
            <Stack gap="xs">
              <FormProblem problem={form.problem} />
              <Group align="flex-start" wrap="wrap" gap="xs">
                <DateField
                  label={t('rotations.checkins.date')}
                  min={rotation.startsOn}
                  max={rotation.endsOn}
                  {...form.field('date')}
                />
                <Textarea
                  label={t('rotations.checkins.note')}
                  autosize
                  minRows={2}
                  style={{ flex: 1, minWidth: 220 }}
                  {...form.field('note')}
                  data-testid="rotation-checkin-note"
                />
              </Group>
              <Group justify="flex-end">
                <Button type="submit" loading={add.isPending} data-testid="rotation-checkin-save">
                  {t('rotations.checkins.save')}
                </Button>
              </Group>
            </Stack>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
