import { Button, Group, Modal, Select, Stack, Textarea } from '@mantine/core';
import { can, type Handoff } from '@nenner/shared';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { notifyError, notifySuccess } from '../../components/notify';
import { useAllUsers } from '../settings/useUsers';
import { reasonLabel, useHandoffAction, useRejectReasons } from './useLeads';

interface ModalProps {
  handoff: Handoff;
  opened: boolean;
  onClose: () => void;
}

/** Returns a lead to marketing with a reason from the list (in the user's language) and a comment. */
export function RejectModal({ handoff, opened, onClose }: ModalProps) {
  const { t, i18n } = useTranslation();
  const reasons = useRejectReasons();
  const act = useHandoffAction(handoff.id);
  const [reason, setReason] = useState<string | null>(null);
  const [comment, setComment] = useState('');
  const data = (reasons.data?.value.reasons ?? [])
    .filter((r) => r.active)
    .map((r) => ({ value: r.key, label: reasonLabel(reasons.data?.value, r.key, i18n.language) }));
  const submit = () => {
    if (!reason) return;
    act.mutate(
      { action: 'reject', body: { reason, comment: comment.trim() } },
      {
        onSuccess: () => {
          notifySuccess(t('leads.rejected'));
          onClose();
        },
        onError: (e) => notifyError(t, e),
      },
    );
  };
  return (
    <Modal opened={opened} onClose={onClose} title={t('leads.rejectTitle', { name: handoff.contact.name })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          submit();
        }}
      >
        <Stack>
          <Select
            label={t('leads.reason')}
            placeholder={t('leads.reasonPlaceholder')}
            data={data}
            value={reason}
            onChange={setReason}
            required
            allowDeselect={false}
            comboboxProps={{ withinPortal: false }}
            data-autofocus
          />
          <Textarea
            label={t('leads.comment')}
            description={t('leads.commentHint')}
            value={comment}
            onChange={(e) => setComment(e.currentTarget.value)}
            maxLength={2000}
            autosize
            minRows={3}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" color="orange" loading={act.isPending} disabled={!reason}>
              {t('leads.rejectConfirm')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Marketing sends a returned lead back to nurture, with a note for the record. */
export function RecycleModal({ handoff, opened, onClose }: ModalProps) {
  const { t } = useTranslation();
  const act = useHandoffAction(handoff.id);
  const [note, setNote] = useState('');
  return (
    <Modal opened={opened} onClose={onClose} title={t('leads.recycleTitle', { name: handoff.contact.name })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          act.mutate(
            { action: 'recycle', body: { note: note.trim() } },
            {
              onSuccess: () => {
                notifySuccess(t('leads.recycled'));
                onClose();
              },
              onError: (e2) => notifyError(t, e2),
            },
          );
        }}
      >
        <Stack>
          <Textarea
            label={t('leads.recycleNote')}
            description={t('leads.recycleHint')}
            value={note}
            onChange={(e) => setNote(e.currentTarget.value)}
            maxLength={2000}
            autosize
            minRows={3}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={act.isPending}>
              {t('leads.recycle')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}

/** Hands the lead to a colleague; the SLA due time stays. */
export function ReassignModal({ handoff, opened, onClose }: ModalProps) {
  const { t } = useTranslation();
  const users = useAllUsers();
  const act = useHandoffAction(handoff.id);
  const [userId, setUserId] = useState<string | null>(null);
  const data = (users.data?.items ?? [])
    // only someone who can answer the lead: an active sales member or an admin
    .filter((u) => u.active && u.id !== handoff.assigneeId && can(u, 'handoffs.answer'))
    .sort((a, b) => (a.department === 'sales' ? 0 : 1) - (b.department === 'sales' ? 0 : 1))
    .map((u) => ({ value: u.id, label: `${u.name} · ${t(`department.${u.department}`)}` }));
  return (
    <Modal opened={opened} onClose={onClose} title={t('leads.reassignTitle', { name: handoff.contact.name })}>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          if (!userId) return;
          act.mutate(
            { action: 'reassign', body: { userId } },
            {
              onSuccess: () => {
                notifySuccess(t('leads.reassigned'));
                onClose();
              },
              onError: (e2) => notifyError(t, e2),
            },
          );
        }}
      >
        <Stack>
          <Select
            label={t('leads.reassignTo')}
            data={data}
            value={userId}
            onChange={setUserId}
            searchable
            required
            nothingFoundMessage={t('common.noResults')}
            comboboxProps={{ withinPortal: false }}
            data-autofocus
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={onClose}>
              {t('common.cancel')}
            </Button>
            <Button type="submit" loading={act.isPending} disabled={!userId}>
              {t('leads.reassign')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
