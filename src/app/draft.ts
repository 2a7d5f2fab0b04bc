/**
 * The message check (capability 6, P2): how personal a draft is, with concrete
 * hooks from the contact's record.
 */
import { z } from 'zod';
import { checkDraft, type DraftCheck } from '../core/draft-check.js';
import { fold } from '../core/text-fold.js';
import type { Id } from '../core/types.js';
import { resolveContact } from './contacts.js';
import type { Ctx } from './ports.js';
import { parseInput } from './schemas.js';
import { profileOf } from './session.js';

const draftInput = z.object({
  who: z.string().min(1, 'name a contact'),
  text: z.string().max(50_000),
  channel: z.string().max(30).nullish(),
  language: z.enum(['en', 'de']).nullish(),
});

export interface DraftReport extends DraftCheck {
  contact: { id: Id; name: string };
}

/** Checks a draft message to a contact. */
export async function draftCheck(ctx: Ctx, raw: unknown): Promise<DraftReport> {
  const input = parseInput(draftInput, raw);
  const c = await resolveContact(ctx, input.who);
  const profile = await profileOf(ctx);
  const [touchpoints, followUps, events, resources] = await Promise.all([
    ctx.store.listTouchpoints(ctx.userId, { contactId: c.id, limit: 10 }),
    ctx.store.listRecords('followUp', ctx.userId, { contactId: c.id }),
    ctx.store.listRecords('event', ctx.userId, { contactId: c.id }),
    ctx.store.listRecords('resource', ctx.userId),
  ]);
  const mine = new Set(profile.employment.map((e) => fold(e.company)));
  const sharedEmployers = [...new Set(c.employment.map((e) => e.company).filter((co) => mine.has(fold(co))))];
  const result = checkDraft({
    text: input.text,
    contact: {
      name: c.displayName,
      givenName: c.givenName,
      familyName: c.familyName,
      nickname: c.nickname,
      topics: c.topics,
      tags: c.tags,
      company: c.company,
      employment: c.employment,
      howMet: c.howMet,
      boundaries: c.boundaries,
    },
    touchpoints,
    followUps: followUps.filter((f) => !f.doneAt),
    sharedEvents: events.map((e) => e.name),
    sharedEmployers,
    resources,
    schedulingLink: profile.schedulingLink ?? null,
    channel: input.channel ?? null,
    language: input.language ?? null,
  });
  return { contact: { id: c.id, name: c.displayName }, ...result };
}
