import type { QueryClient } from '@tanstack/react-query';
import {
  createRootRouteWithContext,
  createRoute,
  createRouter,
  lazyRouteComponent,
  Outlet,
  redirect,
} from '@tanstack/react-router';
import { isApiError } from '../api/client';
import { AccountDetail } from '../features/accounts/AccountDetail';
import { AccountList } from '../features/accounts/AccountList';
import { MyTasks } from '../features/activities/MyTasks';
import { isReportTab, type ReportTab } from '../features/analytics/reportTabs';
import { LoginPage } from '../features/auth/LoginPage';
import { meQuery } from '../features/auth/useAuth';
import { CampaignDetail } from '../features/campaigns/CampaignDetail';
import { CampaignList } from '../features/campaigns/CampaignList';
import { CompetitorDetail } from '../features/competitors/CompetitorDetail';
import { CompetitorList } from '../features/competitors/CompetitorList';
import { ContactDetail } from '../features/contacts/ContactDetail';
import { ContactList } from '../features/contacts/ContactList';
import { DealDetail } from '../features/deals/DealDetail';
import { DealsPage, parseDealsSearch } from '../features/deals/DealsPage';
import { GoalDetail } from '../features/goals/GoalDetail';
import { GoalList } from '../features/goals/GoalList';
import { HomePage } from '../features/home/HomePage';
import { LeadDetail } from '../features/leads/LeadDetail';
import { LeadsPage, type LeadTab, leadTabs } from '../features/leads/LeadsPage';
import { MeetingDetail } from '../features/meetings/MeetingDetail';
import { MeetingList } from '../features/meetings/MeetingList';
import { OccurrenceDetail } from '../features/meetings/OccurrenceDetail';
import { QualityPage, type QualityTab, qualityTabs } from '../features/quality/QualityPage';
import { SettingsPage, type SettingsSection, settingsSections } from '../features/settings/SettingsPage';
import { applyLocale } from '../i18n';
import { Shell } from './layout/Shell';

interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({ component: Outlet });

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (s: Record<string, unknown>): { redirect?: string } =>
    typeof s.redirect === 'string' ? { redirect: s.redirect } : {},
  component: function Login() {
    const { redirect: to } = loginRoute.useSearch();
    return <LoginPage redirect={to} />;
  },
});

