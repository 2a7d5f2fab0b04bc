/**
 * The pure rules of the network operations, table-driven: the introduction
 * transition table (double opt-in) and community participation against its cadence.
 */
import { describe, expect, it } from 'vitest';
import { communityParticipation, type ParticipationState } from '../../src/app/communities.js';
import { checkIntroTransition, INTRO_TRANSITIONS } from '../../src/app/introductions.js';
import { writingSummary } from '../../src/app/writing.js';
import { postingCadence } from '../../src/core/writing.js';
import { INTRO_STATUSES, type IntroStatus } from '../../src/core/types.js';

describe('introduction transitions', () => {
  function check(from: IntroStatus, to: IntroStatus, expected: true | RegExp): void {
    const r = checkIntroTransition(from, to);
    if (expected === true) expect(r, `${from} → ${to}`).toEqual({ ok: true });
    else {
      expect(r.ok, `${from} → ${to}`).toBe(false);
      if (!r.ok) expect(r.message).toMatch(expected);
    }
  }

  it('allows the double opt-in path and declining before the intro is made', () => {
    check('proposed', 'asked', true);
    check('asked', 'accepted', true);
    check('accepted', 'made', true);
    check('proposed', 'declined', true);
    check('asked', 'declined', true);
    check('accepted', 'declined', true);
  });

  it('refuses skipping the ask, going back, and leaving a final state, saying what to do', () => {
    check('proposed', 'accepted', /proposed cannot become accepted: ask both of them first/);
    check('proposed', 'made', /proposed cannot become made/);
    check('asked', 'made', /asked cannot become made: wait until both agree/);
    check('made', 'asked', /made cannot become asked: it is done/);
    check('made', 'declined', /made cannot become declined/);
    check('declined', 'asked', /declined cannot become asked: propose it again/);
    check('accepted', 'proposed', /accepted cannot become proposed/);
    check('made', 'made', /already made/);
    check('asked', 'asked', /already asked/);
  });

  it('has a row for every status, and made and declined are final', () => {
    expect(Object.keys(INTRO_TRANSITIONS).sort()).toEqual([...INTRO_STATUSES].sort());
    expect(INTRO_TRANSITIONS.made).toEqual([]);
    expect(INTRO_TRANSITIONS.declined).toEqual([]);
    // Nothing ever goes back to proposed: a new proposal is a new introduction.
    for (const s of INTRO_STATUSES) expect(INTRO_TRANSITIONS[s]).not.toContain('proposed');
  });
});

describe('community participation', () => {
  const ev = (...days: string[]) => days.map((startsOn) => ({ startsOn, endsOn: null }));
  function check(
    cadenceDays: number | null,
    events: string[],
    today: string,
    expected: { state: ParticipationState; lastEventOn: string | null; dueOn: string | null; daysOverdue: number },
  ): void {
    const p = communityParticipation({ name: 'Rust Berlin', cadenceDays }, ev(...events), today);
    expect({ state: p.state, lastEventOn: p.lastEventOn, dueOn: p.dueOn, daysOverdue: p.daysOverdue }).toEqual(expected);
    expect(p.message.length).toBeGreaterThan(0);
  }

  it('is ok within the cadence, due from the due day on, never without an event', () => {
    check(30, ['2026-11-01'], '2026-11-26', { state: 'ok', lastEventOn: '2026-11-01', dueOn: '2026-12-01', daysOverdue: 0 });
    check(30, ['2026-11-01'], '2026-12-01', { state: 'due', lastEventOn: '2026-11-01', dueOn: '2026-12-01', daysOverdue: 0 });
    check(30, ['2026-11-01'], '2026-12-04', { state: 'due', lastEventOn: '2026-11-01', dueOn: '2026-12-01', daysOverdue: 3 });
    check(30, [], '2026-11-26', { state: 'never', lastEventOn: null, dueOn: null, daysOverdue: 0 });
  });

  it('takes the latest attended event, whatever the order, and ignores planned ones', () => {
    check(14, ['2026-11-20', '2026-10-01', '2026-11-05'], '2026-11-26', {
      state: 'ok',
      lastEventOn: '2026-11-20',
      dueOn: '2026-12-04',
      daysOverdue: 0,
    });
    check(14, ['2026-10-01', '2026-12-10'], '2026-11-26', {
      state: 'due',
      lastEventOn: '2026-10-01',
      dueOn: '2026-10-15',
      daysOverdue: 42,
    });
    check(14, ['2026-12-10'], '2026-11-26', { state: 'never', lastEventOn: null, dueOn: null, daysOverdue: 0 });
  });

  it('has no due state without a cadence', () => {
    check(null, ['2026-01-01'], '2026-11-26', { state: 'no-cadence', lastEventOn: '2026-01-01', dueOn: null, daysOverdue: 0 });
    check(0, [], '2026-11-26', { state: 'no-cadence', lastEventOn: null, dueOn: null, daysOverdue: 0 });
  });

  it('says how late in words', () => {
    const p = communityParticipation({ name: 'Rust Berlin', cadenceDays: 30 }, ev('2026-11-01'), '2026-12-02');
    expect(p.message).toBe('Due since 2026-12-01 (1 day late): last event on 2026-11-01, you aim for one every 30 days.');
    expect(communityParticipation({ name: 'Rust Berlin', cadenceDays: 30 }, [], '2026-12-02').message).toBe(
      'You have not been to a Rust Berlin event yet: go to the next one.',
    );
  });
});

describe('writing summary', () => {
  function check(posts: string[], perMonth: number, today: string, awaiting: number, expected: string): void {
    const c = postingCadence(
      posts.map((publishedOn) => ({ publishedOn })),
      perMonth,
      today,
    );
    expect(writingSummary(c, awaiting)).toBe(expected);
  }

  it('reads well for goals met, due, behind and absent', () => {
    check(['2026-11-02', '2026-10-05'], 1, '2026-11-26', 0, '1 of 1 post this month (goal met). Streak: 2 (longest 2).');
    check(
      ['2026-10-05'],
      1,
      '2026-11-10',
      1,
      '0 of 1 post this month. 20 days left to publish. Streak: 1 (longest 1). 1 response waits for your reply.',
    );
    check([], 2, '2026-11-26', 2, '0 of 2 posts this month. Behind: 4 days left to publish. 2 responses wait for your reply.');
    check(['2026-11-02'], 0.5, '2026-11-26', 0, '1 of 1 post in 2026-11-01 – 2026-12-31 (goal met). Streak: 1 (longest 1).');
    check(['2026-11-02'], 0, '2026-11-26', 0, 'No posting goal set.');
  });
});
