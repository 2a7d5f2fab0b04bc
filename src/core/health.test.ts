import { describe, expect, it } from 'vitest';
import { contactHealth, HEALTH_WEIGHTS, networkHealth, type HealthInput, type NetworkHealthItem } from './health.js';
import { DEFAULT_CADENCE, type Initiator, type TouchKind } from './types.js';

const TODAY = '2026-11-26';

function input(over: Partial<HealthInput> = {}, contact: Partial<HealthInput['contact']> = {}): HealthInput {
  return {
    contact: { circle: 'active', cadenceDays: null, lastTouchAt: null, createdAt: '2025-01-01T00:00:00.000Z', ...contact },
    cadenceDefaults: DEFAULT_CADENCE,
    today: TODAY,
    touchpoints: [],
    commitments: [],
    ledger: [],
    ...over,
  };
}

function touch(kind: TouchKind, day: string, initiatedBy: Initiator | null = null) {
  return { kind, occurredAt: `${day}T12:00:00.000Z`, initiatedBy };
}

function component(i: HealthInput, name: string) {
  const c = contactHealth(i).components.find((x) => x.name === name);
  if (!c) throw new Error(`no component ${name}`);
  return c;
}

describe('contactHealth: recency against cadence', () => {
  const check = (contact: Partial<HealthInput['contact']>, expected: { score: number; explanation: string }) => {
    const c = component(input({}, contact), 'recency');
    expect({ score: c.score, explanation: c.explanation }).toEqual(expected);
  };
  it.each([
    [
      { lastTouchAt: '2026-11-26T08:00:00.000Z' },
      { score: 100, explanation: 'Last touch today; you aim for every 90 days: on track.' },
    ],
    [
      { lastTouchAt: '2026-10-27T08:00:00.000Z' },
      { score: 92, explanation: 'Last touch 30 days ago; you aim for every 90 days: on track.' },
    ],
    [
      { lastTouchAt: '2026-08-28T08:00:00.000Z' },
      { score: 75, explanation: 'Last touch 90 days ago; you aim for every 90 days: a check-in is due today.' },
    ],
    [
      { lastTouchAt: '2026-07-29T08:00:00.000Z' },
      { score: 50, explanation: 'Last touch 120 days ago; you aim for every 90 days: a check-in is 30 days overdue.' },
    ],
    [
      { lastTouchAt: '2026-01-01T08:00:00.000Z' },
      { score: 0, explanation: 'Last touch 329 days ago; you aim for every 90 days: a check-in is 239 days overdue.' },
    ],
    [
      { lastTouchAt: '2026-11-16T08:00:00.000Z', cadenceDays: 14 },
      { score: 82, explanation: 'Last touch 10 days ago; you aim for every 14 days: a check-in is due in 4 days.' },
    ],
    [
      { circle: 'dormant' as const, lastTouchAt: '2026-05-30T08:00:00.000Z' },
      {
        score: 75,
        explanation:
          'Last touch 180 days ago; they have no check-in cadence, so kith judges against 180 days: a check-in is due today.',
      },
    ],
    [
      { createdAt: '2026-11-06T10:00:00.000Z' },
      { score: 94, explanation: 'No touch logged since you added them 20 days ago; you aim for every 90 days: on track.' },
    ],
  ])('%j', (contact, expected) => check(contact, expected));

  it('uses a newer touchpoint when lastTouchAt lags behind', () => {
    const c = component(
      input({ touchpoints: [touch('dm', '2026-11-26')] }, { lastTouchAt: '2026-01-01T00:00:00.000Z' }),
      'recency',
    );
    expect(c.score).toBe(100);
  });
});

