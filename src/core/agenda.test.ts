import { describe, expect, it } from 'vitest';
import {
  AGENDA_WINDOWS,
  agendaItemKinds,
  boundaryBlocks,
  buildAgenda,
  explainScore,
  type AgendaContact,
  type AgendaInput,
  type AgendaItem,
} from './agenda.js';
import { addDays } from './days.js';
import { DEFAULT_CADENCE } from './types.js';

const TODAY = '2026-11-26'; // a Thursday
const at = (day: string) => `${day}T10:00:00.000Z`;

/** A contact touched recently enough that no check-in is due, unless overridden. */
function person(id: string, over: Partial<AgendaContact> = {}): AgendaContact {
  const given = id.charAt(0).toUpperCase() + id.slice(1);
  return {
    id,
    name: `${given} Example`,
    givenName: given,
    circle: 'active',
    cadenceDays: null,
    createdAt: at('2025-01-01'),
    lastTouchAt: at('2026-11-01'),
    boundaries: {},
    birthday: null,
    topics: [],
    company: null,
    ...over,
  };
}

function input(over: Partial<AgendaInput> = {}): AgendaInput {
  return {
    today: TODAY,
    profile: { cadenceDefaults: DEFAULT_CADENCE, dailyBudget: 50, postsPerMonth: 0 },
    contacts: [],
    followUps: [],
    commitments: [],
    awaitingReply: [],
    recentEvents: [],
    jobChanges: [],
    postResponses: [],
    posts: [],
    ledger: [],
    states: [],
    ...over,
  };
}

const ids = (items: AgendaItem[]) => items.map((i) => i.id);
const only = (items: AgendaItem[]): AgendaItem => {
  expect(items).toHaveLength(1);
  return items[0] as AgendaItem;
};

describe('checkin: overdue against the cadence', () => {
  const check = (contact: Partial<AgendaContact>, expected: string[]) =>
    expect(ids(buildAgenda(input({ contacts: [person('anna', contact)] })))).toEqual(expected);
  it.each<[string, Partial<AgendaContact>, string[]]>([
    ['active (90 days), last touch 100 days ago', { lastTouchAt: at('2026-08-18') }, ['checkin:anna:2026-11-16']],
    ['due exactly today', { lastTouchAt: at('2026-08-28') }, ['checkin:anna:2026-11-26']],
    ['due tomorrow: not yet', { lastTouchAt: at('2026-08-29') }, []],
    ['own cadence of 14 days', { cadenceDays: 14, lastTouchAt: at('2026-11-01') }, ['checkin:anna:2026-11-15']],
    ['never touched: counts from when added', { lastTouchAt: null, createdAt: at('2026-07-01') }, ['checkin:anna:2026-09-29']],
    ['dormant: no cadence, no check-in', { circle: 'dormant', lastTouchAt: at('2020-01-01') }, []],
    ['touched today', { lastTouchAt: at(TODAY) }, []],
  ])('%s', (_, contact, expected) => check(contact, expected));

  it('says how long ago and what the aim is, and suggests a topic from the record', () => {
    const item = only(
      buildAgenda(
        input({
          contacts: [
            person('anna', {
              circle: 'inner',
              lastTouchAt: at('2026-10-10'),
              topics: [{ kind: 'side-project', text: 'Rust meetup' }],
            }),
          ],
        }),
      ),
    );
    expect(item).toMatchObject({
      kind: 'checkin',
      contacts: [{ id: 'anna', name: 'Anna Example' }],
      reason: 'Last talked 47 days ago; you aim for every 30 days.',
      suggestion: 'Ask Anna how the Rust meetup is going.',
      dueOn: '2026-11-09',
    });
  });

  it.each<[Partial<AgendaContact>, string]>([
    [
      { topics: [{ kind: 'goal', text: 'become a staff engineer' }] },
      'Ask Anna how they are getting on with their goal “become a staff engineer”.',
    ],
    [
      { topics: [{ kind: 'challenge', text: 'hiring in Berlin' }] },
      'Ask Anna how things are with “hiring in Berlin”, and offer a hand.',
    ],
    [
      { topics: [{ kind: 'looking-for', text: 'a Go mentor' }] },
      'Anna is looking for a Go mentor: send a lead or an intro with a short personal note.',
    ],
    [
      { topics: [{ kind: 'interest', text: 'climbing' }] },
      'Send Anna something on climbing and ask what has caught their eye lately.',
    ],
    // The side project wins over an interest listed before it.
    [
      {
        topics: [
          { kind: 'interest', text: 'climbing' },
          { kind: 'side-project', text: 'my compiler' },
        ],
      },
      'Ask Anna how their compiler is going.',
    ],
    [{ company: 'Globex' }, 'Ask Anna what they are working on at Globex these days.'],
    [{}, 'Send Anna a personal note that refers to your last conversation and offers something useful.'],
    [
      { givenName: null, boundaries: { preferredChannel: 'video' } },
      'Send Anna Example a personal note that refers to your last conversation and offers something useful. They prefer a video call.',
    ],
  ])('suggestion for %j', (over, expected) => {
    const item = only(buildAgenda(input({ contacts: [person('anna', { lastTouchAt: at('2026-01-01'), ...over })] })));
    expect(item.suggestion).toBe(expected);
  });

  it('ranks more overdue higher, and the inner circle above the network', () => {
    const items = buildAgenda(
      input({
        contacts: [
          person('net', { circle: 'network', cadenceDays: 30, lastTouchAt: at('2026-09-01') }),
          person('inner', { circle: 'inner', cadenceDays: 30, lastTouchAt: at('2026-09-01') }),
          person('little', { circle: 'inner', cadenceDays: 30, lastTouchAt: at('2026-10-20') }),
          person('lots', { circle: 'inner', cadenceDays: 30, lastTouchAt: at('2026-06-01') }),
        ],
      }),
    );
    // lots 148 days overdue, inner 56, net 56 (but network), little 7.
    expect(items.map((i) => i.contacts[0]?.id)).toEqual(['lots', 'inner', 'net', 'little']);
    expect(items.map((i) => i.score)).toEqual([40 + 25 + 10, 40 + 23 + 10, 40 + 23, 40 + 3 + 10]);
  });
});

