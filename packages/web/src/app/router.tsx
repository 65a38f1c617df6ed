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
import { parseAccountsSearch } from '../features/accounts/accountsSearch';
import { isReportTab, type ReportTab } from '../features/analytics/reportTabs';
import { LoginPage } from '../features/auth/LoginPage';
import { meQuery } from '../features/auth/useAuth';
import { parseDealsSearch } from '../features/deals/dealsSearch';
import { type EventTab, isEventTab } from '../features/events/eventTabs';
import { HomePage } from '../features/home/HomePage';
import { type LeadTab, leadTabs } from '../features/leads/leadTabs';
import { type QualityTab, qualityTabs } from '../features/quality/qualityTabs';
import { isRotationView, type RotationView } from '../features/rotations/rotationViews';
import { type SettingsSection, settingsSections } from '../features/settings/settingsSections';
import { applyLocale } from '../i18n';
import { Shell } from './layout/Shell';
import { NotFoundPage } from './NotFoundPage';

/*
 * Every screen but the login page and the start page loads when it is first opened, so the first visit
 * downloads only what those two need (docs/performance.md, "First load"). Until a screen's code has
 * arrived, the route shows the pending loader.
 */
const AccountDetail = lazyRouteComponent(() => import('../features/accounts/AccountDetail'), 'AccountDetail');
const AccountList = lazyRouteComponent(() => import('../features/accounts/AccountList'), 'AccountList');
const CampaignDetail = lazyRouteComponent(() => import('../features/campaigns/CampaignDetail'), 'CampaignDetail');
const CampaignList = lazyRouteComponent(() => import('../features/campaigns/CampaignList'), 'CampaignList');
const CompetitorDetail = lazyRouteComponent(
  () => import('../features/competitors/CompetitorDetail'),
  'CompetitorDetail',
);
const CompetitorList = lazyRouteComponent(() => import('../features/competitors/CompetitorList'), 'CompetitorList');
const ContactDetail = lazyRouteComponent(() => import('../features/contacts/ContactDetail'), 'ContactDetail');
const ContactList = lazyRouteComponent(() => import('../features/contacts/ContactList'), 'ContactList');
const DealDetail = lazyRouteComponent(() => import('../features/deals/DealDetail'), 'DealDetail');
const DealsPage = lazyRouteComponent(() => import('../features/deals/DealsPage'), 'DealsPage');
const CheckinPage = lazyRouteComponent(() => import('../features/events/CheckinPage'), 'CheckinPage');
const EventDetail = lazyRouteComponent(() => import('../features/events/EventDetail'), 'EventDetail');
const EventList = lazyRouteComponent(() => import('../features/events/EventList'), 'EventList');
const GoalDetail = lazyRouteComponent(() => import('../features/goals/GoalDetail'), 'GoalDetail');
const GoalList = lazyRouteComponent(() => import('../features/goals/GoalList'), 'GoalList');
const LeadDetail = lazyRouteComponent(() => import('../features/leads/LeadDetail'), 'LeadDetail');
const LeadsPage = lazyRouteComponent(() => import('../features/leads/LeadsPage'), 'LeadsPage');
const MeetingDetail = lazyRouteComponent(() => import('../features/meetings/MeetingDetail'), 'MeetingDetail');
const MeetingList = lazyRouteComponent(() => import('../features/meetings/MeetingList'), 'MeetingList');
const MyTasks = lazyRouteComponent(() => import('../features/activities/MyTasks'), 'MyTasks');
const OccurrenceDetail = lazyRouteComponent(() => import('../features/meetings/OccurrenceDetail'), 'OccurrenceDetail');
const ProjectBoard = lazyRouteComponent(() => import('../features/projects/ProjectBoard'), 'ProjectBoard');
const ProjectDetail = lazyRouteComponent(() => import('../features/projects/ProjectDetail'), 'ProjectDetail');
const QualityPage = lazyRouteComponent(() => import('../features/quality/QualityPage'), 'QualityPage');
const RotationDetail = lazyRouteComponent(() => import('../features/rotations/RotationDetail'), 'RotationDetail');
const RotationsPage = lazyRouteComponent(() => import('../features/rotations/RotationsPage'), 'RotationsPage');
const SettingsPage = lazyRouteComponent(() => import('../features/settings/SettingsPage'), 'SettingsPage');
const SecurityPage = lazyRouteComponent(() => import('../features/security/SecurityPage'), 'SecurityPage');
const EnrollmentRequiredPage = lazyRouteComponent(
  () => import('../features/security/EnrollmentRequiredPage'),
  'EnrollmentRequiredPage',
);
const TeamPage = lazyRouteComponent(() => import('../features/teams/TeamPage'), 'TeamPage');

interface RouterContext {
  queryClient: QueryClient;
}

const rootRoute = createRootRouteWithContext<RouterContext>()({ component: Outlet });

const loginRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/login',
  validateSearch: (s: Record<string, unknown>): { redirect?: string; sso_error?: string } => ({
    ...(typeof s.redirect === 'string' && { redirect: s.redirect }),
    // the single sign-on callback's refusal (issue 15)
    ...(typeof s.sso_error === 'string' && { sso_error: s.sso_error }),
  }),
  component: function Login() {
    const { redirect: to, sso_error: ssoError } = loginRoute.useSearch();
    return <LoginPage redirect={to} ssoError={ssoError} />;
  },
});

