import { Anchor, Grid, Group, Stack } from '@mantine/core';
import { type Contact, can, UpdateContactInput } from '@nenner/shared';
import { Link, useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useDeleteRecord, useRecord, useUpdateRecord } from '../../api/records';
import { DeleteButton } from '../../components/DeleteButton';
import { DepartmentBadge } from '../../components/DepartmentBadge';
import { DetailHeader, Fact } from '../../components/DetailHeader';
import { DetailError, DetailSkeleton } from '../../components/DetailSkeleton';
import { notifyError, notifySuccess } from '../../components/notify';
import { RecordEditor } from '../../components/RecordEditor';
import { formatDateTime } from '../../i18n/format';
import { ActivityPanel } from '../activities/ActivityPanel';
import { useMe } from '../auth/useAuth';
import { ContactPrivacyPanel } from '../gdpr/ContactPrivacyPanel';
import { QualityPanel } from '../quality/QualityPanel';
import { Timeline } from '../timeline/Timeline';
import { ContactFields } from './ContactFields';
import { ContactLeadPanel } from './ContactLeadPanel';
import { contactName, contactToDraft } from './contactForm';
import { StageBadge } from './StageBadge';

export function ContactDetail({ id }: { id: string }) {
  const record = useRecord('contacts', id);
  if (record.isPending) return <DetailSkeleton />;
  if (record.isError) return <DetailError error={record.error} />;
  return <ContactView contact={record.data} onReload={() => void record.refetch()} />;
}

function ContactView({ contact, onReload }: { contact: Contact; onReload: () => void }) {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const update = useUpdateRecord('contacts', contact.id);
  const remove = useDeleteRecord('contacts', contact.id);
  const readOnly = !can(me, 'records.write');
  const name = contactName(contact, t('contact.noName'));

  return (
    <>
      <DetailHeader
        backTo="/contacts"
        backLabel={t('contact.title')}
        title={name}
        facts={
          <>
            <StageBadge stage={contact.lifecycleStage} />
            {contact.jobTitle && <Fact>{contact.jobTitle}</Fact>}
            {contact.account && (
              <Link to="/accounts/$accountId" params={{ accountId: contact.account.id }} className="nenner-link">
                {contact.account.name}
              </Link>
            )}
            {contact.emails[0] && (
              <Anchor href={`mailto:${contact.emails[0]}`} size="sm">
                {contact.emails[0]}
              </Anchor>
            )}
            {contact.owner && (
              <Group gap={4}>
                <Fact>{contact.owner.name}</Fact>
                <DepartmentBadge department={contact.owner.department} size="xs" />
              </Group>
            )}
            <Fact>
              {t('common.updatedAt')}: {formatDateTime(contact.updatedAt, i18n.language, me.timeZone)}
            </Fact>
          </>
        }
        actions={
          !readOnly && (
            <DeleteButton
              name={name}
              loading={remove.isPending}
              onConfirm={() =>
                remove.mutate(undefined, {
                  onSuccess: () => {
                    notifySuccess(t('common.deleted'));
                    void navigate({ to: '/contacts' });
                  },
                  onError: (e) => notifyError(t, e),
                })
              }
            />
          )
        }
      />
      <Grid gap="lg">
        <Grid.Col span={{ base: 12, lg: 7 }}>
          <Stack gap="lg">
            <ContactLeadPanel contact={contact} />
            <ContactPrivacyPanel contact={contact} />
            <QualityPanel type="contact" id={contact.id} />
            <RecordEditor
              key={contact.version}
              title={t('contact.details')}
              initial={contactToDraft(contact)}
              version={contact.version}
              readOnly={readOnly}
              save={update}
              onReload={onReload}
              schema={UpdateContactInput}
            >
              {(form) => <ContactFields form={form} accountName={contact.account?.name} />}
            </RecordEditor>
            <ActivityPanel entityType="contact" entityId={contact.id} />
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, lg: 5 }}>
          <Timeline kind="contacts" id={contact.id} />
        </Grid.Col>
      </Grid>
    </>
  );
}