describe('boundaries are never crossed', () => {
  it.each<[string, Partial<AgendaContact>['boundaries'], string | null, boolean]>([
    ['paused until tomorrow', { pausedUntil: '2026-11-27' }, at('2026-01-01'), true],
    ['paused until today: the pause is over', { pausedUntil: TODAY }, at('2026-01-01'), false],
    ['paused in the past', { pausedUntil: '2026-01-01' }, at('2026-01-01'), false],
    ['min gap 10, last touch 9 days ago', { minGapDays: 10 }, at('2026-11-17'), true],
    ['min gap 10, last touch 10 days ago', { minGapDays: 10 }, at('2026-11-16'), false],
    ['min gap, never touched', { minGapDays: 10 }, null, false],
    ['min gap, last touch after today', { minGapDays: 10 }, at('2026-12-01'), true],
    ['min gap 0', { minGapDays: 0 }, at(TODAY), false],
  ])('boundaryBlocks: %s', (_, boundaries, lastTouchAt, expected) => {
    expect(boundaryBlocks({ boundaries: boundaries ?? {}, lastTouchAt }, TODAY)).toBe(expected);
  });

  // Every kind about a person, all at once, for a person whose boundaries say no.
  const everything = (c: AgendaContact): AgendaInput =>
    input({
      contacts: [c],
      followUps: [{ id: 'f1', contactId: c.id, text: 'send the article', dueOn: '2026-11-20', doneAt: null }],
      commitments: [{ id: 'm1', contactId: c.id, direction: 'mine', text: 'send slides', dueOn: '2026-11-25', status: 'open' }],
      awaitingReply: [{ contactId: c.id, touchpointId: 't1', receivedAt: at('2026-11-20'), summary: 'hi' }],
      recentEvents: [{ eventId: 'e1', name: 'RustConf', endsOn: '2026-11-25', metContactIds: [c.id] }],
      jobChanges: [{ contactId: c.id, fromCompany: 'Acme', toCompany: 'Globex', detectedOn: '2026-11-25' }],
      postResponses: [{ id: 'r1', postTitle: 'On WASM', contactId: c.id, authorName: null, receivedAt: at('2026-11-24') }],
      ledger: [{ contactId: c.id, direction: 'ask', occurredOn: '2026-11-01' }],
    });

  it.each<[string, Partial<AgendaContact>]>([
    ['paused', { boundaries: { pausedUntil: '2027-01-01' }, lastTouchAt: at('2026-11-24') }],
    ['inside the minimum gap', { boundaries: { minGapDays: 14 }, lastTouchAt: at('2026-11-24') }],
  ])('%s: only the commitment I owe them remains', (_, over) => {
    const c = person('anna', { birthday: '--11-28', ...over });
    expect(ids(buildAgenda(everything(c)))).toEqual(['commitment:m1']);
  });

  it('the same person without boundaries gets every kind', () => {
    const c = person('anna', { birthday: '--11-28', lastTouchAt: at('2026-11-24'), cadenceDays: 1 });
    expect(new Set(buildAgenda(everything(c)).map((i) => i.kind))).toEqual(
      new Set(['commitment', 'follow-up', 'reply', 'post-event', 'birthday', 'job-change', 'reader-response', 'give-first']),
    );
  });
});

