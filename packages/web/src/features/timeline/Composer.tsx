import { Button, Group, MultiSelect, SegmentedControl, Stack, Textarea } from '@mantine/core';
import { limits } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../components/notify';
import { useAllUsers } from '../settings/useUsers';
import { type TimelineTarget, useAddTimelineEntry } from './useTimeline';

/** Writes a note (markdown) or a comment with @mentions to a record's timeline. */
export function Composer({ kind, id }: { kind: TimelineTarget; id: string }) {
  const { t } = useTranslation();
  const [mode, setMode] = useState<'notes' | 'comments'>('notes');
  const [body, setBody] = useState('');
  const [mentions, setMentions] = useState<string[]>([]);
  const users = useAllUsers();
  const add = useAddTimelineEntry(kind, id);
  const isNote = mode === 'notes';

  const submit = () => {
    if (!body.trim()) return;
    add.mutate(
      { type: mode, body, mentions },
      {
        onSuccess: () => {
          setBody('');
          setMentions([]);
          notifySuccess(isNote ? t('timeline.noteAdded') : t('timeline.commentAdded'));
        },
        onError: (e) => notifyError(t, e),
      },
    );
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      <Stack gap="xs">
        <SegmentedControl
          size="xs"
          value={mode}
          onChange={(v) => setMode(v === 'comments' ? 'comments' : 'notes')}
          data={[
            { value: 'notes', label: t('timeline.noteTab') },
            { value: 'comments', label: t('timeline.commentTab') },
          ]}
          w="fit-content"
        />
        <Textarea
          label={isNote ? t('timeline.noteLabel') : t('timeline.commentLabel')}
          placeholder={isNote ? t('timeline.notePlaceholder') : t('timeline.commentPlaceholder')}
          value={body}
          onChange={(e) => setBody(e.currentTarget.value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && (e.ctrlKey || e.metaKey)) submit();
          }}
          autosize
          minRows={3}
          maxRows={12}
          maxLength={isNote ? limits.noteMax : limits.commentMax}
        />
        <MultiSelect
          label={t('timeline.mentionLabel')}
          placeholder={t('timeline.mentionPlaceholder')}
          data={(users.data?.items ?? [])
            .filter((u) => u.active)
            .map((u) => ({ value: u.id, label: `@${u.name} · ${t(`department.${u.department}`)}` }))}
          value={mentions}
          onChange={setMentions}
          searchable
          maxValues={limits.mentionsMax}
          nothingFoundMessage={t('common.noResults')}
        />
        <Group justify="flex-end">
          <Button type="submit" size="sm" loading={add.isPending} disabled={!body.trim()}>
            {isNote ? t('timeline.addNote') : t('timeline.addComment')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}
