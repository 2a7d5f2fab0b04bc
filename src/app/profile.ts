/**
 * The user's own profile: name, emails and profile URLs (to tell direction on
 * import), scheduling link, time zone, goals and cadence defaults.
 */
import { z } from 'zod';
import { CIRCLES, type Profile } from '../core/types.js';
import { normalizeIdentity } from '../core/text-fold.js';
import type { Ctx } from './ports.js';
import { employment, parseInput } from './schemas.js';
import { profileOf } from './session.js';

const profileChanges = z.object({
  name: z.string().trim().max(500).optional(),
  addEmails: z.array(z.email({ message: 'must be an email address' })).optional(),
  removeEmails: z.array(z.string()).optional(),
  addUrls: z.array(z.url({ message: 'must be a URL' })).optional(),
  removeUrls: z.array(z.string()).optional(),
  employment: z.array(employment).optional(),
  schedulingLink: z.url({ message: 'must be a URL' }).nullable().optional(),
  timeZone: z
    .string()
    .refine((tz) => {
      try {
        new Intl.DateTimeFormat('en', { timeZone: tz });
        return true;
      } catch {
        return false;
      }
    }, 'must be an IANA time zone such as Europe/Berlin')
    .optional(),
  weeklyGoal: z.number().int().min(0).max(100).optional(),
  dailyBudget: z.number().int().min(1).max(50).optional(),
  postsPerMonth: z.number().min(0).max(31).optional(),
  cadenceDefaults: z.partialRecord(z.enum(CIRCLES), z.number().int().min(1).max(3650).nullable()).optional(),
});

/** Applies changes to the profile and returns it. */
export async function updateProfile(ctx: Ctx, raw: unknown): Promise<Profile> {
  const c = parseInput(profileChanges, raw);
  return ctx.store.transaction(async (store) => {
    const p = await profileOf({ ...ctx, store });
    const without = (list: string[], remove: string[] | undefined, kind: string): string[] => {
      const gone = new Set((remove ?? []).map((x) => normalizeIdentity(kind, x)));
      return list.filter((x) => !gone.has(normalizeIdentity(kind, x)));
    };
    const uniq = (list: string[], kind: string): string[] => {
      const seen = new Set<string>();
      return list.filter((x) => {
        const k = normalizeIdentity(kind, x);
        return !seen.has(k) && !!seen.add(k);
      });
    };
    const next: Profile = {
      ...p,
      name: c.name ?? p.name,
      emails: uniq([...without(p.emails, c.removeEmails, 'email'), ...(c.addEmails ?? [])], 'email'),
      urls: uniq([...without(p.urls, c.removeUrls, 'url'), ...(c.addUrls ?? [])], 'url'),
      employment:
        c.employment?.map((e) => ({ company: e.company, title: e.title ?? null, from: e.from ?? null, to: e.to ?? null })) ??
        p.employment,
      schedulingLink: c.schedulingLink !== undefined ? c.schedulingLink : p.schedulingLink,
      timeZone: c.timeZone ?? p.timeZone,
      weeklyGoal: c.weeklyGoal ?? p.weeklyGoal,
      dailyBudget: c.dailyBudget ?? p.dailyBudget,
      postsPerMonth: c.postsPerMonth ?? p.postsPerMonth,
      cadenceDefaults: { ...p.cadenceDefaults, ...(c.cadenceDefaults ?? {}) },
      updatedAt: ctx.clock.now(),
    };
    await store.putProfile(next);
    return next;
  });
}