describe('follow-up: due or overdue', () => {
  const check = (f: { dueOn: string | null; doneAt?: string | null; contactId?: string }, expected: string[]) =>
    expect(
      ids(
        buildAgenda(
          input({
            contacts: [person('anna')],
            followUps: [
              {
                id: 'f1',
                contactId: f.contactId ?? 'anna',
                text: 'send Anna the article on WASM GC',
                dueOn: f.dueOn,
                doneAt: f.doneAt ?? null,
              },
            ],
          }),
        ),
      ),
    ).toEqual(expected);
  it.each<[string, { dueOn: string | null; doneAt?: string | null; contactId?: string }, string[]]>([
    ['overdue', { dueOn: '2026-11-20' }, ['follow-up:f1']],
    ['due today', { dueOn: TODAY }, ['follow-up:f1']],
    ['due tomorrow', { dueOn: '2026-11-27' }, []],
    ['no due day', { dueOn: null }, []],
    ['done', { dueOn: '2026-11-20', doneAt: at('2026-11-21') }, []],
    ['contact not live (trashed)', { dueOn: '2026-11-20', contactId: 'ghost' }, []],
  ])('%s', (_, f, expected) => check(f, expected));

  it('uses the follow-up text as the next step', () => {
    const item = only(
      buildAgenda(
        input({
          contacts: [person('anna')],
          followUps: [
            { id: 'f1', contactId: 'anna', text: 'send Anna the article on WASM GC', dueOn: '2026-11-24', doneAt: null },
          ],
        }),
      ),
    );
    expect(item.reason).toBe('You planned to follow up with Anna Example: “send Anna the article on WASM GC”, due 2 days ago.');
    expect(item.suggestion).toBe('Send Anna the article on WASM GC.');
    expect(item.score).toBe(70 + 2 + 5);
  });

  it('names the person when the text does not', () => {
    const item = only(
      buildAgenda(
        input({
          contacts: [person('anna')],
          followUps: [{ id: 'f1', contactId: 'anna', text: 'Ask about the offsite.', dueOn: TODAY, doneAt: null }],
        }),
      ),
    );
    expect(item.suggestion).toBe('Follow up with Anna: ask about the offsite.');
  });
});

