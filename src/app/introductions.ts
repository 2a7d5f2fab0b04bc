/**
 * Introductions (P6) with double opt-in: propose a pair, ask both sides, record
 * that both agreed, then make the introduction. Making it logs an `intro`
 * touchpoint with both and a give/intro ledger entry for each, in one
 * transaction. Suggestions come from one's looking-for against the other's
 * can-help.
 */
import { z } from 'zod';
import { noonOf } from '../core/days.js';
import { AppError } from '../core/errors.js';
import { suggestIntroductions, type IntroSuggestion } from '../core/matching.js';
import {
  INTRO_STATUSES,
  type Contact,
  type Day,
  type Id,
  type Introduction,
  type IntroStatus,
  type LedgerEntry,
  type Touchpoint,
} from '../core/types.js';
import { resolveContact } from './contacts.js';
import { contactNames } from './events.js';
import type { Ctx } from './ports.js';
import { parseInput } from './schemas.js';
import { resolveRecord, todayFor, withoutOwner } from './network-schemas.js';

/**
 * Which status may follow which. Double opt-in: nobody is introduced before both
 * were asked and agreed. Made and declined are final; a declined pair can be
 * proposed again as a new introduction.
 */
export const INTRO_TRANSITIONS: Readonly<Record<IntroStatus, readonly IntroStatus[]>> = {
  proposed: ['asked', 'declined'],
  asked: ['accepted', 'declined'],
  accepted: ['made', 'declined'],
  made: [],
  declined: [],
};

const NEXT_STEP: Record<IntroStatus, string> = {
  proposed: 'ask both of them first (kith intro ask)',
  asked: 'wait until both agree (kith intro accept) or one declines (kith intro decline)',
  accepted: 'make the introduction (kith intro made)',
  made: 'it is done',
  declined: 'propose it again if things change (kith intro propose)',
};

export type TransitionCheck = { ok: true } | { ok: false; message: string };

/** Whether an introduction may move from `from` to `to`, and why not. */
export function checkIntroTransition(from: IntroStatus, to: IntroStatus): TransitionCheck {
  if (INTRO_TRANSITIONS[from].includes(to)) return { ok: true };
  if (from === to) return { ok: false, message: `The introduction is already ${from}.` };
  return {
    ok: false,
    message: `An introduction that is ${from} cannot become ${to}: ${NEXT_STEP[from]}.`,
  };
}

const propose = z.object({
  a: z.string().trim().min(1, 'name a contact'),
  b: z.string().trim().min(1, 'name a contact'),
  reason: z.string().trim().min(1, 'say why these two should meet').max(2000),
});

const transition = z.object({
  intro: z.string().trim().min(1, 'name the introduction (its id)'),
  on: z.string().optional(),
});

export interface IntroView extends Omit<Introduction, 'ownerId'> {
  a: { id: Id; name: string };
  b: { id: Id; name: string };
}

async function viewsOf(ctx: Ctx, list: Introduction[]): Promise<IntroView[]> {
  const names = await contactNames(
    ctx,
    list.flatMap((i) => [i.contactAId, i.contactBId]),
  );
  return list.map((i) => ({
    ...withoutOwner(i),
    a: { id: i.contactAId, name: names.get(i.contactAId) ?? '?' },
    b: { id: i.contactBId, name: names.get(i.contactBId) ?? '?' },
  }));
}

/** Finds an introduction by its id or the start or end of it. */
export function resolveIntro(ctx: Ctx, ref: string): Promise<Introduction> {
  return resolveRecord(ctx, 'introduction', ref, { what: 'introduction', field: 'intro' });
}

const samePair = (i: Introduction, a: Id, b: Id): boolean =>
  (i.contactAId === a && i.contactBId === b) || (i.contactAId === b && i.contactBId === a);

/** Proposes introducing two contacts; refused when the pair already has an introduction under way or made. */
export async function proposeIntro(ctx: Ctx, raw: unknown): Promise<IntroView> {
  const input = parseInput(propose, raw);
  const intro = await ctx.store.transaction(async (store) => {
    const tctx = { ...ctx, store };
    const a = await resolveContact(tctx, input.a);
    const b = await resolveContact(tctx, input.b);
    if (a.id === b.id)
      throw new AppError('invalid_input', 'b: introduce two different people', {
        issues: [{ field: 'b', message: 'same as a' }],
      });
    const existing = (await store.listRecords('introduction', ctx.userId)).find(
      (i) => samePair(i, a.id, b.id) && i.status !== 'declined',
    );
    if (existing)
      throw new AppError(
        'conflict',
        `${a.displayName} and ${b.displayName} already have an introduction (${existing.status}, id ${existing.id}).`,
        { candidates: [{ id: existing.id, name: `${a.displayName} ↔ ${b.displayName}` }] },
      );
    const now = ctx.clock.now();
    const row: Introduction = {
      id: ctx.ids.next(),
      ownerId: ctx.userId,
      contactAId: a.id,
      contactBId: b.id,
      status: 'proposed',
      reason: input.reason,
      createdAt: now,
      updatedAt: now,
    };
    await store.insertRecord('introduction', row);
    return row;
  });
  const [view] = await viewsOf(ctx, [intro]);
  return view!;
}

