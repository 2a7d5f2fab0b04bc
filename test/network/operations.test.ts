/**
 * The network operations (events, communities, writing, resources,
 * introductions, habit coach) on both databases, with a fixed clock and
 * sequential ids. Today is Thursday 2026-11-26.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { coachStart, coachStatus, setWeeklyGoal, STARTING_CIRCLE_TAG, weeklyReviewOp } from '../../src/app/coach.js';
import { addCommunity, joinCommunity, leaveCommunity, listCommunities, showCommunity } from '../../src/app/communities.js';
import { createContact } from '../../src/app/contacts.js';
import { addEvent, listEvents, markMet, showEvent } from '../../src/app/events.js';
import { listIntros, moveIntro, proposeIntro, suggestIntros, type IntroMade } from '../../src/app/introductions.js';
import { fixedClock, sequentialIds, type Ctx } from '../../src/app/ports.js';
import { updateProfile } from '../../src/app/profile.js';
import { addResource, listResources, resourceCare, resourcesFor } from '../../src/app/resources.js';
import { localUser } from '../../src/app/session.js';
import { logTouch } from '../../src/app/touchpoints.js';
import { addPost, addResponse, listPosts, markReplied, postCare, writingStatus } from '../../src/app/writing.js';
import type { Contact } from '../../src/core/types.js';
import { AppError } from '../../src/core/errors.js';
import { DIALECTS, freshStore } from '../support/stores.js';

const NOW = '2026-11-26T10:00:00.000Z';

/** The error an operation failed with (fails the test when it did not fail). */
async function failure(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected the operation to fail');
}

