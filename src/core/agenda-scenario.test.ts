/**
 * A month in the life of one user, walked day by day: ten people in three
 * circles, a birthday, a conference, a follow-up, a promise, an inbound
 * message, a reader's response, a job change, an ask, a blog post; the user
 * acts on the agenda on some days and ignores it on others. Each day's
 * agenda is checked in full.
 */
import { describe, expect, it } from 'vitest';
import { buildAgenda, type AgendaContact, type AgendaInput, type AgendaItem } from './agenda.js';
import { addDays } from './days.js';
import { DEFAULT_CADENCE } from './types.js';

const noon = (day: string) => `${day}T12:00:00.000Z`;

function person(id: string, name: string, over: Partial<AgendaContact>): AgendaContact {
  return {
    id,
    name,
    givenName: name.split(' ')[0] ?? name,
    circle: 'active',
    cadenceDays: null,
    createdAt: noon('2025-01-01'),
    lastTouchAt: null,
    boundaries: {},
    birthday: null,
    topics: [],
    company: null,
    ...over,
  };
}

/** The world on 31 October, before the month starts. */
function startOfMonth(): AgendaInput {
  return {
    today: '2026-10-31',
    profile: { cadenceDefaults: DEFAULT_CADENCE, dailyBudget: 5, postsPerMonth: 1 },
    contacts: [
      // inner (30 days): due 4 Nov.
      person('anna', 'Anna Schmidt', {
        circle: 'inner',
        lastTouchAt: noon('2026-10-05'),
        topics: [{ kind: 'side-project', text: 'Rust meetup' }],
      }),
      // inner: due 19 Nov; birthday on 12 Nov.
      person('bob', 'Bob Meyer', { circle: 'inner', lastTouchAt: noon('2026-10-20'), birthday: '--11-12' }),
      // active (90 days): due 8 Nov, but paused until 15 Nov.
      person('cleo', 'Cleo Park', {
        lastTouchAt: noon('2026-08-10'),
        boundaries: { pausedUntil: '2026-11-15' },
        company: 'Initech',
      }),
      // active: met at NodeConf (9–10 Nov).
      person('dan', 'Dan Okafor', { lastTouchAt: noon('2026-10-01') }),
      // network (180 days): due 28 Nov.
      person('eva', 'Eva Lindqvist', {
        circle: 'network',
        lastTouchAt: noon('2026-06-01'),
        topics: [{ kind: 'interest', text: 'climbing' }],
      }),
      // network: a follow-up due 6 Nov.
      person('finn', 'Finn Berg', { circle: 'network', lastTouchAt: noon('2026-10-15') }),
      // active: I promised slides by 18 Nov.
      person('gina', 'Gina Rossi', { lastTouchAt: noon('2026-10-20') }),
      // active: writes on 20 Nov; wants at least 3 days between touches.
      person('hana', 'Hana Sato', { lastTouchAt: noon('2026-10-25'), boundaries: { minGapDays: 3 } }),
      // dormant (no cadence): changes jobs, noticed on 3 Nov.
      person('ivan', 'Ivan Petrov', { circle: 'dormant', lastTouchAt: noon('2025-03-01') }),
      // active: I ask Jo for a favour on 2 Nov.
      person('jo', 'Jo Nakamura', {
        lastTouchAt: noon('2026-11-01'),
        topics: [{ kind: 'looking-for', text: 'a frontend contractor' }],
      }),
    ],
    followUps: [
      { id: 'fu-finn', contactId: 'finn', text: 'send Finn the article on WASM GC', dueOn: '2026-11-06', doneAt: null },
    ],
    commitments: [
      {
        id: 'cm-gina',
        contactId: 'gina',
        direction: 'mine',
        text: 'send the slides from my talk',
        dueOn: '2026-11-18',
        status: 'open',
      },
    ],
    awaitingReply: [],
    recentEvents: [],
    jobChanges: [],
    postResponses: [],
    posts: [{ publishedOn: '2026-09-14' }, { publishedOn: '2026-10-12' }],
    ledger: [],
    states: [],
  };
}

/** Logs a touch with someone on a day. */
const touch = (w: AgendaInput, id: string, day: string): void => {
  w.contacts = w.contacts.map((c) => (c.id === id ? { ...c, lastTouchAt: noon(day) } : c));
};

