/**
 * The engine's operations end to end on both databases, with a fixed clock.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { agenda } from '../../src/app/agenda.js';
import { markDone, snooze } from '../../src/app/agenda-items.js';
import { capture } from '../../src/app/capture.js';
import { listCommitments, promise, resolveCommitment } from '../../src/app/commitments.js';
import { createContact, editContact } from '../../src/app/contacts.js';
import { draftCheck } from '../../src/app/draft.js';
import { loadDemo } from '../../src/app/demo.js';
import { addFollowUp, completeFollowUp, listFollowUps } from '../../src/app/follow-ups.js';
import { healthOf, networkHealthOf } from '../../src/app/health.js';
import { balanceWith, recordLedger, thank } from '../../src/app/ledger.js';
import { fixedClock, sequentialIds, type Ctx } from '../../src/app/ports.js';
import { updateProfile } from '../../src/app/profile.js';
import { localUser } from '../../src/app/session.js';
import { logTouch } from '../../src/app/touchpoints.js';
import { DIALECTS, freshStore } from '../support/stores.js';

const NOW = '2026-11-26T10:00:00.000Z';

describe.each(DIALECTS)('engine operations on %s', (dialect) => {
  let ctx: Ctx;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    const s = await freshStore(dialect);
    cleanup = s.cleanup;
    const clock = fixedClock(NOW);
    const ids = sequentialIds();
    const user = await localUser(s.store, clock, ids, {});
    ctx = { store: s.store, clock, ids, userId: user.id };
    await updateProfile(ctx, { name: 'Sam', schedulingLink: 'https://cal.com/sam', dailyBudget: 5, postsPerMonth: 0 });
    await createContact(ctx, { name: 'Anna Schmidt', circle: 'inner', topics: [{ kind: 'side-project', text: 'Rust meetup' }] });
    await createContact(ctx, { name: 'Li Lei', circle: 'active', birthday: '11-29' });
    await createContact(ctx, { name: 'Ana José Pérez', circle: 'network' });
    await createContact(ctx, { name: 'Anna Berg', circle: 'dormant' });
  });
  afterEach(async () => cleanup());

  it('captures a line into a touchpoint and a promise, and refuses to guess', async () => {
    const r = await capture(ctx, {
      text: 'coffee with Anna Schmidt yesterday about Rust meetup; promised to send slides by Friday',
    });
    expect(r.touchpoint?.kind).toBe('coffee');
    expect(r.touchpoint?.occurredAt).toBe('2026-11-25T12:00:00.000Z');
    expect(r.contacts.map((c) => c.name)).toEqual(['Anna Schmidt']);
    expect(r.commitments.map((c) => [c.text, c.dueOn, c.direction])).toEqual([['send slides', '2026-11-27', 'mine']]);
    expect(await ctx.store.countTouchpoints(ctx.userId)).toBe(1);
    const dry = await capture(ctx, { text: 'video call with Li Lei and Ana José Pérez last Tuesday re hiring', dryRun: true });
    expect(dry.touchpoint?.participantIds).toHaveLength(2);
    expect(await ctx.store.countTouchpoints(ctx.userId)).toBe(1);
    const amb = await capture(ctx, { text: 'coffee with Anna yesterday' }).catch((e) => e);
    expect(amb.code).toBe('invalid_input');
    expect(amb.details.candidates.map((c: { name: string }) => c.name).sort()).toEqual(['Anna Berg', 'Anna Schmidt']);
    expect(amb.message).toMatch(/"Anna" could be (Anna Berg or Anna Schmidt|Anna Schmidt or Anna Berg)\. /);
    // Namesakes are counted, not repeated.
    for (let i = 0; i < 2; i++) await createContact(ctx, { name: 'Anna Berg' });
    const namesakes = await capture(ctx, { text: 'coffee with Anna Berg yesterday' }).catch((e) => e);
    expect(namesakes.message).toContain('"Anna Berg" could be any of the 3 contacts named Anna Berg.');
    expect(namesakes.details.candidates).toHaveLength(3);
    const unknown = await capture(ctx, { text: 'lunch with Bob Dylan' }).catch((e) => e);
    expect(unknown.message).toMatch(/Bob Dylan/);
    expect(await ctx.store.countTouchpoints(ctx.userId)).toBe(1);
  });

  it('ranks today, honours snooze and done, and is deterministic', async () => {
    await capture(ctx, { text: 'coffee with Anna Schmidt yesterday; promised to send slides by Friday' });
    const first = await agenda(ctx, { on: '2026-11-27' });
    expect(first.date).toBe('2026-11-27');
    expect(first.items.map((i) => i.kind)).toEqual(['commitment', 'birthday']);
    expect(await agenda(ctx, { on: '2026-11-27' })).toEqual(first);
    await snooze(ctx, { item: '2', until: '2026-11-29', on: '2026-11-27' });
    expect((await agenda(ctx, { on: '2026-11-27' })).items.map((i) => i.kind)).toEqual(['commitment']);
    const commitmentId = first.items[0]!.id;
    await markDone(ctx, { item: commitmentId.slice(0, 16), on: '2026-11-27' });
    expect((await agenda(ctx, { on: '2026-11-27' })).items).toEqual([]);
    expect((await markDone(ctx, { item: '7', on: '2026-11-27' }).catch((e) => e)).code).toBe('not_found');
    // An overdue check-in appears, and logging a touch clears it.
    const later = await agenda(ctx, { on: '2027-01-10' });
    expect(later.items.some((i) => i.kind === 'checkin' && i.contacts[0]?.name === 'Anna Schmidt')).toBe(true);
    await logTouch(ctx, { kind: 'call', with: ['anna schmidt'], on: '2027-01-10' });
    expect(
      (await agenda(ctx, { on: '2027-01-10' })).items.some((i) => i.kind === 'checkin' && i.contacts[0]?.name === 'Anna Schmidt'),
    ).toBe(false);
  });

  it('never crosses a boundary', async () => {
    await editContact(ctx, { who: 'li lei', pausedUntil: '2026-12-31' });
    const items = (await agenda(ctx, { on: '2026-11-27' })).items;
    expect(items.some((i) => i.contacts.some((c) => c.name === 'Li Lei'))).toBe(false);
  });

  it('keeps promises, the give/ask ledger and follow-ups', async () => {
    const p = await promise(ctx, { who: 'anna schmidt', text: 'send slides', due: '2026-11-27' });
    await promise(ctx, { who: 'li', text: 'intro to Ana', theirs: true });
    await resolveCommitment(ctx, p.id.slice(-6), 'kept', '2026-11-27');
    const report = await listCommitments(ctx, { all: true, on: '2026-11-28' });
    expect(report.keptOnTimeRate).toBe(1);
    expect(report.counts).toEqual({ open: 1, kept: 1, broken: 0, overdue: 0 });
    await recordLedger(ctx, { who: 'ana josé', direction: 'ask', kind: 'referral', on: '2026-11-20' });
    expect((await agenda(ctx, { on: '2026-11-26' })).items.some((i) => i.kind === 'give-first')).toBe(true);
    await recordLedger(ctx, { who: 'ana josé', direction: 'give', kind: 'review', on: '2026-11-25' });
    await thank(ctx, { who: 'ana josé', isPublic: true });
    const b = await balanceWith(ctx, 'ana josé');
    expect([b.given, b.asked, b.balance]).toEqual([1, 1, 0]);
    expect((await recordLedger(ctx, { who: 'ana', direction: 'give', kind: 'hug' }).catch((e) => e)).code).toBe('invalid_input');
    const f = await addFollowUp(ctx, { who: 'anna schmidt', text: 'Send the WASM GC article', due: '2026-11-26' });
    expect((await agenda(ctx, { on: '2026-11-26' })).items.some((i) => i.kind === 'follow-up')).toBe(true);
    await completeFollowUp(ctx, f.id);
    expect(await listFollowUps(ctx)).toEqual([]);
  });

  it('explains health per contact and across the network', async () => {
    await logTouch(ctx, { kind: 'coffee', with: ['anna schmidt'], on: '2026-11-20', by: 'them' });
    const h = await healthOf(ctx, 'anna schmidt', '2026-11-26');
    expect(h.score).toBeGreaterThan(0);
    expect(h.components.map((c) => c.name)).toEqual(['recency', 'reciprocity', 'depth', 'reliability', 'initiation']);
    for (const c of h.components) expect(c.explanation.length).toBeGreaterThan(10);
    const n = await networkHealthOf(ctx, '2026-11-26');
    expect(n.count).toBe(4);
    expect(n.distribution.reduce((s, b) => s + b.count, 0)).toBe(4);
  });

  it('scores a generic draft low and a specific one high', async () => {
    await logTouch(ctx, { kind: 'coffee', with: ['anna schmidt'], on: '2026-11-20', summary: 'Rust meetup plans' });
    const generic = await draftCheck(ctx, { who: 'anna schmidt', text: 'Happy holidays!' });
    expect(generic.score).toBeLessThan(40);
    expect(generic.findings.map((f) => f.code)).toContain('generic-phrase');
    expect(generic.suggestions.map((s) => s.code)).toContain('mention-topic');
    const specific = await draftCheck(ctx, {
      who: 'anna schmidt',
      text: 'Hi Anna, how is the Rust meetup going? I could introduce you to Ana, who runs a Rust study group. Want me to? https://cal.com/sam',
    });
    expect(specific.score).toBeGreaterThanOrEqual(80);
  });
});

describe.each(DIALECTS)('kith demo on %s', (dialect) => {
  it("fills an empty home deterministically, with something on today's agenda, and refuses a full one", async () => {
    const runs: string[] = [];
    for (let i = 0; i < 2; i++) {
      const s = await freshStore(dialect);
      const clock = fixedClock(NOW);
      const ids = sequentialIds();
      const user = await localUser(s.store, clock, ids, {});
      const ctx: Ctx = { store: s.store, clock, ids, userId: user.id };
      const summary = await loadDemo(ctx);
      expect(summary.contacts).toBeGreaterThanOrEqual(10);
      const today = await agenda(ctx);
      expect(today.items.map((x) => x.kind)).toEqual(expect.arrayContaining(['commitment', 'reply', 'post-event', 'follow-up']));
      runs.push(JSON.stringify(today));
      expect((await loadDemo(ctx).catch((e) => e)).code).toBe('conflict');
      await s.cleanup();
    }
    expect(runs[0]).toBe(runs[1]);
  });
});
