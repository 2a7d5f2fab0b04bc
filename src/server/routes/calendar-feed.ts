/**
 * The calendar feed: manage its secret URL (/api/v1/calendar-feed) and serve it
 * (/feed/<secret>.ics) to calendar apps, which send no cookie or token.
 */
import {
  calendarFeed,
  calendarFeedOwner,
  calendarFeedToken,
  revokeCalendarFeed,
  rotateCalendarFeed,
} from '../../app/account-calendar-feed.js';
import { AppError } from '../../core/errors.js';
import { route, type RouteSpec } from '../route-kit.js';

const feedUrl = (origin: string, token: string | null): string | null => (token ? `${origin}/feed/${token}.ics` : null);

export const calendarFeedRoutes: RouteSpec[] = [
  route({
    method: 'get',
    path: '/api/v1/calendar-feed',
    tag: 'calendar feed',
    summary: 'The secret URL of your calendar feed, or null when it is off.',
    access: 'session',
    response: '{ url: string | null }',
    async handle({ c, server, ctx }) {
      return c.json({ url: feedUrl(server.origin, await calendarFeedToken(ctx)) });
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/calendar-feed',
    tag: 'calendar feed',
    summary: 'Turn the feed on with a new secret URL (an older URL stops working).',
    access: 'session',
    response: '{ url: string } (201)',
    async handle({ c, server, ctx }) {
      return c.json({ url: feedUrl(server.origin, await rotateCalendarFeed(ctx)) }, 201);
    },
  }),
  route({
    method: 'delete',
    path: '/api/v1/calendar-feed',
    tag: 'calendar feed',
    summary: 'Turn the feed off; its URL answers 404 from now on.',
    access: 'session',
    response: '204',
    async handle({ c, ctx }) {
      await revokeCalendarFeed(ctx);
      return c.body(null, 204);
    },
  }),
  route({
    method: 'get',
    path: '/feed/:file',
    tag: 'calendar feed',
    summary:
      'The iCalendar feed behind its secret: my open commitments with due dates, follow-ups due, birthdays in the next 90 days.',
    access: 'public',
    produces: 'text/calendar',
    response: 'text/calendar',
    async handle({ c, server }) {
      const file = c.req.param('file') ?? '';
      const userId = file.endsWith('.ics') ? await calendarFeedOwner(server.store, file.slice(0, -4)) : null;
      if (!userId) throw new AppError('not_found', 'No such feed.');
      const ics = await calendarFeed({ store: server.store, clock: server.clock, ids: server.ids, userId });
      c.header('Content-Type', 'text/calendar; charset=utf-8');
      c.header('Cache-Control', 'private, max-age=300');
      return c.body(ics);
    },
  }),
];
