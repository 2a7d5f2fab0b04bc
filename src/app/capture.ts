/**
 * Quick capture (capability 3): one line of text becomes a touchpoint with its
 * commitments and follow-ups. Names that are unknown or ambiguous stop the write
 * and are listed with candidates: kith never guesses who was meant.
 */
import { z } from 'zod';
import { parseCapture, type CaptureResult } from '../core/capture.js';
import { noonOf } from '../core/days.js';
import { AppError } from '../core/errors.js';
import type { Commitment, FollowUp, Touchpoint } from '../core/types.js';
import type { Ctx } from './ports.js';
import { day, parseInput } from './schemas.js';
import { userToday } from './user-today.js';

const captureInput = z.object({
  text: z.string().trim().min(1, 'type what happened, e.g. "coffee with Anna yesterday about Rust"').max(2000),
  on: day.optional(),
  dryRun: z.boolean().optional(),
});

export interface CaptureOutcome {
  dryRun: boolean;
  language: CaptureResult['language'];
  touchpoint: Touchpoint | null;
  commitments: Commitment[];
  followUps: FollowUp[];
  /** Who the ids are. */
  contacts: Array<{ id: string; name: string }>;
  issues: Array<{ message: string }>;
}

/** Candidates' names for a message: namesakes counted, and no more than three names spelled out. */
function whichOf(names: string[]): string {
  const distinct = [...new Set(names)];
  if (distinct.length === 1 && names.length > 1) return `any of the ${names.length} contacts named ${distinct[0]}`;
  if (names.length <= 3) return names.join(' or ');
  return `${names.slice(0, 3).join(', ')} or ${names.length - 3} more`;
}

/** Parses a line and, unless `dryRun`, writes what it says in one transaction. */
export async function capture(ctx: Ctx, raw: unknown): Promise<CaptureOutcome> {
  const input = parseInput(captureInput, raw);
  const today = await userToday(ctx, input.on);
  // Read before the write lock: names only, not whole records, so a capture does not hold up other writers.
  const contacts = await ctx.store.contactNames(ctx.userId);
  return ctx.store.transaction(async (store) => {
    const parsed = parseCapture(input.text, { today, contacts });
    if (parsed.unresolved.length > 0) {
      const first = parsed.unresolved[0];
      const what = parsed.unresolved
        .map((u) =>
          u.candidates.length
            ? `"${u.text}" could be ${whichOf(u.candidates.map((c) => c.name))}`
            : `"${u.text}" is not one of your contacts`,
        )
        .join('; ');
      throw new AppError('invalid_input', `Not sure who you mean: ${what}. Use a fuller name or an email address, or add the contact first.`, {
        candidates: first?.candidates ?? [],
        unresolved: parsed.unresolved,
        issues: parsed.unresolved.map((u) => ({
          field: 'text',
          message: u.candidates.length ? `ambiguous: ${u.text}` : `unknown: ${u.text}`,
        })),
      });
    }
    if (!parsed.touchpoint && parsed.commitments.length === 0 && parsed.followUps.length === 0) {
      throw new AppError(
        'invalid_input',
        'text: found nobody to log this with; name a contact, e.g. "coffee with Anna yesterday".',
        {
          issues: [{ field: 'text', message: 'no contact found' }],
        },
      );
    }
    const now = ctx.clock.now();
    let touchpoint: Touchpoint | null = null;
    if (parsed.touchpoint && parsed.touchpoint.participantIds.length > 0) {
      const tp = parsed.touchpoint;
      touchpoint = {
        id: ctx.ids.next(),
        ownerId: ctx.userId,
        kind: tp.kind,
        channel: tp.channel,
        initiatedBy: tp.initiatedBy ?? 'me',
        occurredAt: tp.occurredOn === today && !input.on ? now : noonOf(tp.occurredOn),
        participantIds: tp.participantIds,
        summary: tp.summary,
        notes: input.text,
        topics: tp.topics,
        source: 'capture',
        externalId: null,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
    }
    const commitments: Commitment[] = parsed.commitments.map((c) => ({
      id: ctx.ids.next(),
      ownerId: ctx.userId,
      contactId: c.contactId,
      direction: c.direction,
      text: c.text,
      dueOn: c.dueOn,
      status: 'open',
      resolvedOn: null,
      touchpointId: touchpoint?.id ?? null,
      createdAt: now,
    }));
    const followUps: FollowUp[] = parsed.followUps.map((f) => ({
      id: ctx.ids.next(),
      ownerId: ctx.userId,
      contactId: f.contactId,
      text: f.text,
      dueOn: f.dueOn,
      doneAt: null,
      touchpointId: touchpoint?.id ?? null,
      createdAt: now,
    }));
    if (!input.dryRun) {
      if (touchpoint) await store.insertTouchpoint(touchpoint);
      for (const c of commitments) await store.insertRecord('commitment', c);
      for (const f of followUps) await store.insertRecord('followUp', f);
    }
    const ids = new Set([
      ...(touchpoint?.participantIds ?? []),
      ...commitments.map((c) => c.contactId),
      ...followUps.map((f) => f.contactId),
    ]);
    return {
      dryRun: !!input.dryRun,
      language: parsed.language,
      touchpoint,
      commitments,
      followUps,
      contacts: contacts.filter((c) => ids.has(c.id)).map((c) => ({ id: c.id, name: c.displayName })),
      issues: parsed.issues,
    };
  });
}