describe('commitment: one I owe, due within 2 days or overdue', () => {
  const check = (
    m: { dueOn: string | null; direction?: 'mine' | 'theirs'; status?: 'open' | 'kept' | 'broken' },
    expected: Array<[string, number]>,
  ) =>
    expect(
      buildAgenda(
        input({
          contacts: [person('anna', { circle: 'inner' })],
          commitments: [
            {
              id: 'm1',
              contactId: 'anna',
              direction: m.direction ?? 'mine',
              text: 'send slides',
              dueOn: m.dueOn,
              status: m.status ?? 'open',
            },
          ],
        }),
      ).map((i) => [i.id, i.score]),
    ).toEqual(expected);
  it.each<
    [
      string,
      { dueOn: string | null; direction?: 'mine' | 'theirs'; status?: 'open' | 'kept' | 'broken' },
      Array<[string, number]>,
    ]
  >([
    ['due in 3 days: not yet', { dueOn: '2026-11-29' }, []],
    ['due in 2 days', { dueOn: '2026-11-28' }, [['commitment:m1', 96]]],
    ['due tomorrow', { dueOn: '2026-11-27' }, [['commitment:m1', 98]]],
    ['due today', { dueOn: TODAY }, [['commitment:m1', 100]]],
    ['3 days overdue', { dueOn: '2026-11-23' }, [['commitment:m1', 106]]],
    ['30 days overdue: urgency is capped', { dueOn: '2026-10-27' }, [['commitment:m1', 120]]],
    ['theirs', { dueOn: TODAY, direction: 'theirs' }, []],
    ['kept', { dueOn: TODAY, status: 'kept' }, []],
    ['no due day', { dueOn: null }, []],
  ])('%s', (_, m, expected) => check(m, expected));

  it('reads as a promise and says what to do when late', () => {
    const item = only(
      buildAgenda(
        input({
          contacts: [person('anna')],
          commitments: [
            {
              id: 'm1',
              contactId: 'anna',
              direction: 'mine',
              text: 'Send slides from the Rust talk.',
              dueOn: '2026-11-24',
              status: 'open',
            },
          ],
        }),
      ),
    );
    expect(item.reason).toBe('You promised Anna Example: “Send slides from the Rust talk”, 2 days overdue.');
    expect(item.suggestion).toBe(
      'Keep your word to Anna: send slides from the Rust talk. It is late: deliver it today, or tell them when it will come.',
    );
  });
});

describe('reply: inbound message not answered within 2 days', () => {
  const check = (receivedDay: string, expected: string[]) =>
    expect(
      ids(
        buildAgenda(
          input({
            contacts: [person('anna')],
            awaitingReply: [{ contactId: 'anna', touchpointId: 't1', receivedAt: at(receivedDay), summary: '' }],
          }),
        ),
      ),
    ).toEqual(expected);
  it.each([
    [TODAY, []],
    ['2026-11-25', []],
    ['2026-11-24', ['reply:t1']],
    ['2026-10-01', ['reply:t1']],
    ['2026-12-01', []], // an agenda for a day before the message arrived
  ])('received %s → %j', (day, expected) => check(day, expected));

  it('quotes what they wrote', () => {
    const item = only(
      buildAgenda(
        input({
          contacts: [person('anna')],
          awaitingReply: [
            {
              contactId: 'anna',
              touchpointId: 't1',
              receivedAt: at('2026-11-22'),
              summary: 'Could you review my talk proposal?',
            },
          ],
        }),
      ),
    );
    expect(item.reason).toBe(
      'Anna Example wrote 4 days ago (“Could you review my talk proposal?”) and is waiting for your answer.',
    );
    expect(item.suggestion).toBe('Answer Anna today; a short, specific reply now beats a long one later.');
  });
});

describe('birthday: within 7 days', () => {
  const check = (birthday: string, today: string, expected: string[]) =>
    expect(
      ids(buildAgenda(input({ today, contacts: [person('anna', { birthday, lastTouchAt: at(addDays(today, -1)) })] }))),
    ).toEqual(expected);
  it.each([
    ['--11-26', TODAY, ['birthday:anna:2026']],
    ['--12-03', TODAY, ['birthday:anna:2026']],
    ['--12-04', TODAY, []],
    ['--11-25', TODAY, []], // yesterday: next one is a year away
    ['1990-11-30', TODAY, ['birthday:anna:2026']],
    ['--01-02', '2026-12-28', ['birthday:anna:2027']], // across the new year
    ['--02-29', '2027-02-25', ['birthday:anna:2027']], // 29 Feb falls on 28 Feb in other years
    ['--13-40', TODAY, []],
    ['', TODAY, []],
  ])('%s on %s → %j', (birthday, today, expected) => check(birthday, today, expected));

  it('a touch on the birthday itself counts as the birthday message', () => {
    const c = person('anna', { birthday: '--11-26' });
    expect(ids(buildAgenda(input({ contacts: [{ ...c, lastTouchAt: at('2026-11-25') }] })))).toEqual(['birthday:anna:2026']);
    expect(ids(buildAgenda(input({ contacts: [{ ...c, lastTouchAt: at(TODAY) }] })))).toEqual([]);
  });

  it('says when, and the age when the year is known', () => {
    const item = only(
      buildAgenda(
        input({
          contacts: [person('anna', { birthday: '1990-11-29', topics: [{ kind: 'side-project', text: 'Rust meetup' }] })],
        }),
      ),
    );
    expect(item.reason).toBe('Anna Example’s birthday is in 3 days, on 29 November (turns 36).');
    expect(item.suggestion).toBe('On 29 November, send Anna a personal birthday message and ask about the Rust meetup.');
  });
});