/** Everything below needs a session; without one the user lands on the login page and comes back. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      const me = await context.queryClient.ensureQueryData(meQuery);
      applyLocale(me.locale);
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        throw redirect({ to: '/login', search: location.href === '/' ? {} : { redirect: location.href } });
      }
      throw e;
    }
  },
  component: Shell,
});

const indexRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });

const accountsRoute = createRoute({ getParentRoute: () => appRoute, path: '/accounts', component: AccountList });
const accountRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts/$accountId',
  component: function AccountPage() {
    const { accountId } = accountRoute.useParams();
    return <AccountDetail key={accountId} id={accountId} />;
  },
});
const contactsRoute = createRoute({ getParentRoute: () => appRoute, path: '/contacts', component: ContactList });
const contactRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/contacts/$contactId',
  component: function ContactPage() {
    const { contactId } = contactRoute.useParams();
    return <ContactDetail key={contactId} id={contactId} />;
  },
});
const leadsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads',
  validateSearch: (s: Record<string, unknown>): { tab?: LeadTab } =>
    leadTabs.includes(s.tab as LeadTab) ? { tab: s.tab as LeadTab } : {},
  component: function Leads() {
    const { tab } = leadsRoute.useSearch();
    return <LeadsPage tab={tab} />;
  },
});
const leadRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/leads/$handoffId',
  component: function LeadPage() {
    const { handoffId } = leadRoute.useParams();
    return <LeadDetail key={handoffId} id={handoffId} />;
  },
});
const dealsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deals',
  validateSearch: parseDealsSearch,
  component: function Deals() {
    return <DealsPage search={dealsRoute.useSearch()} />;
  },
});
const dealRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/deals/$dealId',
  component: function DealPage() {
    const { dealId } = dealRoute.useParams();
    return <DealDetail key={dealId} id={dealId} />;
  },
});
const competitorsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/competitors',
  component: CompetitorList,
});
const competitorRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/competitors/$competitorId',
  component: function CompetitorPage() {
    const { competitorId } = competitorRoute.useParams();
    return <CompetitorDetail key={competitorId} id={competitorId} />;
  },
});
const campaignsRoute = createRoute({ getParentRoute: () => appRoute, path: '/campaigns', component: CampaignList });
const campaignRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/campaigns/$campaignId',
  component: function CampaignPage() {
    const { campaignId } = campaignRoute.useParams();
    return <CampaignDetail key={campaignId} id={campaignId} />;
  },
});
const goalsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/goals',
  // ?new=true opens "Neues Ziel" (the start page's empty state links here)
  validateSearch: (s: Record<string, unknown>): { new?: boolean } =>
    s.new === true || s.new === 'true' ? { new: true } : {},
  component: function Goals() {
    const search = goalsRoute.useSearch();
    return <GoalList creating={search.new === true} />;
  },
});
// A goal's page; its burn-up chart brings the chart library when it is drawn.
const goalRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/goals/$goalId',
  component: function GoalPage() {
    const { goalId } = goalRoute.useParams();
    return <GoalDetail key={goalId} id={goalId} />;
  },
});
const meetingsRoute = createRoute({ getParentRoute: () => appRoute, path: '/meetings', component: MeetingList });
const meetingRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/meetings/$seriesId',
  component: function MeetingPage() {
    const { seriesId } = meetingRoute.useParams();
    return <MeetingDetail key={seriesId} id={seriesId} />;
  },
});
// An occurrence's id (<series id>:<original start>) names its series, so it needs no nesting under it.
const occurrenceRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/occurrences/$occurrenceId',
  component: function OccurrencePage() {
    const { occurrenceId } = occurrenceRoute.useParams();
    return <OccurrenceDetail key={occurrenceId} id={occurrenceId} />;
  },
});
const tasksRoute = createRoute({ getParentRoute: () => appRoute, path: '/tasks', component: MyTasks });
const qualityRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/quality',
  validateSearch: (s: Record<string, unknown>): { tab?: QualityTab } =>
    qualityTabs.includes(s.tab as QualityTab) ? { tab: s.tab as QualityTab } : {},
  component: function Quality() {
    const { tab } = qualityRoute.useSearch();
    return <QualityPage tab={tab} />;
  },
});
// The report page brings the chart library; it loads only when someone opens it.
const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports',
  validateSearch: (s: Record<string, unknown>): { tab?: ReportTab } => (isReportTab(s.tab) ? { tab: s.tab } : {}),
  component: lazyRouteComponent(() => import('../features/reports/ReportsPage'), 'ReportsPage'),
});
// Dashboards bring the chart library too; they load when someone opens them.
const dashboardsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/dashboards',
  validateSearch: (s: Record<string, unknown>): { id?: string } =>
    typeof s.id === 'string' && s.id.length <= 64 ? { id: s.id } : {},
  component: lazyRouteComponent(() => import('../features/dashboards/DashboardsPage'), 'DashboardsPage'),
});
const settingsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/settings',
  validateSearch: (s: Record<string, unknown>): { section?: SettingsSection } =>
    settingsSections.includes(s.section as SettingsSection) ? { section: s.section as SettingsSection } : {},
  component: function Settings() {
    const { section } = settingsRoute.useSearch();
    return <SettingsPage section={section ?? 'profile'} />;
  },
});

const routeTree = rootRoute.addChildren([
  loginRoute,
  appRoute.addChildren([
    indexRoute,
    accountsRoute,
    accountRoute,
    contactsRoute,
    contactRoute,
    leadsRoute,
    leadRoute,
    dealsRoute,
    dealRoute,
    competitorsRoute,
    competitorRoute,
    campaignsRoute,
    campaignRoute,
    goalsRoute,
    goalRoute,
    meetingsRoute,
    meetingRoute,
    occurrenceRoute,
    tasksRoute,
    qualityRoute,
    dashboardsRoute,
    reportsRoute,
    settingsRoute,
  ]),
]);

export const createAppRouter = (queryClient: QueryClient) =>
  createRouter({ routeTree, context: { queryClient }, defaultPreload: false, scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
