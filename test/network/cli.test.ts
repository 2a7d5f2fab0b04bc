/**
 * The network commands end to end through the real `kith` binary, on a SQLite
 * home and on a PostgreSQL database (DATABASE_URL).
 */
import { beforeEach, describe, expect, it } from 'vitest';
import { kith, tempHome, type CliResult } from '../support/cli.js';
import { DIALECTS, freshPgDatabase } from '../support/stores.js';

// Each command is a fresh process that opens (and on PostgreSQL, checks the migrations of) the database.
const SLOW = 120_000;

describe.each(DIALECTS)('kith network commands on %s', (dialect) => {
  let home: string;
  let env: Record<string, string>;
  const run = (...args: string[]): Promise<CliResult> => kith(home, args, env);
  const json = async (...args: string[]): Promise<ReturnType<typeof JSON.parse>> => {
    const r = await run(...args, '--json');
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    return JSON.parse(r.stdout);
  };

  beforeEach(async () => {
    home = tempHome();
    env = dialect === 'postgres' ? { DATABASE_URL: await freshPgDatabase() } : {};
    await json('contact', 'add', 'Anna Schmidt', '--topic', 'looking-for:a Rust mentor', '--topic', 'interest:WebAssembly');
    await json('contact', 'add', 'Ben Okafor', '--topic', 'can-help:Rust mentoring');
    await json('contact', 'add', 'Li Lei', '--topic', 'interest:databases');
  }, SLOW);

  it(
    'events and communities: add, met, list, show, join, leave, participation',
    async () => {
      const c = await json(
        'community',
        'add',
        'Rust Berlin',
        '--cadence',
        '30',
        '--member',
        'anna',
        '--url',
        'https://rust.berlin',
      );
      expect(c).toMatchObject({ name: 'Rust Berlin', cadenceDays: 30 });
      expect(c).not.toHaveProperty('ownerId');
      const dup = await run('community', 'add', 'rust berlin');
      expect(dup.code).toBe(4);

      const e = await json(
        'event',
        'add',
        'Rust Berlin October',
        '--on',
        '2026-10-15',
        '--community',
        'rust berlin',
        '--met',
        'anna',
        '--attended',
        'ben',
      );
      expect(e).not.toHaveProperty('ownerId');
      expect(e.community).toEqual({ id: c.id, name: 'Rust Berlin' });
      expect(e.attendees.map((a: { name: string; met: boolean }) => [a.name, a.met])).toEqual([
        ['Anna Schmidt', true],
        ['Ben Okafor', false],
      ]);
      const met = await json('event', 'met', e.id.slice(-8), 'ben', 'li');
      expect(met.attendees.map((a: { name: string; met: boolean }) => [a.name, a.met])).toEqual([
        ['Anna Schmidt', true],
        ['Ben Okafor', true],
        ['Li Lei', true],
      ]);
      const list = await json('event', 'list');
      expect(list.events.map((x: { name: string }) => x.name)).toEqual(['Rust Berlin October']);
      const shown = await run('event', 'show', 'rust berlin oct');
      expect(shown.code).toBe(0);
      expect(shown.stdout).toContain('Rust Berlin October');
      expect(shown.stdout).toMatch(/met\s+Li Lei/);

      await json('community', 'join', 'rust', 'ben', 'li');
      const left = await json('community', 'leave', 'rust', 'li');
      expect(left.members.map((m: { name: string }) => m.name)).toEqual(['Anna Schmidt', 'Ben Okafor']);
      const due = await json('community', 'show', 'rust', '--on', '2026-11-26');
      expect(due.community.participation).toMatchObject({ state: 'due', lastEventOn: '2026-10-15', daysOverdue: 12 });
      expect(due.community.events.map((x: { name: string }) => x.name)).toEqual(['Rust Berlin October']);
      const human = await run('community', 'list', '--on', '2026-11-01');
      expect(human.stdout).toMatch(/^ok\s+Rust Berlin\s+2 members/m);
      expect(human.stdout).toContain('next due by 2026-11-14');

      const bad = await run('event', 'add', 'X', '--on', '2026-11-20', '--until', '2026-11-01');
      expect(bad.code).toBe(2);
      expect(bad.stderr).toMatch(/until: must not be before the start day/);
      expect((await run('event', 'add', 'X')).code).toBe(2);
      expect((await run('event', 'add', 'X', '--on', '2026-13-01')).stderr).toMatch(/on: must be a date/);
      expect((await run('event', 'show', 'nothing')).code).toBe(3);
      expect((await run('community', 'add', 'Y', '--cadence', 'often')).code).toBe(2);
    },
    SLOW,
  );

  it(
    'writing: posts, responses, replies, cadence and who would care',
    async () => {
      const post = await json(
        'post',
        'add',
        'WebAssembly GC in practice',
        '--on',
        '2026-11-02',
        '--topic',
        'webassembly',
        '--url',
        'https://blog.example/wasm',
      );
      await json('post', 'add', 'Ten years of Rust', '--on', '2026-10-10');
      const resp = await json(
        'post',
        'response',
        'webassembly gc',
        '--from',
        'anna',
        '--summary',
        'Asked about the benchmark',
        '--on',
        '2026-11-03',
      );
      expect(resp).toMatchObject({ postId: post.id, summary: 'Asked about the benchmark', repliedAt: null });
      await json('post', 'response', post.id, '--author', 'Jo Reader', '--summary', 'Loved it', '--on', '2026-11-04');
      const neither = await run('post', 'response', 'webassembly', '--summary', 'x');
      expect(neither.code).toBe(2);
      expect(neither.stderr).toContain('from:');

      let w = await json('writing', '--on', '2026-11-26');
      expect(w.cadence).toMatchObject({ currentStreak: 2, due: false });
      expect(w.awaitingReply.map((r: { from: { name: string } }) => r.from.name)).toEqual(['Anna Schmidt', 'Jo Reader']);
      await json('post', 'replied', resp.id.slice(-8), '--on', '2026-11-05');
      w = await json('writing', '--on', '2026-12-20', '--goal', '2');
      expect(w.postsPerMonth).toBe(2);
      expect(w.cadence).toMatchObject({ goalPerPeriod: 2, due: true, behind: true });
      expect(w.awaitingReply.map((r: { from: { name: string } }) => r.from.name)).toEqual(['Jo Reader']);
      const human = await run('writing', '--on', '2026-12-20');
      expect(human.stdout).toContain('0 of 2 posts this month');
      expect(human.stdout).toContain('Jo Reader on “WebAssembly GC in practice”');
      expect((await run('writing', '--goal', 'lots')).code).toBe(2);

      const list = await json('post', 'list');
      expect(list.posts.map((p: { title: string; awaitingReply: number }) => [p.title, p.awaitingReply])).toEqual([
        ['WebAssembly GC in practice', 1],
        ['Ten years of Rust', 0],
      ]);
      const care = await json('post', 'care', 'webassembly');
      expect(care.matches.map((m: { name: string }) => m.name)).toEqual(['Anna Schmidt']);
    },
    SLOW,
  );

  it(
    'resources and introductions: who would care, what suits whom, the double opt-in',
    async () => {
      await json('resource', 'add', 'A guide to Rust mentoring', '--topic', 'rust', '--url', 'https://example.com/mentoring');
      await json('resource', 'add', 'Database internals', '--topic', 'databases');
      const care = await json('resource', 'care', 'guide');
      expect(care.matches.map((m: { name: string }) => m.name)).toEqual(['Anna Schmidt', 'Ben Okafor']);
      const forLi = await json('resource', 'for', 'li');
      expect(forLi.resources.map((r: { resource: { title: string } }) => r.resource.title)).toEqual(['Database internals']);
      expect((await run('resource', 'add', 'x', '--url', 'not-a-url')).stderr).toMatch(/url: must be a URL/);

      const s = await json('intro', 'suggest');
      expect(s.suggestions.map((x: { aName: string; bName: string }) => [x.aName, x.bName])).toEqual([
        ['Anna Schmidt', 'Ben Okafor'],
      ]);
      const p = await json('intro', 'propose', 'anna', 'ben', '--reason', 'Anna wants a Rust mentor');
      expect(p.status).toBe('proposed');
      expect((await json('intro', 'suggest')).suggestions).toEqual([]);
      const skip = await run('intro', 'made', p.id);
      expect(skip.code).toBe(2);
      expect(skip.stderr).toContain('proposed cannot become made');
      await json('intro', 'ask', p.id.slice(-8));
      await json('intro', 'accept', p.id);
      const made = await json('intro', 'made', p.id, '--on', '2026-11-25');
      expect(made.intro.status).toBe('made');
      expect(made.touchpoint).toMatchObject({ kind: 'intro', occurredAt: '2026-11-25T12:00:00.000Z' });
      expect(made.ledger).toHaveLength(2);
      const back = await run('intro', 'ask', p.id);
      expect(back.code).toBe(2);
      expect(back.stderr).toContain('made cannot become asked');
      const bal = await json('balance', 'ben');
      expect(bal.given).toBe(1);
      const shown = await json('contact', 'show', 'anna');
      expect(shown.touchpoints.map((t: { kind: string }) => t.kind)).toEqual(['intro']);
      const list = await run('intro', 'list');
      expect(list.stdout).toMatch(/^made\s+Anna Schmidt ↔ Ben Okafor/m);
      expect((await run('intro', 'list', '--status', 'nope')).code).toBe(2);
      expect((await run('intro', 'propose', 'anna', 'nobody', '--reason', 'x')).code).toBe(3);
    },
    SLOW,
  );

  it(
    'the habit coach and the weekly review',
    async () => {
      const s = await json('coach', 'start', '--on', '2026-11-26');
      expect(s.mode).toBe('suggested');
      expect(s.suggestions).toHaveLength(3);
      const few = await run('coach', 'start', '--pick', 'anna', '--pick', 'ben');
      expect(few.code).toBe(2);
      expect(few.stderr).toContain('pick: pick 3 to 5 people');
      const set = await json('coach', 'start', '--pick', 'anna', '--pick', 'ben', '--pick', 'li');
      expect(set.circle.map((c: { name: string }) => c.name).sort()).toEqual(['Anna Schmidt', 'Ben Okafor', 'Li Lei']);
      const tagged = await json('contact', 'list', '--tag', 'starting-circle', '--circle', 'inner');
      expect(tagged.contacts).toHaveLength(3);

      expect(await json('coach', 'goal', '1')).toEqual({ weeklyGoal: 1 });
      const badGoal = await run('coach', 'goal', 'two');
      expect(badGoal.code).toBe(2);
      expect(badGoal.stderr).toContain('goal: must be a whole number');
      for (const day of ['2026-11-02', '2026-11-09', '2026-11-16', '2026-11-24'])
        await json('log', 'dm', '--with', 'anna', '--on', day);
      const status = await json('coach', '--on', '2026-11-26');
      expect(status).toMatchObject({ goal: 1, currentStreak: 4, longestStreak: 4, widen: { widen: true } });
      expect(status.thisWeek).toMatchObject({ count: 1, met: true });
      const human = await run('coach', '--on', '2026-11-26');
      expect(human.stdout).toContain('1 of 1 touches this week: goal met. Streak 4 weeks, longest 4.');
      expect(human.stdout).toContain('Starting circle');
      expect(human.stdout).toContain('the habit holds');

      const review = await json('review', '--on', '2026-11-26');
      expect(review).toMatchObject({ from: '2026-11-20', to: '2026-11-26', touches: { count: 1, goal: 1, met: true } });
      const text = await run('review', '--on', '2026-11-26');
      expect(text.stdout).toContain('Weekly review 2026-11-20 – 2026-11-26');
      expect(text.stdout).toContain('This week: 1 touch of 1 (goal met)');
      expect((await run('review', '--on', 'last week')).stderr).toMatch(/on: must be a date/);
    },
    SLOW,
  );
});