describe('post-event: met at an event that ended up to 3 days ago, no touch since', () => {
  const check = (endsOn: string, lastTouch: string, expected: string[]) =>
    expect(
      ids(
        buildAgenda(
          input({
            contacts: [person('anna', { lastTouchAt: at(lastTouch) }), person('bob', { lastTouchAt: at(lastTouch) })],
            recentEvents: [{ eventId: 'e1', name: 'RustConf', endsOn, metContactIds: ['anna', 'bob', 'ghost'] }],
          }),
        ),
      ),
    ).toEqual(expected);
  it.each([
    ['2026-11-25', '2026-11-25', ['post-event:e1:anna', 'post-event:e1:bob']], // the event itself as the last touch
    ['2026-11-23', '2026-11-20', ['post-event:e1:anna', 'post-event:e1:bob']],
    ['2026-11-22', '2026-11-20', []], // 4 days ago: too late for a post-event note
    ['2026-11-25', TODAY, []], // already followed up
    ['2026-11-27', '2026-11-20', []], // not over yet
  ])('ended %s, last touch %s → %j', (endsOn, lastTouch, expected) => check(endsOn, lastTouch, expected));

  it('fresher events rank higher', () => {
    const items = buildAgenda(
      input({
        contacts: [person('anna', { lastTouchAt: at('2026-11-01') }), person('bob', { lastTouchAt: at('2026-11-01') })],
        recentEvents: [
          { eventId: 'old', name: 'JSConf', endsOn: '2026-11-23', metContactIds: ['anna'] },
          { eventId: 'new', name: 'RustConf', endsOn: '2026-11-25', metContactIds: ['bob'] },
        ],
      }),
    );
    expect(ids(items)).toEqual(['post-event:new:bob', 'post-event:old:anna']);
    expect(items[0]?.reason).toBe(
      'You met Bob Example at RustConf, which ended yesterday; a personal follow-up within 48 hours is remembered.',
    );
  });
});

describe('job-change', () => {
  const check = (j: { detectedOn: string; fromCompany?: string | null }, lastTouch: string, expected: string[]) =>
    expect(
      ids(
        buildAgenda(
          input({
            contacts: [person('anna', { lastTouchAt: at(lastTouch) })],
            jobChanges: [
              { contactId: 'anna', fromCompany: j.fromCompany ?? 'Acme', toCompany: 'Globex', detectedOn: j.detectedOn },
            ],
          }),
        ),
      ),
    ).toEqual(expected);
  it.each([
    [{ detectedOn: '2026-11-25' }, '2026-11-01', ['job-change:anna:Globex']],
    [{ detectedOn: '2026-11-25' }, '2026-11-25', ['job-change:anna:Globex']],
    [{ detectedOn: '2026-11-20' }, '2026-11-22', []], // touched since: congratulated
    [{ detectedOn: '2026-10-20' }, '2026-10-01', []], // more than 30 days ago
    [{ detectedOn: '2026-12-01' }, '2026-10-01', []], // not noticed yet on that day
  ])('%j, last touch %s → %j', (j, lastTouch, expected) => check(j, lastTouch, expected));

  it.each([
    ['Acme', 'Anna Example moved from Acme to Globex (noticed yesterday).'],
    [null, 'Anna Example started at Globex (noticed yesterday).'],
  ])('from %s', (fromCompany, reason) => {
    const item = only(
      buildAgenda(
        input({
          contacts: [person('anna')],
          jobChanges: [{ contactId: 'anna', fromCompany, toCompany: 'Globex', detectedOn: '2026-11-25' }],
        }),
      ),
    );
    expect(item.reason).toBe(reason);
    expect(item.suggestion).toBe(
      'Congratulate Anna on the new role at Globex and ask what drew them there; offer an intro if it helps them settle in.',
    );
  });
});

