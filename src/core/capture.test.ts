import { describe, expect, it } from 'vitest';
import { parseCapture, type CaptureContact, type CaptureResult } from './capture.js';
import { isAppError } from './errors.js';
import type { TouchKind } from './types.js';

// 2026-11-12 is a Thursday.
const TODAY = '2026-11-12';

const CONTACTS: CaptureContact[] = [
  { id: 'anna-s', displayName: 'Anna Schmidt', givenName: 'Anna', familyName: 'Schmidt' },
  { id: 'li', displayName: 'Li Lei', givenName: 'Lei', familyName: 'Li' },
  { id: 'ana', displayName: 'Ana José Pérez', givenName: 'Ana José', familyName: 'Pérez' },
  { id: 'lukasz', displayName: 'Łukasz Nowak', givenName: 'Łukasz', familyName: 'Nowak', emails: ['Lukasz@Example.com'] },
  { id: 'ben', displayName: 'Ben Carter', givenName: 'Ben', familyName: 'Carter', nickname: 'Benny' },
  { id: 'jo', displayName: 'Jo Müller', givenName: 'Jo', familyName: 'Müller' },
  { id: 'april', displayName: 'April Jones', givenName: 'April', familyName: 'Jones' },
];
// A second Anna makes the bare first name ambiguous.
const TWO_ANNAS: CaptureContact[] = [
  ...CONTACTS,
  { id: 'anna-m', displayName: 'Anna Meier', givenName: 'Anna', familyName: 'Meier' },
];

function parse(text: string, today = TODAY, contacts = CONTACTS): CaptureResult {
  return parseCapture(text, { today, contacts });
}

describe('parseCapture: the examples from the brief', () => {
  it('coffee with a date, a topic and my promise', () => {
    expect(parse('coffee with Anna Schmidt yesterday about Rust meetup; promised to send slides by Friday')).toEqual({
      language: 'en',
      touchpoint: {
        kind: 'coffee',
        occurredOn: '2026-11-11',
        participantIds: ['anna-s'],
        topics: ['Rust meetup'],
        summary: 'Coffee with Anna Schmidt about Rust meetup',
        initiatedBy: 'me',
        channel: 'in-person',
      },
      commitments: [{ contactId: 'anna-s', direction: 'mine', text: 'send slides', dueOn: '2026-11-13' }],
      followUps: [],
      unresolved: [],
      issues: [],
    });
  });

  it('video call with two people, last Tuesday, re hiring', () => {
    expect(parse('video call with Li Lei and Ana José Pérez last Tuesday re hiring')).toEqual({
      language: 'en',
      touchpoint: {
        kind: 'video',
        occurredOn: '2026-11-10',
        participantIds: ['li', 'ana'],
        topics: ['hiring'],
        summary: 'Video call with Li Lei and Ana José Pérez re hiring',
        initiatedBy: 'me',
        channel: 'video',
      },
      commitments: [],
      followUps: [],
      unresolved: [],
      issues: [],
    });
  });

  it('German: Kaffee gestern über Rust, versprochen bis Freitag', () => {
    expect(parse('Kaffee mit Anna gestern über Rust; versprochen, die Folien bis Freitag zu schicken')).toEqual({
      language: 'de',
      touchpoint: {
        kind: 'coffee',
        occurredOn: '2026-11-11',
        participantIds: ['anna-s'],
        topics: ['Rust'],
        summary: 'Kaffee mit Anna über Rust',
        initiatedBy: 'me',
        channel: 'in-person',
      },
      commitments: [{ contactId: 'anna-s', direction: 'mine', text: 'die Folien zu schicken', dueOn: '2026-11-13' }],
      followUps: [],
      unresolved: [],
      issues: [],
    });
  });

  it('"by Friday" written on a Friday is next week\'s Friday', () => {
    const r = parse('coffee with Ben; promised to send slides by Friday', '2026-11-13');
    expect(r.commitments).toEqual([{ contactId: 'ben', direction: 'mine', text: 'send slides', dueOn: '2026-11-20' }]);
  });
});