describe('contactHealth: reciprocity from the ledger', () => {
  const e = (direction: 'give' | 'ask' | 'receive', occurredOn: string) => ({ direction, occurredOn });
  const check = (ledger: HealthInput['ledger'], expected: { score: number; explanation: string }) => {
    const c = component(input({ ledger }), 'reciprocity');
    expect({ score: c.score, explanation: c.explanation }).toEqual(expected);
  };
  it.each([
    [[], { score: 50, explanation: 'Nothing given, asked or received is logged yet; log a give to show you invest first.' }],
    [
      [e('give', '2026-01-01'), e('ask', '2026-02-01')],
      { score: 100, explanation: 'You gave once and asked once: the exchange is balanced; you gave first.' },
    ],
    [
      [e('ask', '2026-01-01'), e('give', '2026-02-01')],
      { score: 90, explanation: 'You gave once and asked once: the exchange is balanced.' },
    ],
    [
      [e('give', '2026-01-01'), e('give', '2026-03-01')],
      { score: 90, explanation: 'You gave twice: you have only given so far; you gave first.' },
    ],
    [
      [e('ask', '2026-01-01'), e('ask', '2026-02-01'), e('ask', '2026-03-01')],
      { score: 15, explanation: 'You asked 3 times: you have only taken so far: give something before the next ask.' },
    ],
    [
      [e('receive', '2026-01-01')],
      { score: 35, explanation: 'You received help once: they have given and you have not given back yet.' },
    ],
    [
      [e('ask', '2026-01-01'), e('receive', '2026-01-02'), e('ask', '2026-01-03'), e('give', '2026-02-01')],
      { score: 65, explanation: 'You gave once, asked twice and received help once: you have taken more than you gave.' },
    ],
  ])('%j', (ledger, expected) => check(ledger, expected));

  it('ranks giving first above asking only', () => {
    const give = component(input({ ledger: [e('give', '2026-01-01')] }), 'reciprocity').score;
    const ask = component(input({ ledger: [e('ask', '2026-01-01')] }), 'reciprocity').score;
    expect(give).toBeGreaterThan(ask);
  });
});

describe('contactHealth: depth from touch kinds', () => {
  const check = (kinds: TouchKind[], expected: { score: number; explanation: string }) => {
    const c = component(input({ touchpoints: kinds.map((k) => touch(k, '2026-06-01')) }), 'depth');
    expect({ score: c.score, explanation: c.explanation }).toEqual(expected);
  };
  it.each([
    [[], { score: 0, explanation: 'No touches in the last year.' }],
    [
      ['coffee', 'coffee', 'event', 'mentoring'],
      {
        score: 100,
        explanation:
          'In the last year: 2 coffees, 1 event, 1 mentoring session; time together in person or on video counts most.',
      },
    ],
    [['video'], { score: 63, explanation: 'In the last year: 1 video call; time together in person or on video counts most.' }],
    [
      ['call', 'call'],
      { score: 56, explanation: 'In the last year: 2 calls; all text or calls: meeting in person or on video would deepen it.' },
    ],
    [
      ['dm', 'dm', 'email', 'comment'],
      {
        score: 29,
        explanation:
          'In the last year: 2 DMs, 1 email, 1 comment; all text or calls: meeting in person or on video would deepen it.',
      },
    ],
  ] as Array<[TouchKind[], { score: number; explanation: string }]>)('%j', (kinds, expected) => check(kinds, expected));

  it('orders in person and video above call above text', () => {
    const score = (k: TouchKind) => component(input({ touchpoints: [touch(k, '2026-06-01')] }), 'depth').score;
    expect(score('coffee')).toBeGreaterThan(score('video'));
    expect(score('video')).toBeGreaterThan(score('call'));
    expect(score('call')).toBeGreaterThan(score('dm'));
    expect(score('dm')).toBe(score('email'));
    expect(score('email')).toBeGreaterThan(score('comment'));
  });

  it('never drops when text touches are added to deep ones', () => {
    const deep = [touch('coffee', '2026-06-01'), touch('video', '2026-07-01')];
    const more = [...deep, ...Array.from({ length: 10 }, () => touch('dm', '2026-08-01'))];
    expect(component(input({ touchpoints: more }), 'depth').score).toBeGreaterThanOrEqual(
      component(input({ touchpoints: deep }), 'depth').score,
    );
  });

  it('ignores touches older than a year and in the future', () => {
    const c = component(input({ touchpoints: [touch('coffee', '2025-11-25'), touch('coffee', '2026-11-27')] }), 'depth');
    expect(c.score).toBe(0);
  });
});

