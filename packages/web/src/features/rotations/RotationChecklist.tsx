import { ActionIcon, Button, Checkbox, Group, Paper, Stack, Text, TextInput, Title } from '@mantine/core';
import type { Rotation } from '@nenner/shared';
import { IconPlus, IconTrash } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError } from '../../components/notify';
import { doneOf } from './rotationFormat';
import { useUpdateRotation } from './useRotations';

type Kind = 'goals' | 'activities';
interface Item {
  id?: string;
  text: string;
  done: boolean;
}

const itemsOf = (rotation: Rotation, kind: Kind): Item[] =>
  kind === 'goals'
    ? rotation.goals.map((g) => ({ id: g.id, text: g.text, done: g.met }))
    : rotation.activities.map((a) => ({ id: a.id, text: a.text, done: a.done }));

/** The whole list as the API takes it: goals carry `met`, activities `done`. */
const bodyOf = (kind: Kind, items: Item[]) =>
  kind === 'goals'
    ? { goals: items.map((i) => ({ ...(i.id && { id: i.id }), text: i.text, met: i.done })) }
    : { activities: items.map((i) => ({ ...(i.id && { id: i.id }), text: i.text, done: i.done })) };

/**
 * Learning goals („erreicht“) or planned activities („erledigt“), each with its checkbox. The person, the
 * mentor and admins tick, add and remove; everyone else reads.
 */
export function RotationChecklist({ rotation, kind, editable }: { rotation: Rotation; kind: Kind; editable: boolean }) {
  const { t } = useTranslation();
  const update = useUpdateRotation(rotation.id);
  const [text, setText] = useState('');
  // what was just sent shows at once; the answer (or, on an error, the stored list) replaces it
  const [sent, setSent] = useState<Item[] | null>(null);
  const items = sent ?? itemsOf(rotation, kind);
  const { done, total } = doneOf(items);
  const open = editable && rotation.status !== 'cancelled';
  const save = (next: Item[], after?: () => void) => {
    setSent(next);
    update.mutate(
      { input: bodyOf(kind, next), version: rotation.version },
      { onSuccess: () => after?.(), onError: (e) => notifyError(t, e), onSettled: () => setSent(null) },
    );
  };
  const titleId = `rotation-${kind}-title`;
  return (
    <Paper withBorder p="md" component="section" aria-labelledby={titleId}>
      <Group justify="space-between" mb="xs">
        <Title order={2} size="h4" id={titleId}>
          {t(`rotations.${kind}`)}
        </Title>
        {total > 0 && (
          <Text size="sm" c="dimmed" data-testid={`rotation-${kind}-count`}>
            {t(`rotations.${kind}Done`, { done, total })}
          </Text>
        )}
      </Group>
      <Stack gap="xs" data-testid={`rotation-${kind}`}>
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t(`rotations.${kind}Empty`)}
          </Text>
        )}
        {items.map((item, index) => (
          <Group key={item.id ?? index} justify="space-between" wrap="nowrap" gap="xs">
            <Checkbox
              label={item.text}
              checked={item.done}
              disabled={!open || update.isPending}
              onChange={(e) => {
                const checked = e.currentTarget.checked;
                save(items.map((x, i) => (i === index ? { ...x, done: checked } : x)));
              }}
            />
            {open && (
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('rotations.removeItem', { text: item.text })}
                disabled={update.isPending}
                onClick={() => save(items.filter((_, i) => i !== index))}
              >
                <IconTrash size={16} aria-hidden />
              </ActionIcon>
            )}
          </Group>
        ))}
        {open && (
          <form
            onSubmit={(e) => {
              e.preventDefault();
              if (text.trim() === '') return;
              save([...items, { text: text.trim(), done: false }], () => setText(''));
            }}
          >
            <Group gap="xs" align="flex-end" wrap="nowrap">
              <TextInput
                label={t(`rotations.add.${kind}`)}
                value={text}
                maxLength={300}
                onChange={(e) => setText(e.currentTarget.value)}
                style={{ flex: 1 }}
              />
              <Button
                type="submit"
                variant="light"
                leftSection={<IconPlus size={16} aria-hidden />}
                loading={update.isPending}
                disabled={text.trim() === ''}
              >
                {t('rotations.add.button')}
              </Button>
            </Group>
          </form>
        )}
      </Stack>
    </Paper>
  );
}