describe('parseCapture: kind and channel from words', () => {
  const check = (text: string, kind: TouchKind, channel: string | null) => {
    const t = parse(`${text} yesterday`).touchpoint;
    expect({ kind: t?.kind, channel: t?.channel }).toEqual({ kind, channel });
  };
  it.each<[string, TouchKind, string | null]>([
    ['coffee with Ben', 'coffee', 'in-person'],
    ['Kaffee mit Ben', 'coffee', 'in-person'],
    ['lunch with Ben', 'coffee', 'in-person'],
    ['dinner with Ben', 'coffee', 'in-person'],
    ['Mittagessen mit Ben', 'coffee', 'in-person'],
    ['video call with Ben', 'video', 'video'],
    ['zoom with Ben', 'video', 'video'],
    ['meet with Ben', 'video', 'video'],
    ['Videocall mit Ben', 'video', 'video'],
    ['call with Ben about hiring on Zoom', 'video', 'video'],
    ['call with Ben', 'call', 'phone'],
    ['phone call with Ben', 'call', 'phone'],
    ['Anruf von Ben', 'call', 'phone'],
    ['mit Ben telefoniert', 'call', 'phone'],
    ['dm from Ben', 'dm', 'chat'],
    ['message to Ben on LinkedIn', 'dm', 'linkedin'],
    ['slack with Ben', 'dm', 'chat'],
    ['Nachricht von Ben', 'dm', 'chat'],
    ['Ben pinged me', 'dm', 'chat'],
    ['email to Ben', 'email', 'email'],
    ['mail from Ben', 'email', 'email'],
    ['met Ben at RustConf', 'event', 'in-person'],
    ['met at the meetup: Ben', 'event', 'in-person'],
    ['talked to Ben at the conference', 'event', 'in-person'],
    ['Ben auf der Konferenz getroffen', 'event', 'in-person'],
    ['code review for Ben', 'code-review', 'other'],
    ['mentoring with Ben', 'mentoring', null],
    ['mentoring session with Ben over zoom', 'mentoring', 'video'],
    ['intro for Ben', 'intro', null],
    ['introduced Ben to Łukasz', 'intro', null],
    ['shout-out to Ben', 'shout-out', 'social'],
    ['shout-out to Ben on LinkedIn', 'shout-out', 'linkedin'],
    ["commented on Ben's post", 'comment', 'social'],
    ['Ben and I went hiking', 'other', null],
  ])('%s → %s', check);

  it('the topic does not decide the kind: "dm about the intro post" is a dm', () => {
    expect(parse('dm with Ben about his intro post').touchpoint?.kind).toBe('dm');
  });
});

describe('parseCapture: touch dates (never in the future unless written so)', () => {
  const check = (phrase: string, occurredOn: string) => {
    expect(parse(`coffee with Ben ${phrase}`).touchpoint?.occurredOn).toBe(occurredOn);
  };
  it.each([
    ['today', '2026-11-12'],
    ['yesterday', '2026-11-11'],
    ['heute', '2026-11-12'],
    ['gestern', '2026-11-11'],
    ['vorgestern', '2026-11-10'],
    ['last Tuesday', '2026-11-10'],
    ['letzten Dienstag', '2026-11-10'],
    ['on Monday', '2026-11-09'],
    ['am Montag', '2026-11-09'],
    ['on Friday', '2026-11-06'],
    ['on Thursday', '2026-11-12'],
    ['2 days ago', '2026-11-10'],
    ['vor 3 Tagen', '2026-11-09'],
    ['on 2026-11-03', '2026-11-03'],
    ['3 Nov', '2026-11-03'],
    ['3.11.', '2026-11-03'],
    ['am 3.11.2025', '2025-11-03'],
    ['am 3. November', '2026-11-03'],
    ['on 3 Dec', '2025-12-03'],
    ['last week', '2026-11-05'],
  ])('%s → %s', check);

  it('no date: today, and says so', () => {
    const r = parse('coffee with Ben');
    expect(r.touchpoint?.occurredOn).toBe(TODAY);
    expect(r.issues).toEqual([{ message: 'No date found; used today (2026-11-12).' }]);
  });

  it('a future date is kept and flagged', () => {
    const r = parse('coffee with Ben tomorrow');
    expect(r.touchpoint?.occurredOn).toBe('2026-11-13');
    expect(r.issues).toEqual([{ message: 'The touch date 2026-11-13 is in the future.' }]);
  });

  it('a contact named like a month is not a date', () => {
    const r = parse('lunch with April Jones yesterday');
    expect([r.touchpoint?.participantIds, r.touchpoint?.occurredOn]).toEqual([['april'], '2026-11-11']);
  });

  it('the date is cut out of the summary with its preposition', () => {
    expect(parse('coffee with Ben on 2026-11-03 about Rust').touchpoint?.summary).toBe('Coffee with Ben about Rust');
  });
});

