/**
 * `kith demo`: fills an empty home with a small, realistic network and a year of
 * history, so a new user can explore every feature before entering their own people.
 * Deterministic: the same "today" gives the same data.
 */
import { addDays, noonOf } from '../core/days.js';
import { AppError } from '../core/errors.js';
import type { Circle, Commitment, Contact, FollowUp, LedgerEntry, Topic, Touchpoint, TouchKind } from '../core/types.js';
import type { Ctx } from './ports.js';
import { updateProfile } from './profile.js';
import { userToday } from './user-today.js';

interface Person {
  name: string;
  /** The name to call them by, where it is not the first word (family name first). */
  given?: string;
  company: string;
  title: string;
  circle: Circle;
  city: string;
  topics: Array<[Topic['kind'], string]>;
  tags: string[];
  howMet: string;
  birthday?: string;
  notes: string;
  email?: string;
  links?: string[];
}

const PEOPLE: Person[] = [
  {
    name: 'Anna Schmidt',
    company: 'Acme Robotics',
    title: 'Staff Engineer',
    circle: 'inner',
    city: 'Berlin',
    topics: [
      ['side-project', 'Rust meetup Berlin'],
      ['looking-for', 'a co-organiser for the meetup'],
      ['interest', 'climbing'],
    ],
    tags: ['rust', 'berlin'],
    howMet: 'RustConf 2024, the hallway track',
    birthday: '--03-14',
    notes: 'Runs the **Rust meetup** every second Thursday.\nPrefers async messages; mornings are for deep work.',
    email: 'anna@acme-robotics.example',
    links: ['https://github.com/anna-schmidt'],
  },
  {
    name: 'Li Lei',
    company: 'Northwind Data',
    title: 'Engineering Manager',
    circle: 'inner',
    city: 'Singapore',
    topics: [
      ['goal', 'hire two senior SREs this quarter'],
      ['challenge', 'on-call fatigue in his team'],
      ['can-help', 'engineering management'],
    ],
    tags: ['management'],
    howMet: 'Worked together at Globex, 2019–2022',
    birthday: '--11-29',
    notes: 'Former team lead. Great at 1:1s; ask him about the on-call rotation he redesigned.',
    email: 'li.lei@northwind.example',
  },
  {
    name: 'Zoë Łukasz-Müller',
    company: 'Fjord Systems',
    title: 'Principal Engineer',
    circle: 'active',
    city: 'Oslo',
    topics: [
      ['side-project', 'a WASM garbage collector'],
      ['can-help', 'compilers and WASM'],
    ],
    tags: ['wasm', 'compilers'],
    howMet: 'Introduced by Anna',
    notes: 'Writes a blog about GC internals. Offered to review my parser.',
    email: 'zoe@fjord.example',
    links: ['https://www.linkedin.com/in/zoe-lukasz-muller'],
  },
  {
    name: 'Ana José Pérez',
    company: 'Tidewater',
    title: 'CTO',
    circle: 'active',
    city: 'Madrid',
    topics: [
      ['looking-for', 'a Rust mentor for her team'],
      ['goal', 'move billing to event sourcing'],
    ],
    tags: ['founder'],
    howMet: 'Met at Lambda World',
    birthday: '--07-02',
    notes: 'Co-founded Tidewater in 2023. Hiring.',
    email: 'ana@tidewater.example',
  },
  {
    name: 'Søren Søndergaard',
    company: 'Nordic Cloud',
    title: 'SRE',
    circle: 'network',
    city: 'Copenhagen',
    topics: [
      ['interest', 'observability'],
      ['can-help', 'Kubernetes operations'],
    ],
    tags: ['sre'],
    howMet: 'KubeCon EU',
    notes: 'Gave a great talk on alert fatigue.',
  },
  {
    name: 'Priya Raman',
    company: 'Globex',
    title: 'Senior Engineer',
    circle: 'active',
    city: 'Bangalore',
    topics: [
      ['goal', 'become a staff engineer'],
      ['challenge', 'finding time to write'],
    ],
    tags: ['globex'],
    howMet: 'Worked together at Globex',
    notes: 'Mentoring her on design docs once a month.',
    email: 'priya@globex.example',
  },
  {
    name: 'Daniel "Dan" O\'Brien',
    company: 'Initech',
    title: 'Developer Advocate',
    circle: 'network',
    city: 'Dublin',
    topics: [
      ['interest', 'developer experience'],
      ['can-help', 'conference talk proposals'],
    ],
    tags: ['devrel'],
    howMet: 'Podcast guest swap',
    notes: '',
  },
  {
    name: 'Nguyễn Thu Hà',
    given: 'Hà',
    company: 'Lotus Labs',
    title: 'ML Engineer',
    circle: 'network',
    city: 'Hanoi',
    topics: [
      ['side-project', 'a Vietnamese tokenizer'],
      ['interest', 'search ranking'],
    ],
    tags: ['ml'],
    howMet: 'Commented on my post about BM25',
    notes: 'Sent a thoughtful reply to my search post.',
  },
  {
    name: 'Αλέξανδρος Παπαδόπουλος',
    company: 'Aegean Pay',
    title: 'Backend Lead',
    circle: 'network',
    city: 'Athens',
    topics: [
      ['interest', 'payments'],
      ['looking-for', 'Kubernetes operations advice'],
    ],
    tags: ['payments'],
    howMet: 'Rust Berlin meetup',
    notes: '',
  },
  {
    name: 'Maya Cohen',
    company: 'Umbrella Health',
    title: 'VP Engineering',
    circle: 'dormant',
    city: 'Tel Aviv',
    topics: [['interest', 'healthcare compliance']],
    tags: ['former-colleague'],
    howMet: 'Worked together at Globex, 2017',
    notes: 'Lost touch after she moved; she was my first manager.',
  },
  {
    name: 'Jonas Weiß',
    company: 'Acme Robotics',
    title: 'Product Manager',
    circle: 'network',
    city: 'Munich',
    topics: [
      ['interest', 'robotics'],
      ['goal', 'ship the fleet dashboard'],
    ],
    tags: [],
    howMet: "Anna's colleague",
    notes: '',
  },
  {
    name: 'Fatima Saleh',
    company: 'Oasis Analytics',
    title: 'Data Engineer',
    circle: 'network',
    city: 'Dubai',
    topics: [
      ['can-help', 'data pipelines'],
      ['interest', 'running'],
    ],
    tags: ['data'],
    howMet: 'Online course cohort',
    notes: '',
  },
];