describe('contactHealth: reliability of my commitments', () => {
  type C = HealthInput['commitments'][number];
  const mine = (status: C['status'], dueOn: string | null, resolvedOn: string | null = null): C => ({
    direction: 'mine',
    status,
    dueOn,
    resolvedOn,
  });
  const check = (commitments: C[], expected: { score: number; explanation: string }) => {
    const c = component(input({ commitments }), 'reliability');
    expect({ score: c.score, explanation: c.explanation }).toEqual(expected);
  };
  it.each([
    [[], { score: 50, explanation: 'No promises to them are due yet, so there is nothing to judge: neutral.' }],
    [
      [mine('open', '2026-12-10')],
      { score: 50, explanation: 'No promises to them are due yet, so there is nothing to judge: neutral.' },
    ],
    [
      [{ ...mine('broken', '2026-01-01'), direction: 'theirs' as const }],
      { score: 50, explanation: 'No promises to them are due yet, so there is nothing to judge: neutral.' },
    ],
    [
      [mine('kept', '2026-03-01', '2026-02-27'), mine('kept', null, '2026-04-01'), mine('kept', '2026-05-01', '2026-05-01')],
      { score: 100, explanation: 'You kept 3 of 3 promises to them on time.' },
    ],
    [
      [
        mine('kept', '2026-03-01', '2026-02-27'),
        mine('kept', '2026-03-01', '2026-03-09'),
        mine('broken', '2026-04-01'),
        mine('open', '2026-11-01'),
      ],
      { score: 45, explanation: 'You kept 1 of 4 promises to them on time; 1 kept late, 1 broken, 1 overdue.' },
    ],
  ])('%j', (commitments, expected) => check(commitments, expected));
});

describe('contactHealth: two-way initiation', () => {
  const check = (by: Array<Initiator | null>, expected: { score: number; explanation: string }) => {
    const c = component(input({ touchpoints: by.map((b) => touch('dm', '2026-06-01', b)) }), 'initiation');
    expect({ score: c.score, explanation: c.explanation }).toEqual(expected);
  };
  it.each([
    [[], { score: 50, explanation: 'No touch in the last year records who started it: neutral.' }],
    [[null, null], { score: 50, explanation: 'No touch in the last year records who started it: neutral.' }],
    [
      ['me', 'me', 'me', 'them', 'them', 'them'],
      { score: 100, explanation: '3 of 6 touches in the last year were started by you: it goes both ways.' },
    ],
    [
      ['me', 'me', 'me', 'me', 'them', 'them'],
      { score: 80, explanation: '4 of 6 touches in the last year were started by you: mostly you reach out.' },
    ],
    [
      ['me', 'me', 'me', 'me', 'me', 'me'],
      { score: 40, explanation: '6 of 6 touches in the last year were started by you: they have not reached out first yet.' },
    ],
    [
      ['them', 'them', 'them', 'them', 'them', 'them'],
      { score: 40, explanation: '0 of 6 touches in the last year were started by you: you have not reached out first yet.' },
    ],
    [
      ['me'],
      { score: 65, explanation: '1 of 1 touch in the last year was started by you: they have not reached out first yet.' },
    ],
  ] as Array<[Array<Initiator | null>, { score: number; explanation: string }]>)('%j', (by, expected) => check(by, expected));
});