describe('parseCapture: due dates (forward from today)', () => {
  const check = (clause: string, dueOn: string | null, today = TODAY) => {
    const r = parse(`coffee with Ben; ${clause}`, today);
    expect(r.commitments.map((c) => c.dueOn).concat(r.followUps.map((f) => f.dueOn))).toEqual([dueOn]);
  };
  it.each<[string, string | null]>([
    ['promised to send slides by Friday', '2026-11-13'],
    ['promised to send slides by Thursday', '2026-11-19'],
    ['promised to send slides by Monday', '2026-11-16'],
    ['versprochen, die Folien bis Freitag zu schicken', '2026-11-13'],
    ['promised to send slides by next week', '2026-11-16'],
    ['follow up next week', '2026-11-16'],
    ['nächste Woche nachfassen', '2026-11-16'],
    ['follow up in 2 weeks', '2026-11-26'],
    ['in 2 Wochen nachhaken', '2026-11-26'],
    ['promised to send slides by 2026-12-01', '2026-12-01'],
    ['versprochen, die Folien bis 1.12. zu schicken', '2026-12-01'],
    ['promised to send slides by 3 Nov', '2027-11-03'],
    ['promised to send slides by the end of the week', '2026-11-13'],
    ['promised to send slides by end of month', '2026-11-30'],
    ['promised to send slides tomorrow', '2026-11-13'],
    ['promised to send slides', null],
  ])('%s → %s', (clause, due) => check(clause, due));

  it('prefers the date after "by" when a clause has two', () => {
    check("promised to send the slides from Monday's talk by Friday", '2026-11-13');
  });
});

