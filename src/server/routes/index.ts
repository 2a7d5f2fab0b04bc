/**
 * The route table: every route of the server, in one list. The app mounts it,
 * the OpenAPI document describes it, and the isolation test walks it. A new
 * resource is one file in this folder and one line here.
 */
import type { RouteSpec } from '../route-kit.js';
import { accountRoutes } from './account.js';
import { backupRoutes } from './backup.js';
import { calendarFeedRoutes } from './calendar-feed.js';
import { contactRoutes } from './contacts.js';
import { engineRoutes } from './engine.js';
import { networkRoutes } from './network.js';
import { transferRoutes } from './transfer.js';
import { pageRoutes } from './pages.js';
import { profileRoutes } from './profile.js';
import { searchRoutes } from './search.js';
import { touchpointRoutes } from './touchpoints.js';

/** Every route, in the order they are matched. */
export function allRoutes(): RouteSpec[] {
  const list: RouteSpec[] = [
    ...pageRoutes(() => list),
    ...accountRoutes,
    ...contactRoutes,
    ...touchpointRoutes,
    ...engineRoutes,
    ...networkRoutes,
    ...transferRoutes,
    ...searchRoutes,
    ...profileRoutes,
    ...backupRoutes,
    ...calendarFeedRoutes,
  ];
  return list;
}