describe('reader-response: awaiting reply', () => {
  it('for a known contact, with their circle', () => {
    const item = only(
      buildAgenda(
        input({
          contacts: [person('anna', { circle: 'inner' })],
          postResponses: [
            { id: 'r1', postTitle: 'WASM GC in practice', contactId: 'anna', authorName: null, receivedAt: at('2026-11-23') },
          ],
        }),
      ),
    );
    expect(item).toMatchObject({
      id: 'reader-response:r1',
      contacts: [{ id: 'anna', name: 'Anna Example' }],
      reason: 'Anna Example responded to your post “WASM GC in practice” 3 days ago and has no reply yet.',
      score: 60 + 3 + 10,
    });
  });

  it.each([
    ['Eve', 'Eve responded to your post “On WASM” today and has no reply yet.'],
    [null, 'A reader responded to your post “On WASM” today and has no reply yet.'],
  ])('from someone not in kith (%s)', (authorName, reason) => {
    const item = only(
      buildAgenda(
        input({ postResponses: [{ id: 'r1', postTitle: 'On WASM', contactId: null, authorName, receivedAt: at(TODAY) }] }),
      ),
    );
    expect(item.contacts).toEqual([]);
    expect(item.reason).toBe(reason);
  });
});

describe('give-first: asked within 60 days, gave nothing', () => {
  const check = (ledger: Array<['give' | 'ask' | 'receive', string]>, expected: string[]) =>
    expect(
      ids(
        buildAgenda(
          input({
            contacts: [person('anna')],
            ledger: ledger.map(([direction, occurredOn]) => ({ contactId: 'anna', direction, occurredOn })),
          }),
        ),
      ),
    ).toEqual(expected);
  it.each<[Array<['give' | 'ask' | 'receive', string]>, string[]]>([
    [[['ask', '2026-11-01']], ['give-first:anna:2026-11-01']],
    [
      [
        ['ask', '2026-10-01'],
        ['ask', '2026-11-10'],
      ],
      ['give-first:anna:2026-11-10'],
    ],
    [
      [
        ['ask', '2026-11-01'],
        ['give', '2026-11-05'],
      ],
      [],
    ],
    [
      [
        ['give', '2026-10-01'],
        ['ask', '2026-11-01'],
      ],
      [],
    ], // gave first
    [
      [
        ['give', '2026-08-01'],
        ['ask', '2026-11-01'],
      ],
      ['give-first:anna:2026-11-01'],
    ], // that give is older than 60 days
    [[['ask', '2026-09-01']], []], // the ask is older than 60 days
    [[['receive', '2026-11-01']], []],
  ])('%j → %j', (ledger, expected) => check(ledger, expected));

  it('suggests a give from what they are looking for', () => {
    const item = only(
      buildAgenda(
        input({
          contacts: [
            person('anna', {
              topics: [
                { kind: 'interest', text: 'climbing' },
                { kind: 'looking-for', text: 'a Go mentor' },
              ],
            }),
          ],
          ledger: [{ contactId: 'anna', direction: 'ask', occurredOn: '2026-11-16' }],
        }),
      ),
    );
    expect(item.reason).toBe('You asked Anna Example for something 10 days ago and have given nothing in the last 60 days.');
    expect(item.suggestion).toBe('Anna is looking for a Go mentor: send a lead or an intro before you ask again.');
  });
});

