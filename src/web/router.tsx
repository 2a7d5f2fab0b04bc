/**
 * The app's routes. Today is part of this chunk (it is the first page); every
 * other page is its own lazily loaded chunk.
 */
import { createRootRoute, createRoute, createRouter, lazyRouteComponent, RouterProvider } from '@tanstack/react-router';
import { Shell } from './components/Shell.js';
import { Today } from './pages/Today.js';

const rootRoute = createRootRoute({ component: Shell });

const page = <P extends string>(path: P, load: () => Promise<Record<string, unknown>>, name: string) =>
  createRoute({ getParentRoute: () => rootRoute, path, component: lazyRouteComponent(load as never, name as never) });

const whoSearch = (s: Record<string, unknown>): { who?: string } => (typeof s.who === 'string' && s.who ? { who: s.who } : {});

const todayRoute = createRoute({ getParentRoute: () => rootRoute, path: '/', component: Today });
const contactsRoute = page('/contacts', () => import('./pages/Contacts.js'), 'Contacts');
const duplicatesRoute = page('/contacts/duplicates', () => import('./pages/Duplicates.js'), 'Duplicates');
const contactRoute = page('/contacts/$id', () => import('./pages/ContactPage.js'), 'ContactPage');
const composeRoute = createRoute({
  getParentRoute: () => rootRoute,
  path: '/compose',
  validateSearch: whoSearch,
  component: lazyRouteComponent(() => import('./pages/Composer.js'), 'Composer'),
});
const insightsRoute = page('/insights', () => import('./pages/Insights.js'), 'Insights');
const networkRoute = page('/network', () => import('./pages/Network.js'), 'Network');
const introsRoute = page('/introductions', () => import('./pages/Introductions.js'), 'Introductions');
const writingRoute = page('/writing', () => import('./pages/Writing.js'), 'Writing');
const resourcesRoute = page('/resources', () => import('./pages/Resources.js'), 'Resources');
const importRoute = page('/import', () => import('./pages/Import.js'), 'Import');
const settingsRoute = page('/settings', () => import('./pages/Settings.js'), 'Settings');

const routeTree = rootRoute.addChildren([
  todayRoute,
  contactsRoute,
  duplicatesRoute,
  contactRoute,
  composeRoute,
  insightsRoute,
  networkRoute,
  introsRoute,
  writingRoute,
  resourcesRoute,
  importRoute,
  settingsRoute,
]);

export const router = createRouter({ routeTree, defaultPreload: 'intent', scrollRestoration: true });

declare module '@tanstack/react-router' {
  interface Register {
    router: typeof router;
  }
}

export function AppRouter() {
  return <RouterProvider router={router} />;
}