describe.each(DIALECTS)('network operations on %s', (dialect) => {
  let ctx: Ctx;
  let cleanup: () => Promise<void>;
  let anna: Contact;
  let ben: Contact;
  let li: Contact;
  let zoe: Contact;
  beforeEach(async () => {
    const s = await freshStore(dialect);
    cleanup = s.cleanup;
    const clock = fixedClock(NOW);
    const ids = sequentialIds();
    const user = await localUser(s.store, clock, ids, {});
    ctx = { store: s.store, clock, ids, userId: user.id };
    anna = await createContact(ctx, {
      name: 'Anna Schmidt',
      circle: 'inner',
      topics: [
        { kind: 'looking-for', text: 'a Rust mentor' },
        { kind: 'interest', text: 'WebAssembly' },
      ],
      tags: ['rust'],
    });
    ben = await createContact(ctx, {
      name: 'Ben Okafor',
      circle: 'active',
      topics: [{ kind: 'can-help', text: 'Rust mentoring' }],
    });
    li = await createContact(ctx, { name: 'Li Lei', circle: 'active', topics: [{ kind: 'interest', text: 'databases' }] });
    zoe = await createContact(ctx, {
      name: 'Zoë Müller',
      circle: 'network',
      topics: [{ kind: 'goal', text: 'give a conference talk' }],
    });
  });
  afterEach(async () => cleanup());

  describe('events', () => {
    it('records an event with people met and attended, lists and shows it, and marks more people met', async () => {
      const c = await addCommunity(ctx, { name: 'Rust Berlin', cadenceDays: 30 });
      const e = await addEvent(ctx, {
        name: 'RustFest 2026',
        on: '2026-11-20',
        until: '2026-11-21',
        where: 'Berlin',
        url: 'https://rustfest.example/2026',
        community: 'rust berlin',
        met: ['anna', 'ben'],
        attended: ['li', 'anna'],
      });
      expect(e.attendees).toEqual([
        { contactId: anna.id, met: true },
        { contactId: ben.id, met: true },
        { contactId: li.id, met: false },
      ]);
      expect(e.communityId).toBe(c.id);
      expect(e.endsOn).toBe('2026-11-21');
      await addEvent(ctx, { name: 'Go Meetup', on: '2026-10-01' });

      const list = await listEvents(ctx);
      expect(list.map((x) => x.name)).toEqual(['RustFest 2026', 'Go Meetup']);
      expect(list[0]).not.toHaveProperty('ownerId');
      expect((await listEvents(ctx, { who: 'li' })).map((x) => x.name)).toEqual(['RustFest 2026']);
      expect((await listEvents(ctx, { community: 'rust berlin' })).map((x) => x.name)).toEqual(['RustFest 2026']);

      const shown = await showEvent(ctx, 'rustfest');
      expect(shown.community).toEqual({ id: c.id, name: 'Rust Berlin' });
      expect(shown.attendees).toEqual([
        { id: anna.id, name: 'Anna Schmidt', met: true },
        { id: ben.id, name: 'Ben Okafor', met: true },
        { id: li.id, name: 'Li Lei', met: false },
      ]);

      const after = await markMet(ctx, { event: e.id.slice(-8), who: ['li', 'zoe'] });
      expect(after.attendees).toEqual([
        { contactId: anna.id, met: true },
        { contactId: ben.id, met: true },
        { contactId: li.id, met: true },
        { contactId: zoe.id, met: true },
      ]);
      expect((await ctx.store.getRecord('event', ctx.userId, e.id))?.attendees.filter((a) => a.met)).toHaveLength(4);
    });

    it('refuses bad input naming the field, and unknown or ambiguous references', async () => {
      const check = async (raw: unknown, field: string, code = 'invalid_input') => {
        const err = await failure(addEvent(ctx, raw));
        expect(err.code).toBe(code);
        if (code === 'invalid_input') expect(err.details.issues?.[0]?.field).toBe(field);
        expect(err.message).toContain(field);
      };
      await check({ name: '', on: '2026-11-20' }, 'name');
      await check({ name: 'X', on: '2026-02-30' }, 'on');
      await check({ name: 'X' }, 'on');
      await check({ name: 'X', on: '2026-11-20', until: '2026-11-19' }, 'until');
      await check({ name: 'X', on: '2026-11-20', url: 'not a url' }, 'url');
      expect((await failure(addEvent(ctx, { name: 'X', on: '2026-11-20', community: 'nope' }))).code).toBe('not_found');
      expect((await failure(addEvent(ctx, { name: 'X', on: '2026-11-20', met: ['nobody'] }))).code).toBe('not_found');
      await addEvent(ctx, { name: 'Rust Meetup November', on: '2026-11-01' });
      await addEvent(ctx, { name: 'Rust Meetup December', on: '2026-12-01' });
      const amb = await failure(showEvent(ctx, 'rust meetup'));
      expect(amb.code).toBe('invalid_input');
      expect(amb.details.candidates?.map((c) => c.name).sort()).toEqual(['Rust Meetup December', 'Rust Meetup November']);
      expect((await showEvent(ctx, 'rust meetup dec')).name).toBe('Rust Meetup December');
      expect((await failure(markMet(ctx, { event: 'rust meetup dec', who: [] }))).details.issues?.[0]?.field).toBe('who');
      expect((await failure(showEvent(ctx, 'nothing like it'))).code).toBe('not_found');
      // Nothing half-written: the failed adds left only the two meetups.
      expect(await ctx.store.listRecords('event', ctx.userId)).toHaveLength(2);
    });
  });

  describe('communities', () => {
    it('adds, joins, leaves, and shows members, events and participation', async () => {
      const c = await addCommunity(ctx, { name: 'Rust Berlin', url: 'https://rust.berlin', cadenceDays: 30, members: ['anna'] });
      expect(c.memberIds).toEqual([anna.id]);
      expect((await failure(addCommunity(ctx, { name: 'rust berlin' }))).code).toBe('conflict');
      expect((await failure(addCommunity(ctx, { name: 'X', cadenceDays: 0 }))).details.issues?.[0]?.field).toBe('cadenceDays');

      expect((await joinCommunity(ctx, { community: 'rust', who: ['ben', 'li', 'anna'] })).memberIds).toEqual([
        anna.id,
        ben.id,
        li.id,
      ]);
      expect((await leaveCommunity(ctx, { community: 'rust', who: ['li'] })).memberIds).toEqual([anna.id, ben.id]);
      const notMember = await failure(leaveCommunity(ctx, { community: 'rust', who: ['zoe'] }));
      expect(notMember.code).toBe('invalid_input');
      expect(notMember.message).toMatch(/^who: Zoë Müller not a member of Rust Berlin/);

      // Never been: due as "never".
      let shown = await showCommunity(ctx, 'rust berlin', { on: '2026-11-26' });
      expect(shown.community.participation.state).toBe('never');
      expect(shown.community.members.map((m) => m.name)).toEqual(['Anna Schmidt', 'Ben Okafor']);

      await addEvent(ctx, { name: 'Rust Berlin October', on: '2026-10-15', community: 'rust berlin' });
      await addEvent(ctx, { name: 'Rust Berlin planned', on: '2026-12-10', community: 'rust berlin' });
      shown = await showCommunity(ctx, c.id, { on: '2026-11-26' });
      expect(shown.community.events.map((e) => e.name)).toEqual(['Rust Berlin planned', 'Rust Berlin October']);
      expect(shown.community.participation).toMatchObject({
        state: 'due',
        lastEventOn: '2026-10-15',
        dueOn: '2026-11-14',
        daysOverdue: 12,
      });

      await addEvent(ctx, { name: 'Rust Berlin November', on: '2026-11-19', community: 'rust berlin' });
      const { communities } = await listCommunities(ctx, { on: '2026-11-26' });
      expect(communities).toHaveLength(1);
      expect(communities[0]?.participation).toMatchObject({ state: 'ok', lastEventOn: '2026-11-19', dueOn: '2026-12-19' });
      expect(communities[0]).not.toHaveProperty('ownerId');
    });
  });

  describe('writing', () => {
    it('adds posts and responses, replies, and reports the cadence and who would care', async () => {
      await updateProfile(ctx, { postsPerMonth: 1 });
      const sep = await addPost(ctx, { title: 'Ten years of Rust', on: '2026-09-10', topics: ['rust'] });
      await addPost(ctx, { title: 'Notes on databases', on: '2026-10-05', topics: ['databases'], summary: 'Postgres vs SQLite' });
      const nov = await addPost(ctx, {
        title: 'WebAssembly GC in practice',
        on: '2026-11-02',
        url: 'https://blog.example/wasm-gc',
        topics: ['webassembly', 'rust'],
      });
      expect((await failure(addPost(ctx, { title: 'X', on: 'yesterday' }))).details.issues?.[0]?.field).toBe('on');

      const fromAnna = await addResponse(ctx, {
        post: 'webassembly',
        from: 'anna',
        summary: 'Asked about the benchmark',
        on: '2026-11-03',
      });
      expect(fromAnna.contactId).toBe(anna.id);
      const stranger = await addResponse(ctx, { post: sep.id, author: 'Jo Reader', summary: 'Loved it' });
      expect(stranger).toMatchObject({ contactId: null, authorName: 'Jo Reader', receivedAt: NOW });
      expect((await failure(addResponse(ctx, { post: 'webassembly', summary: 'x' }))).details.issues?.[0]?.field).toBe('from');
      expect((await failure(addResponse(ctx, { post: 'webassembly', from: 'anna', author: 'A', summary: 'x' }))).code).toBe(
        'invalid_input',
      );
      expect((await failure(addResponse(ctx, { post: 'no such post', from: 'anna', summary: 'x' }))).code).toBe('not_found');

      const posts = await listPosts(ctx);
      expect(posts.map((p) => [p.title, p.responses, p.awaitingReply])).toEqual([
        ['WebAssembly GC in practice', 1, 1],
        ['Notes on databases', 0, 0],
        ['Ten years of Rust', 1, 1],
      ]);

      let w = await writingStatus(ctx, { on: '2026-11-26' });
      expect(w.cadence.current).toMatchObject({ count: 1, met: true });
      expect(w.cadence.currentStreak).toBe(3);
      expect(w.awaitingReply.map((r) => [r.from.name, r.post.title, r.waitingDays])).toEqual([
        ['Anna Schmidt', 'WebAssembly GC in practice', 23],
        ['Jo Reader', 'Ten years of Rust', 0],
      ]);
      expect(w.summary).toContain('1 of 1 post this month (goal met)');
      expect(w.summary).toContain('2 responses wait for your reply');

      const replied = await markReplied(ctx, { response: fromAnna.id.slice(-6), on: '2026-11-05' });
      expect(replied.repliedAt).toBe('2026-11-05T12:00:00.000Z');
      // Answering again keeps the first day.
      expect((await markReplied(ctx, { response: fromAnna.id })).repliedAt).toBe('2026-11-05T12:00:00.000Z');
      w = await writingStatus(ctx, { on: '2026-12-20' });
      expect(w.awaitingReply.map((r) => r.from.name)).toEqual(['Jo Reader']);
      expect(w.cadence).toMatchObject({ due: true, behind: true, currentStreak: 3 });

      const care = await postCare(ctx, nov.id);
      expect(care.matches.map((m) => m.name)).toEqual(['Anna Schmidt', 'Ben Okafor']);
      expect(care.matches[0]?.reasons).toContain('Interested in WebAssembly');
      expect((await postCare(ctx, 'databases')).matches.map((m) => m.name)).toEqual(['Li Lei']);
    });
  });

  describe('resources', () => {
    it('keeps resources and matches them to people both ways', async () => {
      const r = await addResource(ctx, {
        title: 'A practical guide to WebAssembly',
        url: 'https://example.com/wasm',
        topics: ['webassembly'],
      });
      await addResource(ctx, { title: 'Database internals', topics: ['databases'], notes: 'the Petrov book' });
      expect((await failure(addResource(ctx, { title: '  ' }))).details.issues?.[0]?.field).toBe('title');
      expect((await failure(addResource(ctx, { title: 'x', url: 'nope' }))).details.issues?.[0]?.field).toBe('url');
      expect((await listResources(ctx)).map((x) => x.title)).toEqual(['A practical guide to WebAssembly', 'Database internals']);
      expect((await listResources(ctx, { topic: 'Databases' })).map((x) => x.title)).toEqual(['Database internals']);

      const care = await resourceCare(ctx, 'practical guide');
      expect(care.resource.id).toBe(r.id);
      expect(care.matches.map((m) => m.contactId)).toEqual([anna.id]);
      const forLi = await resourcesFor(ctx, 'li lei');
      expect(forLi.contact).toEqual({ id: li.id, name: 'Li Lei' });
      expect(forLi.resources.map((x) => x.resource.title)).toEqual(['Database internals']);
      expect((await resourcesFor(ctx, 'zoe')).resources).toEqual([]);
    });
  });

  describe('introductions', () => {
    it('suggests, proposes, asks, accepts and makes an introduction with a touchpoint and two gives', async () => {
      const suggestions = await suggestIntros(ctx);
      expect(suggestions.map((s) => [s.aName, s.bName])).toEqual([['Anna Schmidt', 'Ben Okafor']]);

      const p = await proposeIntro(ctx, { a: 'anna', b: 'ben', reason: 'Anna wants a Rust mentor' });
      expect(p).toMatchObject({ status: 'proposed', a: { id: anna.id, name: 'Anna Schmidt' }, b: { id: ben.id } });
      expect(await suggestIntros(ctx)).toEqual([]);
      expect((await failure(proposeIntro(ctx, { a: 'ben', b: 'anna', reason: 'again' }))).code).toBe('conflict');
      expect((await failure(proposeIntro(ctx, { a: 'anna', b: 'anna schmidt', reason: 'x' }))).details.issues?.[0]?.field).toBe(
        'b',
      );
      expect((await failure(proposeIntro(ctx, { a: 'anna', b: 'li', reason: ' ' }))).details.issues?.[0]?.field).toBe('reason');

      // Double opt-in: no skipping the ask.
      const skip = await failure(moveIntro(ctx, 'made', { intro: p.id }));
      expect(skip.code).toBe('invalid_input');
      expect(skip.message).toMatch(/proposed cannot become made/);
      expect((await moveIntro(ctx, 'asked', { intro: p.id.slice(-4) })).intro.status).toBe('asked');
      expect((await moveIntro(ctx, 'accepted', { intro: p.id })).intro.status).toBe('accepted');
      const made = (await moveIntro(ctx, 'made', { intro: p.id, on: '2026-11-25' })) as IntroMade;
      expect(made.intro.status).toBe('made');
      expect(made.touchpoint).toMatchObject({
        kind: 'intro',
        initiatedBy: 'me',
        participantIds: [anna.id, ben.id],
        occurredAt: '2026-11-25T12:00:00.000Z',
        summary: 'Introduced Anna Schmidt and Ben Okafor',
      });
      expect(made.ledger.map((l) => [l.contactId, l.direction, l.kind, l.occurredOn])).toEqual([
        [anna.id, 'give', 'intro', '2026-11-25'],
        [ben.id, 'give', 'intro', '2026-11-25'],
      ]);
      // Written through the Store: the touch resets both cadences, the ledger has both gives.
      expect((await ctx.store.getContact(ctx.userId, anna.id))?.lastTouchAt).toBe('2026-11-25T12:00:00.000Z');
      expect(await ctx.store.listRecords('ledger', ctx.userId, { contactId: ben.id })).toHaveLength(1);

      const back = await failure(moveIntro(ctx, 'asked', { intro: p.id }));
      expect(back.code).toBe('invalid_input');
      expect(back.message).toMatch(/made cannot become asked/);
      expect((await failure(moveIntro(ctx, 'made', { intro: p.id }))).message).toMatch(/already made/);
      // A failed transition wrote nothing more.
      expect(await ctx.store.listTouchpoints(ctx.userId)).toHaveLength(1);

      const d = await proposeIntro(ctx, { a: 'li', b: 'zoe', reason: 'both speak at meetups' });
      expect((await moveIntro(ctx, 'declined', { intro: d.id })).intro.status).toBe('declined');
      // Declined pairs may be proposed again.
      await proposeIntro(ctx, { a: 'zoe', b: 'li', reason: 'second try' });
      expect((await listIntros(ctx)).map((i) => i.status).sort()).toEqual(['declined', 'made', 'proposed']);
      expect((await listIntros(ctx, { status: 'made' })).map((i) => i.id)).toEqual([p.id]);
      expect((await failure(listIntros(ctx, { status: 'done' }))).code).toBe('invalid_input');
      expect((await failure(moveIntro(ctx, 'asked', { intro: 'ffffffff' }))).code).toBe('not_found');
    });
  });

  describe('habit coach', () => {
    it('suggests a starting circle, sets a picked one, and refuses too few or too many', async () => {
      await logTouch(ctx, { kind: 'coffee', with: ['anna'], on: '2026-11-20', by: 'them' });
      await logTouch(ctx, { kind: 'dm', with: ['anna'], on: '2026-11-10' });
      const s = await coachStart(ctx, { on: '2026-11-26' });
      expect(s.mode).toBe('suggested');
      expect(s.suggestions.length).toBeGreaterThanOrEqual(3);
      expect(s.suggestions[0]?.id).toBe(anna.id);
      expect(s.circle).toEqual([]);
      // Suggesting changed nothing.
      expect((await ctx.store.getContact(ctx.userId, zoe.id))?.circle).toBe('network');

      const two = await failure(coachStart(ctx, { pick: ['anna', 'ben'] }));
      expect(two.details.issues?.[0]?.field).toBe('pick');
      expect((await failure(coachStart(ctx, { pick: ['a', 'b', 'c', 'd', 'e', 'f'] }))).details.issues?.[0]?.field).toBe('pick');
      expect((await failure(coachStart(ctx, { pick: ['anna', 'anna schmidt', 'ben'] }))).details.issues?.[0]?.field).toBe('pick');

      const set = await coachStart(ctx, { pick: ['ben', 'li', 'zoe'] });
      expect(set.mode).toBe('set');
      expect(set.circle.map((c) => c.name).sort()).toEqual(['Ben Okafor', 'Li Lei', 'Zoë Müller']);
      const z = await ctx.store.getContact(ctx.userId, zoe.id);
      expect(z?.circle).toBe('inner');
      expect(z?.tags).toContain(STARTING_CIRCLE_TAG);
      // Suggestions now name people to widen the circle with, not the ones in it.
      const widen = await coachStart(ctx, { on: '2026-11-26' });
      expect(widen.circle).toHaveLength(3);
      expect(widen.suggestions.map((x) => x.id)).toEqual([anna.id]);
    });

    it('sets the weekly goal and counts weeks, streaks and the widening advice', async () => {
      expect(await setWeeklyGoal(ctx, { goal: 2 })).toEqual({ weeklyGoal: 2 });
      expect((await failure(setWeeklyGoal(ctx, { goal: 0 }))).details.issues?.[0]?.field).toBe('goal');
      expect((await failure(setWeeklyGoal(ctx, { goal: 2.5 }))).details.issues?.[0]?.field).toBe('goal');
      // Four full weeks at goal (Mondays 2026-10-26 … 2026-11-16), this week not yet.
      for (const monday of ['2026-10-26', '2026-11-02', '2026-11-09', '2026-11-16']) {
        await logTouch(ctx, { kind: 'dm', with: ['anna'], on: monday });
        await logTouch(ctx, { kind: 'call', with: ['ben'], on: monday, by: 'them' });
      }
      await logTouch(ctx, { kind: 'coffee', with: ['li'], on: '2026-11-24' });
      const s = await coachStatus(ctx, { on: '2026-11-26' });
      expect(s.goal).toBe(2);
      expect(s.thisWeek).toMatchObject({ weekStart: '2026-11-23', count: 1, met: false, current: true });
      expect(s.currentStreak).toBe(4);
      expect(s.longestStreak).toBe(4);
      expect(s.widen.widen).toBe(true);
      expect(s.weeks).toHaveLength(8);
      expect(s.summary).toBe('1 of 2 touches this week: 1 to go. Streak 4 weeks, longest 4.');

      const earlier = await coachStatus(ctx, { on: '2026-11-12' });
      // Weeks of 10-26 and 11-02, and the running week once its Monday met the goal.
      expect(earlier.currentStreak).toBe(3);
      expect(earlier.widen.widen).toBe(false);
      expect((await failure(coachStatus(ctx, { on: '26.11.2026' }))).details.issues?.[0]?.field).toBe('on');
    });

    it('reviews the week: touches, promises, gives and asks, and who drifted', async () => {
      await setWeeklyGoal(ctx, { goal: 3 });
      await logTouch(ctx, { kind: 'coffee', with: ['ben'], on: '2026-11-24' });
      await logTouch(ctx, { kind: 'dm', with: ['li'], on: '2026-11-25', by: 'them' });
      await ctx.store.insertRecord('commitment', {
        id: ctx.ids.next(),
        ownerId: ctx.userId,
        contactId: ben.id,
        direction: 'mine',
        text: 'send the slides',
        dueOn: '2026-11-23',
        status: 'kept',
        resolvedOn: '2026-11-22',
        touchpointId: null,
        createdAt: NOW,
      });
      await ctx.store.insertRecord('commitment', {
        id: ctx.ids.next(),
        ownerId: ctx.userId,
        contactId: li.id,
        direction: 'mine',
        text: 'review the PR',
        dueOn: '2026-11-24',
        status: 'open',
        resolvedOn: null,
        touchpointId: null,
        createdAt: NOW,
      });
      for (const [contactId, direction, occurredOn] of [
        [ben.id, 'give', '2026-11-24'],
        [li.id, 'ask', '2026-11-25'],
        [li.id, 'ask', '2026-10-01'],
      ] as const) {
        await ctx.store.insertRecord('ledger', {
          id: ctx.ids.next(),
          ownerId: ctx.userId,
          contactId,
          direction,
          kind: 'help',
          note: '',
          occurredOn,
          isPublic: false,
          createdAt: NOW,
        });
      }
      // Anna (inner, 30 days) was added long ago and last touched 2026-10-22: due 11-21, drifted this week.
      await logTouch(ctx, { kind: 'dm', with: ['anna'], on: '2026-10-22' });
      const r = await weeklyReviewOp(ctx, { on: '2026-11-26' });
      expect(r.from).toBe('2026-11-20');
      expect(r.to).toBe('2026-11-26');
      expect(r.touches).toEqual({ count: 2, goal: 3, met: false, byMe: 1, byThem: 1 });
      expect(r.commitments).toMatchObject({ kept: 1, keptOnTime: 1, open: 1, overdue: 1 });
      expect(r.ledger).toEqual({ gives: 1, asks: 1, receives: 0 });
      expect(r.drifted.map((d) => d.name)).toEqual(['Anna Schmidt']);
      expect(r.suggestions[0]).toBe('Keep your promise to Li Lei: review the PR (was due 2026-11-24).');
      expect(r.summary).toMatch(/^This week: 2 touches of 3; 1 promise kept; 1 give, 1 ask; 1 person drifted\./);
    });
  });
});