/** What happens in the world and what the user does, by day (before the agenda is looked at). */
const EVENTS: Record<string, (w: AgendaInput, day: string) => void> = {
  '2026-11-01': (w, d) => touch(w, 'jo', d),
  '2026-11-02': (w, d) => {
    w.ledger.push({ contactId: 'jo', direction: 'ask', occurredOn: d });
    touch(w, 'jo', d);
  },
  '2026-11-03': (w, d) => w.jobChanges.push({ contactId: 'ivan', fromCompany: 'Acme', toCompany: 'Globex', detectedOn: d }),
  '2026-11-05': (w, d) => {
    touch(w, 'anna', d); // coffee with Anna: her check-in is settled
    w.ledger.push({ contactId: 'jo', direction: 'give', occurredOn: d }); // sent Jo a contractor's name
    touch(w, 'jo', d);
  },
  '2026-11-07': (w, d) => w.states.push({ itemId: 'job-change:ivan:Globex', doneOn: d }), // "done" without a touch
  '2026-11-08': (w, d) => w.states.push({ itemId: 'follow-up:fu-finn', snoozedUntil: addDays(d, 3) }), // snoozed to the 11th
  '2026-11-10': (w, d) => {
    w.recentEvents.push({ eventId: 'nodeconf', name: 'NodeConf', endsOn: d, metContactIds: ['dan', 'eva'] });
    touch(w, 'dan', d); // the event, logged as a touch with both
    touch(w, 'eva', d);
  },
  '2026-11-11': (w, d) => {
    touch(w, 'finn', d); // sent Finn the article
    w.followUps = w.followUps.map((f) => (f.id === 'fu-finn' ? { ...f, doneAt: noon(d) } : f));
  },
  '2026-11-12': (w, d) => {
    touch(w, 'dan', d); // a personal note after NodeConf
    touch(w, 'bob', d); // happy birthday
  },
  '2026-11-19': (w, d) => {
    touch(w, 'gina', d);
    w.commitments = w.commitments.map((c) => (c.id === 'cm-gina' ? { ...c, status: 'kept' } : c));
  },
  '2026-11-20': (w, d) => {
    w.awaitingReply.push({
      contactId: 'hana',
      touchpointId: 'tp-hana',
      receivedAt: noon(d),
      summary: 'Would you review my RFC?',
    });
    touch(w, 'hana', d);
  },
  '2026-11-21': (w, d) => w.posts.push({ publishedOn: d }),
  '2026-11-22': (w, d) =>
    w.postResponses.push({
      id: 'pr-1',
      postTitle: 'Shipping WASM GC',
      contactId: null,
      authorName: 'Mia Lee',
      receivedAt: noon(d),
    }),
  '2026-11-24': (w, d) => {
    touch(w, 'hana', d); // answered Hana
    w.awaitingReply = [];
    w.postResponses = []; // and the reader
  },
  '2026-11-25': (w, d) => touch(w, 'cleo', d),
};

/** The full agenda (ids in rank order) expected on each day of November. */
const EXPECTED: Record<string, string[]> = {
  '2026-11-01': [],
  '2026-11-02': ['give-first:jo:2026-11-02'],
  // Ivan is dormant: his news ranks below the active circle.
  '2026-11-03': ['give-first:jo:2026-11-02', 'job-change:ivan:Globex'],
  // Anna's check-in and Ivan's news score the same: the id breaks the tie.
  '2026-11-04': ['give-first:jo:2026-11-02', 'checkin:anna:2026-11-04', 'job-change:ivan:Globex'],
  // Anna and Jo settled; Bob's birthday is a week away.
  '2026-11-05': ['birthday:bob:2026', 'job-change:ivan:Globex'],
  '2026-11-06': ['follow-up:fu-finn', 'birthday:bob:2026', 'job-change:ivan:Globex'],
  '2026-11-07': ['follow-up:fu-finn', 'birthday:bob:2026'],
  // Cleo is due today, but paused; Finn's follow-up snoozed.
  '2026-11-08': ['birthday:bob:2026'],
  '2026-11-09': ['birthday:bob:2026'],
  '2026-11-10': ['post-event:nodeconf:dan', 'post-event:nodeconf:eva', 'birthday:bob:2026'],
  '2026-11-11': ['post-event:nodeconf:dan', 'post-event:nodeconf:eva', 'birthday:bob:2026'],
  // Dan and Bob done; Eva from NodeConf still waiting for a note.
  '2026-11-12': ['post-event:nodeconf:eva'],
  '2026-11-13': ['post-event:nodeconf:eva'],
  '2026-11-14': [],
  // Cleo's pause is over: her check-in, a week late.
  '2026-11-15': ['checkin:cleo:2026-11-08'],
  // Gina's promise is two days out; November's post is not written.
  '2026-11-16': ['commitment:cm-gina', 'checkin:cleo:2026-11-08', 'blog-cadence:2026-11'],
  '2026-11-17': ['commitment:cm-gina', 'checkin:cleo:2026-11-08', 'blog-cadence:2026-11'],
  '2026-11-18': ['commitment:cm-gina', 'checkin:cleo:2026-11-08', 'blog-cadence:2026-11'],
  '2026-11-19': ['checkin:cleo:2026-11-08', 'blog-cadence:2026-11'],
  // Hana wrote today: not waiting long enough yet.
  '2026-11-20': ['checkin:cleo:2026-11-08', 'blog-cadence:2026-11'],
  '2026-11-21': ['checkin:cleo:2026-11-08'],
  // Two days since Hana wrote, but her minimum gap of 3 days holds the reply back one more day.
  '2026-11-22': ['reader-response:pr-1', 'checkin:cleo:2026-11-08'],
  '2026-11-23': ['reply:tp-hana', 'reader-response:pr-1', 'checkin:cleo:2026-11-08'],
  '2026-11-24': ['checkin:cleo:2026-11-08'],
  '2026-11-25': [],
  '2026-11-26': [],
  '2026-11-27': [],
  // Anna's next check-in: 30 days after the coffee on the 5th is 5 December; nothing due yet.
  '2026-11-28': [],
  '2026-11-29': [],
  '2026-11-30': [],
};

