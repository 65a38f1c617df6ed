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
import { LoginPage } from '../features/auth/LoginPage';
import { meQuery } from '../features/auth/useAuth';
import { ContactDetail } from '../features/contacts/ContactDetail';
import { ContactList } from '../features/contacts/ContactList';
import { LeadDetail } from '../features/leads/LeadDetail';
import { LeadsPage, type LeadTab, leadTabs } from '../features/leads/LeadsPage';
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

const indexRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/',
  beforeLoad: () => {
    throw redirect({ to: '/contacts' });
  },
});

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
// The report page brings the chart library; it loads only when someone opens it.
const reportsRoute = createRoute({
  getParentRoute: () => appRoute,
  path: '/reports',
  component: lazyRouteComponent(() => import('../features/reports/ReportsPage'), 'ReportsPage'),
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