describe('parseCapture: commitments', () => {
  const check = (text: string, expected: CaptureResult['commitments']) => {
    expect(parse(text).commitments).toEqual(expected);
  };
  it.each<[string, CaptureResult['commitments']]>([
    [
      'coffee with Ben; promised to send slides by Friday',
      [{ contactId: 'ben', direction: 'mine', text: 'send slides', dueOn: '2026-11-13' }],
    ],
    [
      'coffee with Ben, promised him to review his PR by Monday',
      [{ contactId: 'ben', direction: 'mine', text: 'review his PR', dueOn: '2026-11-16' }],
    ],
    [
      'coffee with Ben and promised to send the deck',
      [{ contactId: 'ben', direction: 'mine', text: 'send the deck', dueOn: null }],
    ],
    [
      "coffee with Ben. I'll send him the deck by Friday",
      [{ contactId: 'ben', direction: 'mine', text: 'send him the deck', dueOn: '2026-11-13' }],
    ],
    [
      'coffee with Ben; I will write the intro by Monday',
      [{ contactId: 'ben', direction: 'mine', text: 'write the intro', dueOn: '2026-11-16' }],
    ],
    [
      'coffee with Ben; I owe him an intro to Łukasz',
      [{ contactId: 'ben', direction: 'mine', text: 'an intro to Łukasz', dueOn: null }],
    ],
    ['I owe Ben a beer', [{ contactId: 'ben', direction: 'mine', text: 'a beer', dueOn: null }]],
    [
      'promised Ben to send slides by Friday',
      [{ contactId: 'ben', direction: 'mine', text: 'send slides', dueOn: '2026-11-13' }],
    ],
    [
      'promised to intro Ben to a recruiter',
      [{ contactId: 'ben', direction: 'mine', text: 'intro Ben to a recruiter', dueOn: null }],
    ],
    [
      'Kaffee mit Ben; ich schicke ihm den Artikel bis Montag',
      [{ contactId: 'ben', direction: 'mine', text: 'schicke ihm den Artikel', dueOn: '2026-11-16' }],
    ],
    [
      'Kaffee mit Ben; ich werde ihm den Artikel bis Montag schicken',
      [{ contactId: 'ben', direction: 'mine', text: 'ihm den Artikel schicken', dueOn: '2026-11-16' }],
    ],
    [
      'Kaffee mit Ben; habe ihm versprochen, den Link zu schicken',
      [{ contactId: 'ben', direction: 'mine', text: 'den Link zu schicken', dueOn: null }],
    ],
    [
      'coffee with Ben; she will send me the paper by Friday',
      [{ contactId: 'ben', direction: 'theirs', text: 'send me the paper', dueOn: '2026-11-13' }],
    ],
    [
      'coffee with Ben and he promised to review my PR',
      [{ contactId: 'ben', direction: 'theirs', text: 'review my PR', dueOn: null }],
    ],
    [
      "coffee with Ben, he'll introduce me to his CTO next week",
      [{ contactId: 'ben', direction: 'theirs', text: 'introduce me to his CTO', dueOn: '2026-11-16' }],
    ],
    [
      'coffee with Anna Schmidt yesterday, Ben promised to send slides by Friday',
      [{ contactId: 'ben', direction: 'theirs', text: 'send slides', dueOn: '2026-11-13' }],
    ],
    [
      'coffee with Ben yesterday I promised to send slides by Friday',
      [{ contactId: 'ben', direction: 'mine', text: 'send slides', dueOn: '2026-11-13' }],
    ],
    [
      'Ben will send me the deck by Friday',
      [{ contactId: 'ben', direction: 'theirs', text: 'send me the deck', dueOn: '2026-11-13' }],
    ],
    [
      'Kaffee mit Ben, er schickt mir das Paper bis Freitag',
      [{ contactId: 'ben', direction: 'theirs', text: 'schickt mir das Paper', dueOn: '2026-11-13' }],
    ],
    [
      'Kaffee mit Anna; sie schickt mir die Folien bis Freitag',
      [{ contactId: 'anna-s', direction: 'theirs', text: 'schickt mir die Folien', dueOn: '2026-11-13' }],
    ],
    [
      'Ben wird mir die Slides bis Montag schicken',
      [{ contactId: 'ben', direction: 'theirs', text: 'mir die Slides schicken', dueOn: '2026-11-16' }],
    ],
  ])('%s', check);

  it('with several people and no name, the promise is left unresolved, not guessed', () => {
    const r = parse('coffee with Ben and Li Lei yesterday; promised to send slides by Friday');
    expect(r.commitments).toEqual([]);
    expect(r.unresolved).toEqual([
      {
        text: 'promised to send slides by Friday',
        candidates: [
          { id: 'li', name: 'Li Lei' },
          { id: 'ben', name: 'Ben Carter' },
        ],
      },
    ]);
    expect(r.issues.map((i) => i.message)).toEqual([
      '"promised to send slides by Friday": who is it for? The touch has 2 people; name one.',
    ]);
  });

  it('with several people, naming one settles it', () => {
    const r = parse('coffee with Ben and Li Lei yesterday; promised Li to send slides by Friday');
    expect(r.commitments).toEqual([{ contactId: 'li', direction: 'mine', text: 'send slides', dueOn: '2026-11-13' }]);
  });

  it('an unknown person making a promise is reported, not attached to anyone', () => {
    const r = parse('Zed will send me the deck by Friday');
    expect([r.commitments, r.unresolved]).toEqual([[], [{ text: 'Zed', candidates: [] }]]);
  });

  it('a promise with nobody to attach to is reported', () => {
    const r = parse('promised to send slides by Friday');
    expect([r.touchpoint, r.commitments, r.issues]).toEqual([
      null,
      [],
      [{ message: '"promised to send slides by Friday" was not saved: no known person to attach it to.' }],
    ]);
  });
});