export interface IntroMade {
  intro: IntroView;
  touchpoint: Omit<Touchpoint, 'ownerId'>;
  ledger: Array<Omit<LedgerEntry, 'ownerId'>>;
}

/** Moves an introduction to `to` when the transition table allows it; `made` also logs the touchpoint and the two gives. */
export async function moveIntro(ctx: Ctx, to: IntroStatus, raw: unknown): Promise<IntroMade | { intro: IntroView }> {
  if (!INTRO_STATUSES.includes(to)) throw new AppError('invalid_input', `status: must be one of ${INTRO_STATUSES.join(', ')}`);
  const input = parseInput(transition, raw);
  const today: Day = await todayFor(ctx, input.on);
  const result = await ctx.store.transaction(async (store) => {
    const tctx = { ...ctx, store };
    const intro = await resolveIntro(tctx, input.intro);
    const check = checkIntroTransition(intro.status, to);
    if (!check.ok) throw new AppError('invalid_input', check.message, { issues: [{ field: 'status', message: check.message }] });
    const now = ctx.clock.now();
    const next: Introduction = { ...intro, status: to, updatedAt: now };
    await store.updateRecord('introduction', next);
    if (to !== 'made') return { intro: next };
    const people: Contact[] = (await store.getContacts(ctx.userId, [intro.contactAId, intro.contactBId])).filter(
      (c) => !c.deletedAt,
    );
    if (people.length < 2)
      throw new AppError('invalid_input', 'One of the two is in the trash: restore them before making the introduction.');
    const nameOf = (id: Id): string => people.find((p) => p.id === id)?.displayName ?? '?';
    const summary = `Introduced ${nameOf(intro.contactAId)} and ${nameOf(intro.contactBId)}`;
    const touch: Touchpoint = {
      id: ctx.ids.next(),
      ownerId: ctx.userId,
      kind: 'intro',
      channel: null,
      initiatedBy: 'me',
      occurredAt: input.on ? noonOf(today) : now,
      participantIds: [intro.contactAId, intro.contactBId],
      summary,
      notes: intro.reason,
      topics: [],
      source: 'kith',
      externalId: `intro:${intro.id}`,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    await store.insertTouchpoint(touch);
    const ledger: LedgerEntry[] = [
      [intro.contactAId, intro.contactBId],
      [intro.contactBId, intro.contactAId],
    ].map(([self, other]) => ({
      id: ctx.ids.next(),
      ownerId: ctx.userId,
      contactId: self!,
      direction: 'give',
      kind: 'intro',
      note: `Introduced to ${nameOf(other!)}: ${intro.reason}`,
      occurredOn: today,
      isPublic: false,
      createdAt: now,
    }));
    for (const e of ledger) await store.insertRecord('ledger', e);
    return { intro: next, touchpoint: withoutOwner(touch), ledger: ledger.map(withoutOwner) };
  });
  const [view] = await viewsOf(ctx, [result.intro]);
  return { ...result, intro: view! };
}

/** Introductions, newest change first; `status` keeps one status. */
export async function listIntros(ctx: Ctx, input: { status?: string } = {}): Promise<IntroView[]> {
  if (input.status !== undefined && !INTRO_STATUSES.includes(input.status as IntroStatus))
    throw new AppError('invalid_input', `status: must be one of ${INTRO_STATUSES.join(', ')}`, {
      issues: [{ field: 'status', message: 'unknown status' }],
    });
  const list = (await ctx.store.listRecords('introduction', ctx.userId))
    .filter((i) => !input.status || i.status === input.status)
    .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt) || b.id.localeCompare(a.id));
  return viewsOf(ctx, list);
}

/** Introductions worth proposing: needs against offers of live contacts, leaving out pairs that already have one (any status). */
export async function suggestIntros(ctx: Ctx, input: { limit?: number } = {}): Promise<IntroSuggestion[]> {
  const [contacts, intros] = await Promise.all([
    ctx.store.contactSummaries(ctx.userId),
    ctx.store.listRecords('introduction', ctx.userId),
  ]);
  const out = suggestIntroductions(
    contacts.map((c) => ({ id: c.id, name: c.name, topics: c.topics })),
    intros.map((i) => ({ aId: i.contactAId, bId: i.contactBId })),
  );
  return input.limit ? out.slice(0, input.limit) : out;
}