describe('blog-cadence', () => {
  const check = (today: string, posts: string[], postsPerMonth: number, expected: string[]) =>
    expect(
      ids(
        buildAgenda(
          input({ today, posts: posts.map((publishedOn) => ({ publishedOn })), profile: { ...input().profile, postsPerMonth } }),
        ),
      ),
    ).toEqual(expected);
  it.each<[string, string[], number, string[]]>([
    ['2026-11-26', [], 1, ['blog-cadence:2026-11']],
    ['2026-11-15', [], 1, []], // not more than half gone
    ['2026-11-26', ['2026-11-03'], 1, []],
    ['2026-11-26', ['2026-11-03'], 2, ['blog-cadence:2026-11']],
    ['2026-11-26', [], 0, []], // no goal
    ['2026-12-20', ['2026-11-03'], 0.5, []], // every two months: November covers Nov–Dec
  ])('%s, posts %j, %s a month → %j', (today, posts, ppm, expected) => check(today, posts, ppm, expected));

  it('mentions the streak at stake', () => {
    const item = only(
      buildAgenda(
        input({
          posts: [{ publishedOn: '2026-09-02' }, { publishedOn: '2026-10-02' }],
          profile: { ...input().profile, postsPerMonth: 1 },
        }),
      ),
    );
    expect(item.reason).toBe(
      'No post yet in November, and it is more than half gone; you aim for 1 post a month. Your 2-month streak ends if nothing goes out by 30 November.',
    );
    expect(item.contacts).toEqual([]);
  });
});

describe('snooze and done', () => {
  const base = () =>
    input({
      contacts: [person('anna')],
      followUps: [{ id: 'f1', contactId: 'anna', text: 'send the article', dueOn: TODAY, doneAt: null }],
    });
  const check = (states: AgendaInput['states'], expected: string[]) =>
    expect(ids(buildAgenda({ ...base(), states }))).toEqual(expected);
  it.each<[string, AgendaInput['states'], string[]]>([
    ['nothing', [], ['follow-up:f1']],
    ['snoozed until tomorrow', [{ itemId: 'follow-up:f1', snoozedUntil: '2026-11-27' }], []],
    ['snoozed until today: back', [{ itemId: 'follow-up:f1', snoozedUntil: TODAY }], ['follow-up:f1']],
    ['done today', [{ itemId: 'follow-up:f1', doneOn: TODAY }], []],
    ['done on a later day than asked for', [{ itemId: 'follow-up:f1', doneOn: '2026-11-30' }], ['follow-up:f1']],
    ['another item done', [{ itemId: 'follow-up:f2', doneOn: TODAY }], ['follow-up:f1']],
  ])('%s', (_, states, expected) => check(states, expected));

  it('a hidden item no longer covers the check-in, which shows on its own again', () => {
    const states = [{ itemId: 'follow-up:f1', snoozedUntil: '2026-12-01' }];
    const i = { ...base(), contacts: [person('anna', { lastTouchAt: at('2026-01-01') })] };
    expect(ids(buildAgenda(i))).toEqual(['follow-up:f1']);
    expect(ids(buildAgenda({ ...i, states }))).toEqual(['checkin:anna:2026-04-01']);
  });

  it('done on a check-in hides only that occurrence', () => {
    const states = [{ itemId: 'checkin:anna:2026-04-01', doneOn: '2026-11-20' }];
    const c = person('anna', { lastTouchAt: at('2026-01-01') });
    expect(ids(buildAgenda(input({ contacts: [c], states })))).toEqual([]);
    // After the next touch the cadence moves on: a new occurrence with a new id.
    const later = input({ today: '2027-03-01', contacts: [{ ...c, lastTouchAt: at('2026-11-20') }], states });
    expect(ids(buildAgenda(later))).toEqual(['checkin:anna:2027-02-18']);
  });
});

describe('a person with several items', () => {
  it('the check-in folds into their top item, which says so', () => {
    const items = buildAgenda(
      input({
        contacts: [person('anna', { circle: 'inner', lastTouchAt: at('2026-10-10') })],
        followUps: [{ id: 'f1', contactId: 'anna', text: 'send the article', dueOn: TODAY, doneAt: null }],
        awaitingReply: [{ contactId: 'anna', touchpointId: 't1', receivedAt: at('2026-11-20'), summary: '' }],
      }),
    );
    expect(ids(items)).toEqual(['reply:t1', 'follow-up:f1']);
    expect(items[0]?.reason).toBe(
      'Anna Example wrote 6 days ago and is waiting for your answer. It also covers your check-in (last talked 47 days ago; you aim for every 30 days).',
    );
    expect(items[0]?.score).toBe(80 + 4 + 10 + 5);
    expect(items[1]?.reason).not.toContain('check-in');
  });
});