describe('parseCapture: follow-ups', () => {
  const check = (text: string, expected: CaptureResult['followUps']) => {
    expect(parse(text).followUps).toEqual(expected);
  };
  it.each<[string, CaptureResult['followUps']]>([
    ['coffee with Ben; follow up next week', [{ contactId: 'ben', text: 'follow up', dueOn: '2026-11-16' }]],
    [
      'follow up with Ben next week about the offer',
      [{ contactId: 'ben', text: 'follow up with Ben about the offer', dueOn: '2026-11-16' }],
    ],
    [
      'coffee with Ben. remind me to send him the article on WASM GC in 2 weeks',
      [{ contactId: 'ben', text: 'send him the article on WASM GC', dueOn: '2026-11-26' }],
    ],
    [
      'coffee with Ben; ask him about his new job next week',
      [{ contactId: 'ben', text: 'ask him about his new job', dueOn: '2026-11-16' }],
    ],
    ['ask Ben about his new job next week', [{ contactId: 'ben', text: 'ask Ben about his new job', dueOn: '2026-11-16' }]],
    ['Kaffee mit Ben; nachfassen am Montag', [{ contactId: 'ben', text: 'nachfassen', dueOn: '2026-11-16' }]],
    ['Kaffee mit Ben. In 2 Wochen nachhaken', [{ contactId: 'ben', text: 'nachhaken', dueOn: '2026-11-26' }]],
    [
      'Kaffee mit Ben; erinnere mich, ihm den Link zu schicken, in 2 Wochen',
      [{ contactId: 'ben', text: 'ihm den Link zu schicken', dueOn: '2026-11-26' }],
    ],
    ["call with Ben, I'll follow up on Monday", [{ contactId: 'ben', text: 'follow up', dueOn: '2026-11-16' }]],
  ])('%s', check);

  it('a follow-up call is a touch, not a follow-up', () => {
    const r = parse('follow-up call with Ben yesterday');
    expect([r.touchpoint?.kind, r.followUps]).toEqual(['call', []]);
  });

  it('a follow-up without a date is kept and flagged', () => {
    const r = parse('coffee with Ben yesterday; follow up about the offer');
    expect(r.followUps).toEqual([{ contactId: 'ben', text: 'follow up about the offer', dueOn: null }]);
    expect(r.issues).toEqual([{ message: 'No due date for the follow-up "follow up about the offer".' }]);
  });
});

describe('parseCapture: several clauses', () => {
  it('splits on ";", ".", "and then" and before promise phrases', () => {
    const r = parse(
      'call with Ben yesterday, promised to review his PR by Monday and then follow up next week. He is moving to Berlin.',
    );
    expect(r.touchpoint?.summary).toBe('Call with Ben. He is moving to Berlin');
    expect(r.commitments).toEqual([{ contactId: 'ben', direction: 'mine', text: 'review his PR', dueOn: '2026-11-16' }]);
    expect(r.followUps).toEqual([{ contactId: 'ben', text: 'follow up', dueOn: '2026-11-16' }]);
  });

  it('does not split inside dates or abbreviations', () => {
    const r = parse('Kaffee mit Ben am 3. November z.B. über Rust');
    expect([r.touchpoint?.occurredOn, r.touchpoint?.topics]).toEqual(['2026-11-03', ['Rust']]);
  });
});