describe('contactHealth: the total', () => {
  it('weights sum to 1 and every component carries its weight', () => {
    const sum = Object.values(HEALTH_WEIGHTS).reduce((a, b) => a + b, 0);
    expect(sum).toBeCloseTo(1, 10);
    const r = contactHealth(input());
    expect(r.components.map((c) => [c.name, c.weight])).toEqual(Object.entries(HEALTH_WEIGHTS));
  });

  it('is the rounded weighted sum of the components', () => {
    const r = contactHealth(
      input(
        {
          touchpoints: [
            touch('coffee', '2026-11-20', 'me'),
            touch('video', '2026-09-01', 'them'),
            touch('dm', '2026-05-01', 'me'),
          ],
          ledger: [
            { direction: 'give', occurredOn: '2026-05-01' },
            { direction: 'ask', occurredOn: '2026-09-01' },
          ],
          commitments: [{ direction: 'mine', status: 'kept', dueOn: '2026-11-25', resolvedOn: '2026-11-24' }],
        },
        { lastTouchAt: '2026-11-20T12:00:00.000Z' },
      ),
    );
    const expected = Math.round(r.components.reduce((s, c) => s + c.score * c.weight, 0));
    expect(r.score).toBe(expected);
    expect(r.score).toBeGreaterThanOrEqual(90);
  });

  it('scores a neglected, one-sided relationship low', () => {
    const r = contactHealth(
      input(
        {
          touchpoints: [touch('dm', '2026-03-01', 'me'), touch('dm', '2026-02-01', 'me'), touch('comment', '2026-01-05', 'me')],
          ledger: [{ direction: 'ask', occurredOn: '2026-03-01' }],
          commitments: [{ direction: 'mine', status: 'broken', dueOn: '2026-03-10', resolvedOn: null }],
        },
        { circle: 'inner', lastTouchAt: '2026-03-01T12:00:00.000Z' },
      ),
    );
    expect(r.score).toBeLessThan(25);
    expect(Number.isInteger(r.score)).toBe(true);
  });
});

describe('networkHealth', () => {
  const item = (
    contactId: string,
    circle: NetworkHealthItem['circle'],
    score: number,
    previousScore?: number | null,
  ): NetworkHealthItem => ({
    contactId,
    name: `Name ${contactId}`,
    circle,
    score,
    previousScore,
  });

  it('buckets scores, with 100 in the top bucket', () => {
    const r = networkHealth([
      item('a', 'network', 0),
      item('b', 'network', 19),
      item('c', 'network', 20),
      item('d', 'network', 79),
      item('e', 'network', 80),
      item('f', 'network', 100),
    ]);
    expect(r.distribution).toEqual([
      { from: 0, to: 19, count: 2 },
      { from: 20, to: 39, count: 1 },
      { from: 40, to: 59, count: 0 },
      { from: 60, to: 79, count: 1 },
      { from: 80, to: 100, count: 2 },
    ]);
  });

  const stats = (scores: number[], expected: { mean: number | null; median: number | null }) => {
    const r = networkHealth(scores.map((s, i) => item(String(i), 'network', s)));
    expect({ mean: r.mean, median: r.median }).toEqual(expected);
  };
  it.each([
    [[], { mean: null, median: null }],
    [[50], { mean: 50, median: 50 }],
    [[10, 90, 20], { mean: 40, median: 20 }],
    [[10, 20, 30, 41], { mean: 25.3, median: 25 }],
  ])('mean and median of %j', (scores, expected) => stats(scores, expected));

  it('finds drifting contacts: low in inner/active, or a drop of 15 or more, sorted', () => {
    const r = networkHealth([
      item('ok-inner', 'inner', 70, 75),
      item('low-network', 'network', 20, 25),
      item('low-active', 'active', 35, null),
      item('low-inner', 'inner', 35, 60),
      item('dropped', 'network', 55, 70),
      item('dropped-less', 'network', 55, 69),
      item('dormant-low', 'dormant', 5),
    ]);
    expect(r.drifting.map((d) => [d.contactId, d.drop, d.reasons])).toEqual([
      ['low-inner', 25, ['Health 35 is low for someone in your inner circle.', 'Health dropped by 25 (from 60 to 35).']],
      ['low-active', null, ['Health 35 is low for someone in your active circle.']],
      ['dropped', 15, ['Health dropped by 15 (from 70 to 55).']],
    ]);
    expect(r.count).toBe(7);
  });
});