describe('a month of agendas', () => {
  it('each day shows what deserves attention, and only that', () => {
    const world = startOfMonth();
    const seen: Record<string, string[]> = {};
    const byDay: Record<string, AgendaItem[]> = {};
    for (let day = '2026-11-01'; day <= '2026-11-30'; day = addDays(day, 1)) {
      world.today = day;
      EVENTS[day]?.(world, day);
      const items = buildAgenda(structuredClone(world), 50);
      byDay[day] = items;
      seen[day] = items.map((i) => i.id);
      // The daily budget holds on the same day.
      expect(buildAgenda(structuredClone(world)).map((i) => i.id)).toEqual(seen[day]?.slice(0, 5));
    }
    expect(seen).toEqual(EXPECTED);

    // A few items read as they should on their day.
    const find = (day: string, id: string) => byDay[day]?.find((i) => i.id === id);
    expect(find('2026-11-04', 'checkin:anna:2026-11-04')?.suggestion).toBe('Ask Anna how the Rust meetup is going.');
    expect(find('2026-11-05', 'birthday:bob:2026')?.reason).toBe('Bob Meyer’s birthday is in 7 days, on 12 November.');
    expect(find('2026-11-03', 'give-first:jo:2026-11-02')?.suggestion).toBe(
      'Jo is looking for a frontend contractor: send a lead or an intro before you ask again.',
    );
    expect(find('2026-11-15', 'checkin:cleo:2026-11-08')?.reason).toBe('Last talked 97 days ago; you aim for every 90 days.');
    expect(find('2026-11-23', 'reply:tp-hana')?.reason).toBe(
      'Hana Sato wrote 3 days ago (“Would you review my RFC?”) and is waiting for your answer.',
    );
    expect(find('2026-11-16', 'blog-cadence:2026-11')?.reason).toBe(
      'No post yet in November, and it is more than half gone; you aim for 1 post a month. Your 2-month streak ends if nothing goes out by 30 November.',
    );
  });

  it('on the busiest day the budget of five keeps the highest-ranked items', () => {
    const w = startOfMonth();
    w.today = '2026-11-16';
    // Everything at once: Anna never got her coffee, Finn's follow-up was never done, Hana is waiting.
    w.awaitingReply.push({ contactId: 'hana', touchpointId: 'tp-hana', receivedAt: noon('2026-11-10'), summary: '' });
    w.ledger.push({ contactId: 'jo', direction: 'ask', occurredOn: '2026-11-02' });
    const all = buildAgenda(w, 50).map((i) => i.id);
    expect(all).toEqual([
      'commitment:cm-gina',
      'reply:tp-hana',
      'follow-up:fu-finn',
      'checkin:anna:2026-11-04',
      'give-first:jo:2026-11-02',
      'checkin:cleo:2026-11-08',
      'blog-cadence:2026-11',
    ]);
    expect(buildAgenda(w).map((i) => i.id)).toEqual(all.slice(0, 5));
  });
});