/** A user the workspace requires a second factor of, who has none yet, sees only its setup (issue 15). */
const twoFactorSetupRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/two-factor-setup',
  component: EnrollmentRequiredPage,
});

/** Everything below needs a session; without one the user lands on the login page and comes back. */
const appRoute = createRoute({
  getParentRoute: () => rootRoute,
  id: 'app',
  beforeLoad: async ({ context, location }) => {
    try {
      const me = await context.queryClient.ensureQueryData(meQuery);
      await applyLocale(me.locale);
    } catch (e) {
      if (isApiError(e) && e.status === 401) {
        throw redirect({ to: '/login', search: location.href === '/' ? {} : { redirect: location.href } });
      }
      if (isApiError(e) && e.code === 'two_factor_enrollment_required') throw redirect({ to: '/two-factor-setup' });
      throw e;
    }
  },
  component: Shell,
});

const indexRoute = createRoute({ getParentRoute: () => appRoute, path: '/', component: HomePage });
const securityRoute = createRoute({ getParentRoute: () => appRoute, path: '/security', component: SecurityPage });

// ?pair=, ?teamId= and ?openDeals= come from links (the coverage figure, a team's page)
const accountsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/accounts',
  validateSearch: parseAccountsSearch,
  component: function Accounts() {
    return <AccountList search={accountsRoute.useSearch()} />;
  },
});
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
const eventsRoute = createRoute({ getParentRoute: () => appRoute, path: '/events', component: EventList });
const importsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/imports',
  component: lazyRouteComponent(() => import('../features/imports/ImportPage'), 'ImportPage'),
});
// ?tab= opens one of the event page's tabs (registrations when absent)
const eventRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/events/$eventId',
  validateSearch: (s: Record<string, unknown>): { tab?: EventTab } => (isEventTab(s.tab) ? { tab: s.tab } : {}),
  component: function EventPage() {
    const { eventId } = eventRoute.useParams();
    const { tab } = eventRoute.useSearch();
    return <EventDetail key={eventId} id={eventId} tab={tab} />;
  },
});
// The door list on a phone; a registration's QR code opens it with ?registration=<id>.
const checkinRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/events/$eventId/checkin',
  validateSearch: (s: Record<string, unknown>): { registration?: string } =>
    typeof s.registration === 'string' && s.registration.length <= 64 ? { registration: s.registration } : {},
  component: function Checkin() {
    const { eventId } = checkinRoute.useParams();
    const { registration } = checkinRoute.useSearch();
    return <CheckinPage key={eventId} id={eventId} registrationId={registration} />;
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
// Perspektivwechsel: ?view= calendar (default), list or report; ?new=true opens "Perspektivwechsel planen"
const rotationsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/rotations',
  validateSearch: (s: Record<string, unknown>): { view?: RotationView; new?: boolean } => ({
    ...(isRotationView(s.view) && { view: s.view }),
    ...((s.new === true || s.new === 'true') && { new: true }),
  }),
  component: function Rotations() {
    const search = rotationsRoute.useSearch();
    return <RotationsPage view={search.view ?? 'calendar'} creating={search.new === true} />;
  },
});
const rotationRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/rotations/$rotationId',
  component: function RotationPage() {
    const { rotationId } = rotationRoute.useParams();
    return <RotationDetail key={rotationId} id={rotationId} />;
  },
});
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
const teamRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/teams/$teamId',
  component: function Team() {
    const { teamId } = teamRoute.useParams();
    return <TeamPage key={teamId} id={teamId} />;
  },
});
const projectsRoute = createRoute({ getParentRoute: () => appRoute, path: '/projects', component: ProjectBoard });
const projectRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/projects/$projectId',
  component: function ProjectPage() {
    const { projectId } = projectRoute.useParams();
    return <ProjectDetail key={projectId} id={projectId} />;
  },
});

// any other address: a 404 inside the layout (after the session check), in the user's language
const notFoundRoute = createRoute({ getParentRoute: () => appRoute, path: '$', component: NotFoundPage });

const routeTree = rootRoute.addChildren([
  loginRoute,
  twoFactorSetupRoute,
  appRoute.addChildren([
    indexRoute,
    securityRoute,
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
    eventsRoute,
    importsRoute,
    eventRoute,
    checkinRoute,
    goalsRoute,
    goalRoute,
    meetingsRoute,
    meetingRoute,
    occurrenceRoute,
    tasksRoute,
    rotationsRoute,
    rotationRoute,
    qualityRoute,
    dashboardsRoute,
    reportsRoute,
    settingsRoute,
    teamRoute,
    projectsRoute,
    projectRoute,
    notFoundRoute,
  ]),
]);

export const createAppRouter = (queryClient: QueryClient) =>
  createRouter({ routeTree, context: { queryClient }, defaultPreload: false, scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: ReturnType<typeof createAppRouter>;
  }
}