describe('parseCapture: names', () => {
  const participants = (text: string, contacts = CONTACTS) => parse(`coffee with ${text} yesterday`, TODAY, contacts);
  const check = (text: string, ids: string[], unresolved: CaptureResult['unresolved'] = [], contacts = CONTACTS) => {
    const r = participants(text, contacts);
    expect([r.touchpoint?.participantIds, r.unresolved]).toEqual([ids, unresolved]);
  };
  it.each<[string, string[]]>([
    ['Anna Schmidt', ['anna-s']],
    ['anna schmidt', ['anna-s']],
    ['ANNA SCHMIDT', ['anna-s']],
    ['Anna', ['anna-s']],
    ['Schmidt', ['anna-s']],
    ['Lukasz', ['lukasz']],
    ['lukasz nowak', ['lukasz']],
    ['Łukasz', ['lukasz']],
    ['Jo Mueller', ['jo']],
    ['Jo Muller', ['jo']],
    ['Benny', ['ben']],
    ['lukasz@example.com', ['lukasz']],
    ['Ana Jose Perez', ['ana']],
    ['Ana Pérez', ['ana']],
    ['Li Lei and Ben', ['li', 'ben']],
    ['Ben, Li Lei and Łukasz', ['ben', 'li', 'lukasz']],
    ['Ben & Li Lei', ['ben', 'li']],
    ['my old colleague Ben', ['ben']],
    ["Ben's team", ['ben']],
  ])('%s → %j', (text, ids) => check(text, ids));

  it('German lists with "und"', () => {
    const r = parse('Kaffee mit Ben und Li Lei gestern');
    expect(r.touchpoint?.participantIds).toEqual(['ben', 'li']);
  });

  it('a first name shared by two contacts is unresolved with both, never guessed', () => {
    check(
      'Anna',
      [],
      [
        {
          text: 'Anna',
          candidates: [
            { id: 'anna-s', name: 'Anna Schmidt' },
            { id: 'anna-m', name: 'Anna Meier' },
          ],
        },
      ],
      TWO_ANNAS,
    );
  });

  it('a promise after an ambiguous name waits for the name to be settled', () => {
    const r = parse('Kaffee mit Anna gestern über Rust; versprochen, die Folien bis Freitag zu schicken', TODAY, TWO_ANNAS);
    expect([r.touchpoint?.participantIds, r.commitments, r.unresolved.map((u) => u.text), r.issues]).toEqual([
      [],
      [],
      ['Anna'],
      [{ message: '"versprochen, die Folien bis Freitag zu schicken" was not saved: first say who "Anna" is.' }],
    ]);
  });

  it('a full name that is unique resolves even when the first name is shared', () => {
    check('Anna Schmidt and Ben', ['anna-s', 'ben'], [], TWO_ANNAS);
  });

  it('a later bare first name is narrowed to the participant already named', () => {
    const r = parse('coffee with Anna Meier yesterday; Anna will send me the paper', TODAY, TWO_ANNAS);
    expect([r.unresolved, r.commitments]).toEqual([
      [],
      [{ contactId: 'anna-m', direction: 'theirs', text: 'send me the paper', dueOn: null }],
    ]);
  });

  it('unknown capitalised names after "with"/"mit" are unresolved without candidates', () => {
    check('Zed and Ben', ['ben'], [{ text: 'Zed', candidates: [] }]);
    const r = parse('Kaffee mit Zoë Quux gestern');
    expect([r.touchpoint?.participantIds, r.unresolved]).toEqual([[], [{ text: 'Zoë Quux', candidates: [] }]]);
  });

  it('a full name that differs from a known one is not matched by its first name', () => {
    check('Anna Zimmer', [], [{ text: 'Anna Zimmer', candidates: [] }]);
  });

  it('unknown capitalised words elsewhere are not people', () => {
    const r = parse('coffee with Ben in Berlin about Rust yesterday');
    expect([r.touchpoint?.participantIds, r.unresolved]).toEqual([['ben'], []]);
  });

  it('known people are found without "with": "Ben angerufen", "Anna pinged me"', () => {
    expect(parse('Ben gestern angerufen').touchpoint?.participantIds).toEqual(['ben']);
    expect(parse('Anna pinged me yesterday').touchpoint?.participantIds).toEqual(['anna-s']);
    expect(parse('Zed pinged me yesterday').unresolved).toEqual([{ text: 'Zed', candidates: [] }]);
  });

  it('names in any script', () => {
    const contacts = [...CONTACTS, { id: 'wang', displayName: '王芳' }, { id: 'olga', displayName: 'Ольга Петрова' }];
    const r = parse('call with 王芳 and Ольга yesterday', TODAY, contacts);
    expect(r.touchpoint?.participantIds).toEqual(['wang', 'olga']);
  });
});