const KINDS: TouchKind[] = ['coffee', 'video', 'call', 'dm', 'email', 'code-review', 'mentoring', 'comment'];

/** A small deterministic PRNG (mulberry32), so the demo is the same every time. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface DemoSummary {
  contacts: number;
  touchpoints: number;
  commitments: number;
  followUps: number;
  ledger: number;
}

/** Fills an empty home with the demo network; refuses when there are contacts already. */
export async function loadDemo(ctx: Ctx, on?: string): Promise<DemoSummary> {
  const today = await userToday(ctx, on);
  const random = rng(46590);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)] as T;
  return ctx.store.transaction(async (store) => {
    if ((await store.countContacts(ctx.userId, 'all')) > 0) {
      throw new AppError(
        'conflict',
        'kith demo fills an empty home only, and this one has contacts. Try it with KITH_HOME=$(mktemp -d) kith demo.',
      );
    }
    await updateProfile(
      { ...ctx, store },
      {
        name: 'Sam Rivera',
        addEmails: ['sam@example.com'],
        addUrls: ['https://www.linkedin.com/in/sam-rivera-demo'],
        schedulingLink: 'https://cal.example.com/sam',
        employment: [
          { company: 'Globex', title: 'Senior Engineer', from: '2017', to: '2022' },
          { company: 'Acme Robotics', title: 'Staff Engineer', from: '2022', to: null },
        ],
        weeklyGoal: 3,
        postsPerMonth: 1,
      },
    );
    const now = ctx.clock.now();
    const start = addDays(today, -365);
    const contacts: Contact[] = PEOPLE.map((p) => {
      const [given, ...rest] = p.name.split(' ');
      return {
        id: ctx.ids.next(),
        ownerId: ctx.userId,
        displayName: p.name,
        givenName: p.given ?? given ?? null,
        familyName: p.given ? (p.name.split(' ')[0] ?? null) : rest.join(' ') || null,
        nickname: null,
        identities: [
          ...(p.email ? [{ kind: 'email' as const, value: p.email, label: 'work' }] : []),
          ...(p.links ?? []).map((l) => ({
            kind: l.includes('linkedin') ? ('linkedin' as const) : ('github' as const),
            value: l,
            label: null,
          })),
        ],
        company: p.company,
        title: p.title,
        employment: [{ company: p.company, title: p.title, from: null, to: null }],
        location: p.city,
        timeZone: null,
        birthday: p.birthday ?? null,
        howMet: p.howMet,
        introducedById: null,
        circle: p.circle,
        cadenceDays: null,
        boundaries: { pausedUntil: null, minGapDays: null, preferredChannel: null, note: null },
        topics: p.topics.map(([kind, text]) => ({ kind, text })),
        tags: p.tags,
        notes: p.notes,
        photo: null,
        lastTouchAt: null,
        createdAt: noonOf(start),
        updatedAt: now,
        deletedAt: null,
      };
    });
    // Zoë was introduced by Anna.
    const anna = contacts[0]!;
    contacts[2]!.introducedById = anna.id;
    await store.insertContacts(contacts);
    for (const c of contacts.filter((x) => x.introducedById)) await store.updateContact(c);

    // A year of touches: closer circles more often; the dormant contact not for ten months.
    const touches: Touchpoint[] = [];
    const every: Record<Circle, number> = { inner: 21, active: 45, network: 110, dormant: 400 };
    for (const c of contacts) {
      let d = addDays(start, Math.floor(random() * 20));
      const stop = c.circle === 'dormant' ? addDays(start, 60) : addDays(today, -Math.floor(random() * 40) - 2);
      while (d < stop) {
        const kind = pick(KINDS);
        const topic = c.topics[Math.floor(random() * c.topics.length)]?.text ?? 'catching up';
        touches.push({
          id: ctx.ids.next(),
          ownerId: ctx.userId,
          kind,
          channel:
            kind === 'coffee'
              ? 'in-person'
              : kind === 'video'
                ? 'video'
                : kind === 'call'
                  ? 'phone'
                  : kind === 'email'
                    ? 'email'
                    : 'chat',
          // Messages from them all got an answer; the one waiting is added below on purpose.
          initiatedBy: ['dm', 'email', 'comment'].includes(kind) || random() < 0.55 ? 'me' : 'them',
          occurredAt: noonOf(d),
          participantIds: [c.id],
          summary: `${kind === 'code-review' ? 'Reviewed a PR about' : kind === 'mentoring' ? 'Mentoring session on' : 'Talked about'} ${topic}`,
          notes: '',
          topics: [topic],
          source: 'demo',
          externalId: null,
          createdAt: now,
          updatedAt: now,
          deletedAt: null,
        });
        d = addDays(d, Math.max(3, Math.round(every[c.circle] * (0.6 + random() * 0.8))));
      }
    }
    // Nguyễn wrote two days ago and is waiting for an answer.
    const ha = contacts[7]!;
    touches.push({
      id: ctx.ids.next(),
      ownerId: ctx.userId,
      kind: 'dm',
      channel: 'linkedin',
      initiatedBy: 'them',
      occurredAt: noonOf(addDays(today, -3)),
      participantIds: [ha.id],
      summary: 'Asked how I tuned BM25 weights for names',
      notes: '',
      topics: ['search ranking'],
      source: 'demo',
      externalId: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
    await store.insertTouchpoints(touches);

    const commitments: Commitment[] = [
      {
        contactId: anna.id,
        text: 'send the slides from my Rust talk',
        dueOn: addDays(today, 1),
        direction: 'mine' as const,
        status: 'open' as const,
        resolvedOn: null,
      },
      {
        contactId: contacts[1]!.id,
        text: 'share my on-call runbook template',
        dueOn: addDays(today, -20),
        direction: 'mine' as const,
        status: 'kept' as const,
        resolvedOn: addDays(today, -21),
      },
      {
        contactId: contacts[5]!.id,
        text: 'review her design doc',
        dueOn: addDays(today, -40),
        direction: 'mine' as const,
        status: 'kept' as const,
        resolvedOn: addDays(today, -38),
      },
      {
        contactId: contacts[2]!.id,
        text: 'review my parser',
        dueOn: addDays(today, 10),
        direction: 'theirs' as const,
        status: 'open' as const,
        resolvedOn: null,
      },
    ].map((c) => ({ ...c, id: ctx.ids.next(), ownerId: ctx.userId, touchpointId: null, createdAt: now }));
    for (const c of commitments) await store.insertRecord('commitment', c);

    const followUps: FollowUp[] = [
      { contactId: contacts[2]!.id, text: 'Send Zoë the article on WASM GC proposals', dueOn: today },
      { contactId: contacts[3]!.id, text: 'Ask Ana how the event-sourcing migration went', dueOn: addDays(today, 14) },
    ].map((f) => ({ ...f, id: ctx.ids.next(), ownerId: ctx.userId, doneAt: null, touchpointId: null, createdAt: now }));
    for (const f of followUps) await store.insertRecord('followUp', f);

    const ledger: LedgerEntry[] = [
      {
        contactId: contacts[1]!.id,
        direction: 'give' as const,
        kind: 'resource' as const,
        note: 'on-call runbook template',
        occurredOn: addDays(today, -21),
      },
      {
        contactId: contacts[5]!.id,
        direction: 'give' as const,
        kind: 'mentoring' as const,
        note: 'design doc review',
        occurredOn: addDays(today, -38),
      },
      {
        contactId: contacts[2]!.id,
        direction: 'receive' as const,
        kind: 'review' as const,
        note: 'reviewed my parser PR',
        occurredOn: addDays(today, -12),
      },
      {
        contactId: contacts[3]!.id,
        direction: 'ask' as const,
        kind: 'referral' as const,
        note: 'asked for an intro to her CTO friends',
        occurredOn: addDays(today, -9),
      },
    ].map((l) => ({ ...l, id: ctx.ids.next(), ownerId: ctx.userId, isPublic: false, createdAt: now }));
    for (const l of ledger) await store.insertRecord('ledger', l);

    const community = {
      id: ctx.ids.next(),
      ownerId: ctx.userId,
      name: 'Rust Berlin',
      url: 'https://rust.berlin.example',
      cadenceDays: 30,
      notes: '',
      memberIds: [anna.id, contacts[8]!.id],
      createdAt: now,
    };
    await store.insertRecord('community', community);
    await store.insertRecord('event', {
      id: ctx.ids.next(),
      ownerId: ctx.userId,
      name: 'Rust Berlin: November meetup',
      startsOn: addDays(today, -2),
      endsOn: null,
      location: 'Berlin',
      url: null,
      communityId: community.id,
      notes: '',
      attendees: [
        { contactId: anna.id, met: true },
        { contactId: contacts[8]!.id, met: true },
      ],
      createdAt: now,
    });
    for (const [i, title] of [
      'What BM25 taught me about names',
      'Keeping promises small',
      'A year of on-call without burnout',
    ].entries()) {
      await store.insertRecord('post', {
        id: ctx.ids.next(),
        ownerId: ctx.userId,
        title,
        url: `https://sam.example.com/posts/${i + 1}`,
        publishedOn: addDays(today, -30 * (i + 1) - 5),
        summary: '',
        topics: i === 0 ? ['search ranking'] : i === 2 ? ['on-call'] : ['reliability'],
        source: 'demo',
        externalId: null,
        createdAt: now,
      });
    }
    await store.insertRecord('resource', {
      id: ctx.ids.next(),
      ownerId: ctx.userId,
      url: 'https://example.org/wasm-gc-proposal',
      title: 'The WASM GC proposal, explained',
      topics: ['WASM', 'garbage collector'],
      notes: '',
      createdAt: now,
    });
    return {
      contacts: contacts.length,
      touchpoints: touches.length,
      commitments: commitments.length,
      followUps: followUps.length,
      ledger: ledger.length,
    };
  });
}