describe('ranking, cap and explanation', () => {
  const busy = () =>
    input({
      contacts: [
        person('anna', { circle: 'inner' }),
        person('bob', { circle: 'network', lastTouchAt: at('2026-01-01') }),
        person('cleo', { lastTouchAt: at('2026-11-20') }),
        person('dan', { circle: 'inner', cadenceDays: 30, lastTouchAt: at('2026-09-01') }),
      ],
      commitments: [{ id: 'm1', contactId: 'anna', direction: 'mine', text: 'send slides', dueOn: '2026-11-27', status: 'open' }],
      awaitingReply: [{ contactId: 'cleo', touchpointId: 't1', receivedAt: at('2026-11-20'), summary: '' }],
      postResponses: [{ id: 'r1', postTitle: 'On WASM', contactId: null, authorName: 'Eve', receivedAt: at(TODAY) }],
      posts: [],
      profile: { cadenceDefaults: DEFAULT_CADENCE, dailyBudget: 3, postsPerMonth: 1 },
    });

  it('commitments and replies come before check-ins; the daily budget caps the list', () => {
    expect(ids(buildAgenda(busy(), 50))).toEqual([
      'commitment:m1',
      'reply:t1',
      'checkin:dan:2026-10-01',
      'reader-response:r1',
      'checkin:bob:2026-06-30',
      'blog-cadence:2026-11',
    ]);
    expect(ids(buildAgenda(busy()))).toEqual(['commitment:m1', 'reply:t1', 'checkin:dan:2026-10-01']);
    expect(ids(buildAgenda(busy(), 1))).toEqual(['commitment:m1']);
    expect(buildAgenda(busy(), 0)).toEqual([]);
    expect(buildAgenda({ ...busy(), profile: { ...busy().profile, dailyBudget: Number.NaN } })).toHaveLength(5);
  });

  it('ties are broken by id', () => {
    const items = buildAgenda(
      input({
        contacts: ['zed', 'amy', 'kim'].map((id) => person(id, { lastTouchAt: at('2026-08-18') })),
      }),
    );
    expect(items.map((i) => i.score)).toEqual([46, 46, 46]);
    expect(ids(items)).toEqual(['checkin:amy:2026-11-16', 'checkin:kim:2026-11-16', 'checkin:zed:2026-11-16']);
  });

  it('explains a score as the sum of its parts', () => {
    const [first] = buildAgenda(busy());
    expect(first).toBeDefined();
    expect(explainScore(first as AgendaItem)).toBe('commitment you owe 90 due tomorrow − 2 inner circle + 10 = 98');
    for (const item of buildAgenda(busy(), 50)) {
      expect(item.scoreParts.reduce((s, p) => s + p.points, 0)).toBe(item.score);
    }
  });
});

describe('robustness', () => {
  it('ignores malformed days and unknown contacts instead of throwing', () => {
    const items = buildAgenda(
      input({
        contacts: [person('anna', { birthday: 'soon' })],
        followUps: [{ id: 'f1', contactId: 'anna', text: 'x', dueOn: 'next week', doneAt: null }],
        commitments: [{ id: 'm1', contactId: 'nobody', direction: 'mine', text: 'x', dueOn: TODAY, status: 'open' }],
        awaitingReply: [{ contactId: 'anna', touchpointId: 't1', receivedAt: 'yesterday', summary: '' }],
        recentEvents: [{ eventId: 'e1', name: 'X', endsOn: '2026-02-30', metContactIds: ['anna'] }],
        ledger: [{ contactId: 'anna', direction: 'ask', occurredOn: '20261101' }],
      }),
    );
    expect(items).toEqual([]);
  });

  it('duplicate rows give one item', () => {
    const reply = { contactId: 'anna', touchpointId: 't1', receivedAt: at('2026-11-20'), summary: '' };
    expect(ids(buildAgenda(input({ contacts: [person('anna')], awaitingReply: [reply, reply] })))).toEqual(['reply:t1']);
  });

  it('exports every kind and the windows it uses', () => {
    expect(agendaItemKinds).toHaveLength(10);
    expect(AGENDA_WINDOWS.giveFirstDays).toBe(60);
  });
});