describe('parseCapture: who started it', () => {
  const check = (text: string, by: 'me' | 'them') => expect(parse(text).touchpoint?.initiatedBy).toBe(by);
  it.each<[string, 'me' | 'them']>([
    ['coffee with Ben yesterday', 'me'],
    ['I called Ben yesterday', 'me'],
    ['Ben reached out yesterday, we had a call', 'them'],
    ['call with Ben; she reached out', 'them'],
    ['Ben pinged me yesterday', 'them'],
    ['call from Ben yesterday', 'them'],
    ['er hat sich gemeldet: Telefonat mit Ben heute', 'them'],
    ['Ben hat mich gestern angerufen', 'them'],
    ['Anruf von Ben gestern', 'them'],
    ['I reached out to Ben and he called me back', 'me'],
  ])('%s → %s', check);
});

describe('parseCapture: topics and summary', () => {
  const check = (text: string, topics: string[]) => expect(parse(text).touchpoint?.topics).toEqual(topics);
  it.each<[string, string[]]>([
    ['coffee with Ben about Rust meetup', ['Rust meetup']],
    ['coffee with Ben about the Rust meetup', ['Rust meetup']],
    ['call from Ben yesterday about Rust and WASM', ['Rust', 'WASM']],
    ['Slack mit Ben gestern bzgl. Kubernetes und Rust', ['Kubernetes', 'Rust']],
    ['call with Ben re: hiring, onboarding', ['hiring', 'onboarding']],
    ['coffee about Rust with Ben', ['Rust']],
    ['Call mit Ben über Zoom', []],
    ['coffee with Ben', []],
  ])('%s → %j', check);
});

describe('parseCapture: language and edge cases', () => {
  it.each<[string, 'en' | 'de']>([
    ['coffee with Ben yesterday', 'en'],
    ['Kaffee mit Ben gestern', 'de'],
    ['Anruf mit Ben vor 3 Tagen', 'de'],
    ['', 'en'],
  ])('%s → %s', (text, language) => expect(parse(text).language).toBe(language));

  it('empty and meaningless text gives no touch', () => {
    expect(parse('').touchpoint).toBeNull();
    const r = parse('asdf');
    expect([r.touchpoint, r.issues]).toEqual([
      null,
      [{ message: 'Nothing recognised in "asdf": no kind of touch and no person.' }],
    ]);
  });

  it('a touch with nobody is kept but flagged', () => {
    const r = parse('coffee yesterday');
    expect([r.touchpoint?.participantIds, r.issues]).toEqual([[], [{ message: 'No person found for this touch.' }]]);
  });

  it('very long text is cut and flagged', () => {
    const r = parse(`coffee with Ben yesterday about ${'Rust '.repeat(1000)}`);
    expect(r.touchpoint?.participantIds).toEqual(['ben']);
    expect(r.issues.map((i) => i.message)).toContain('The text is longer than 2000 characters; only the start was read.');
  });

  it('an invalid today is a programming error', () => {
    let caught: unknown;
    try {
      parseCapture('coffee with Ben', { today: '2026-13-01', contacts: CONTACTS });
    } catch (e) {
      caught = e;
    }
    expect(isAppError(caught) && caught.code).toBe('invalid_input');
  });

  it('does not depend on the clock: the same text and today give the same result', () => {
    const text = 'coffee with Ben last Tuesday; follow up next week';
    expect(parse(text, '2024-02-29')).toEqual(parse(text, '2024-02-29'));
    expect(parse(text, '2024-02-29').touchpoint?.occurredOn).toBe('2024-02-27');
  });
});
