/**
 * /api/v1/profile: the user's own profile (If-Match on changes).
 */
import { z } from 'zod';
import { updateProfile } from '../../app/profile.js';
import { profileOf } from '../../app/session.js';
import type { Profile } from '../../core/types.js';
import { etagOf, requireIfMatch, route, type RouteSpec } from '../route-kit.js';

const view = (p: Profile): Omit<Profile, 'ownerId'> => {
  const { ownerId: _o, ...rest } = p;
  return rest;
};
const profileEtag = (p: Profile): string => {
  const { updatedAt: _u, ...stable } = view(p);
  return etagOf(stable);
};

// The operation validates the fields; this names them for the documentation.
const profileChanges = z.object({
  name: z.string().optional(),
  addEmails: z.array(z.email()).optional(),
  removeEmails: z.array(z.string()).optional(),
  addUrls: z.array(z.url()).optional(),
  removeUrls: z.array(z.string()).optional(),
  schedulingLink: z.url().nullable().optional(),
  timeZone: z.string().optional(),
  weeklyGoal: z.number().int().optional(),
  dailyBudget: z.number().int().optional(),
  postsPerMonth: z.number().optional(),
  cadenceDefaults: z.record(z.string(), z.number().int().nullable()).optional(),
});

export const profileRoutes: RouteSpec[] = [
  route({
    method: 'get',
    path: '/api/v1/profile',
    tag: 'profile',
    summary: 'Your profile: name, emails, profile URLs, scheduling link, time zone, goals (with an ETag).',
    access: 'read',
    response: 'Profile',
    async handle({ c, ctx }) {
      const p = await profileOf(ctx);
      c.header('ETag', profileEtag(p));
      return c.json(view(p));
    },
  }),
  route({
    method: 'patch',
    path: '/api/v1/profile',
    tag: 'profile',
    summary: 'Change your profile. Requires If-Match with its ETag.',
    access: 'write',
    body: profileChanges,
    response: 'Profile',
    async handle({ c, ctx, body }) {
      const input = await body();
      const next = await ctx.store.transaction(async (store) => {
        const tctx = { ...ctx, store };
        requireIfMatch(c.req.header('if-match'), profileEtag(await profileOf(tctx)));
        return updateProfile(tctx, input);
      });
      c.header('ETag', profileEtag(next));
      return c.json(view(next));
    },
  }),
];
