import { Tabs } from '@mantine/core';
import { useNavigate } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { PageHeader } from '../../components/ListControls';
import { useMe } from '../auth/useAuth';
import { LeadInbox } from './LeadInbox';
import { LeadOutcomes } from './LeadOutcomes';
import { type LeadTab, leadTabs } from './leadTabs';
import { ReturnedLeads } from './ReturnedLeads';

/** Both departments see every tab; each starts where its work is (sales: inbox, marketing: returned). */
export function LeadsPage({ tab }: { tab: LeadTab | undefined }) {
  const { t } = useTranslation();
  const me = useMe();
  const navigate = useNavigate();
  const active = tab ?? (me.department === 'marketing' ? 'returned' : 'inbox');
  return (
    <>
      <PageHeader title={t('leads.title')} />
      <Tabs
        value={active}
        onChange={(v) => v && void navigate({ to: '/leads', search: { tab: v as LeadTab } })}
        keepMounted={false}
      >
        <Tabs.List aria-label={t('leads.tabs')} mb="lg">
          {leadTabs.map((k) => (
            <Tabs.Tab key={k} value={k}>
              {t(`leads.tab.${k}`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="inbox">
          <LeadInbox />
        </Tabs.Panel>
        <Tabs.Panel value="returned">
          <ReturnedLeads />
        </Tabs.Panel>
        <Tabs.Panel value="outcomes">
          <LeadOutcomes />
        </Tabs.Panel>
      </Tabs>
    </>
  );
}
