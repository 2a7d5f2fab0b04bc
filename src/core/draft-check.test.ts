import { describe, expect, it } from 'vitest';
import { checkDraft, detectLanguage, type DraftInput, type DraftTouch } from './draft-check.js';
import type { TouchKind } from './types.js';

const anna: DraftInput['contact'] = {
  name: 'Anna Schmidt',
  givenName: 'Anna',
  topics: [
    { kind: 'side-project', text: 'kith-rs, a Rust CRM' },
    { kind: 'interest', text: 'WebAssembly' },
    { kind: 'goal', text: 'speak at RustConf' },
    { kind: 'challenge', text: 'hiring a first engineer' },
    { kind: 'looking-for', text: 'a Rust mentor' },
  ],
  company: 'Acme GmbH',
  employment: [{ company: 'Acme GmbH' }, { company: 'Globex' }],
  howMet: 'RustFest Berlin',
  boundaries: { preferredChannel: 'email' },
};

const touch = (kind: TouchKind, day: string, summary = ''): DraftTouch => ({
  kind,
  occurredAt: `${day}T10:00:00.000Z`,
  summary,
  topics: [],
});

const rich: Omit<DraftInput, 'text'> = {
  contact: anna,
  touchpoints: [
    touch('dm', '2026-10-01', 'Talked about the WASM GC proposal'),
    touch('email', '2026-08-01', 'Sent the Kubernetes operator notes'),
    touch('comment', '2026-06-01', 'Commented on her blog post about lifetimes'),
  ],
  followUps: [{ text: 'send Anna the article on garbage collectors', dueOn: '2026-12-01' }],
  sharedEvents: ['RustConf 2026'],
  sharedEmployers: ['Globex'],
  resources: [{ title: 'WASM GC explained', url: 'https://example.com/wasm-gc', topics: ['webassembly'] }],
  schedulingLink: 'https://cal.com/me',
};

const bare: Omit<DraftInput, 'text'> = { contact: { name: 'Sam Lee', topics: [] } };

function codes(text: string, over: Partial<DraftInput> = {}): string[] {
  return checkDraft({ ...rich, ...over, text }).findings.map((f) => f.code);
}

describe('checkDraft: the required behaviour', () => {
  it('scores "Happy holidays!" to a contact with a rich record low, as generic', () => {
    const r = checkDraft({ ...rich, text: 'Happy holidays!' });
    expect(r.score).toBeLessThan(40);
    expect(r.findings.map((f) => f.code)).toContain('generic-phrase');
    expect(r.findings.find((f) => f.code === 'generic-phrase')?.message).toContain('“Happy holidays”');
  });

  it('scores a message that names their side project, offers an introduction and asks a question high', () => {
    const r = checkDraft({
      ...rich,
      text: 'Hi Anna, how is kith-rs coming along? I can introduce you to Ben Okafor, who mentors Rust folks. Want me to set up a call?',
    });
    expect(r.findings).toEqual([]);
    expect(r.score).toBeGreaterThanOrEqual(80);
  });

  it('does the same for German', () => {
    expect(checkDraft({ ...rich, text: 'Frohe Feiertage!' }).score).toBeLessThan(40);
    const good = checkDraft({
      ...rich,
      text: 'Hallo Anna, wie läuft kith-rs? Ich kann dich gerne mit Ben bekannt machen, er betreut Rust-Leute. Hast du nächste Woche Zeit?',
    });
    expect(good.findings).toEqual([]);
    expect(good.score).toBeGreaterThanOrEqual(80);
  });
});

describe('checkDraft: generic phrases', () => {
  const check = (text: string, expected: string[]) => {
    const got = checkDraft({ ...rich, text })
      .findings.filter((f) => f.code === 'generic-phrase')
      .map((f) => f.message.split('”')[0]!.slice(1));
    expect(got).toEqual(expected);
  };
  it.each([
    ['Happy Holidays, Anna!', ['Happy holidays']],
    ['Just checking in on kith-rs.', ['Just checking in']], // not also "checking in"
    ["Hope you're well!", ["Hope you're well"]],
    ['Hope you’re well!', ["Hope you're well"]],
    ['hope youre well', ["Hope you're well"]],
    ['HOPE YOU ARE WELL', ['Hope you are well']],
    ['I hope this email finds you well.', ['Hope this email finds you well']],
    ['Could I pick your brain?', ['Pick your brain']],
    ['Touching base about RustConf', ['Touching base']],
    ['Long time no see!', ['Long time no see']],
    ['Quick question about WASM', ['Quick question']],
    ['Frohe Feiertage!', ['Frohe feiertage']],
    ['Ich wollte mich mal melden.', ['Wollte mich mal melden']],
    ['Ich hoffe, es geht dir gut!', ['Ich hoffe, es geht dir gut']],
    ['ICH HOFFE ES GEHT DIR GUT', ['Ich hoffe, es geht dir gut']],
    ['Lange nichts gehört!', ['Lange nichts gehört']],
    ['Lange nichts gehoert!', ['Lange nichts gehört']],
    ["Hi! Wie geht's?", ["Wie geht's"]],
    ['Happy holidays and happy new year! Just checking in.', ['Happy holidays', 'Happy new year', 'Just checking in']],
    ['I hope your RustConf talk went well?', []],
    ['How is kith-rs going?', []],
  ])('%j', (text, expected) => check(text, expected));

  it('costs 30 for the first generic phrase and 10 for each further one', () => {
    const one = checkDraft({ ...rich, text: 'Happy holidays! How did the RustConf talk go?' });
    const two = checkDraft({ ...rich, text: 'Happy holidays and happy new year! How did the RustConf talk go?' });
    expect(one.score).toBe(70);
    expect(two.score).toBe(60);
  });
});

describe('checkDraft: a specific reference', () => {
  const check = (text: string, over: Partial<DraftInput>, referenced: boolean) =>
    expect(codes(text, over).includes('no-specific-reference')).toBe(!referenced);
  it.each([
    ['How is kith-rs going?', {}, true], // side project
    ['Did you end up liking WebAssembly?', {}, true], // interest
    ['How are things at Acme?', {}, true], // company, without the legal form
    ['Any news on the GC proposal?', {}, true], // last touch summary
    ['Still hunting for that Kubernetes operator?', {}, true], // an earlier touch
    ['Found the garbage collectors article for you', {}, true], // follow-up
    ['See you at RustConf?', {}, true], // shared event, also their goal
    ['Remember the Globex days?', {}, true], // shared employer
    ['Great seeing you at RustFest!', {}, true], // how we met
    ['Here it is: https://example.com/wasm-gc', {}, true], // a matching resource
    ['Anna! How are you, Anna Schmidt?', {}, false], // their name alone does not count
    ['Let us grab a coffee and have a call next week?', {}, false], // filler words from summaries do not count
    ['Wie läuft es mit dem Hiring?', {}, true], // German text, English topic word
    ['Ich hoffe, dein Projekt läuft gut?', {}, false],
  ] as Array<[string, Partial<DraftInput>, boolean]>)('%j', (text, over, referenced) => check(text, over, referenced));

  it('costs less when the record holds nothing to refer to, and says so', () => {
    const r = checkDraft({ ...bare, text: 'Saw your talk on embedded Rust, what did you think of the Q&A?' });
    expect(r.findings.map((f) => f.code)).toEqual(['no-specific-reference']);
    expect(r.score).toBe(85);
    expect(r.findings[0]!.message).toContain('knows little about them');
  });
});

describe('checkDraft: asks and offers', () => {
  const check = (text: string, flagged: boolean) => expect(codes(text).includes('ask-without-offer')).toBe(flagged);
  it.each([
    ['Could you review my kith-rs PR?', true],
    ['Can you take a look at my RustConf slides?', true],
    ['Would you mind reading my WebAssembly draft?', true],
    ['Could you review my PR? Happy to review yours in return.', false],
    ['Can you send me the GC paper? I can introduce you to a Rust mentor.', false],
    ['Want me to send you the GC paper?', false],
    ['How is kith-rs going?', false],
    ['Könntest du dir meinen Vortrag anschauen?', true],
    ['Kannst du mir beim Hiring helfen?', true],
    ['Kannst du mir beim Hiring helfen? Gerne stelle ich dich dafür Ben vor.', false],
    ['Soll ich dir den Artikel schicken?', false],
  ])('%j', (text, flagged) => check(text, flagged));

  it('gives German examples for German messages', () => {
    const r = checkDraft({ ...rich, text: 'Kannst du mir beim Hiring helfen?' });
    expect(r.findings.find((f) => f.code === 'ask-without-offer')?.message).toContain('Gerne');
  });
});

describe('checkDraft: inviting a reply', () => {
  const check = (text: string, flagged: boolean) => expect(codes(text).includes('no-question')).toBe(flagged);
  it.each([
    ['Loved your kith-rs demo.', true],
    ['Loved your kith-rs demo. Let me know what you think of mine.', false],
    ['Loved your kith-rs demo. Up for a call?', false],
    ['Loved your kith-rs demo ¿verdad', false],
    ['Tolle kith-rs Demo. Sag Bescheid, wenn du Zeit hast.', false],
    ['Tolle kith-rs Demo. Lass uns bald telefonieren.', false],
    ['Tolle kith-rs Demo.', true],
  ])('%j', (text, flagged) => check(text, flagged));
});

describe('checkDraft: length per channel', () => {
  const long = (n: number) => `How is kith-rs going? ${'word '.repeat(n)}`.slice(0, n);
  const check = (n: number, over: Partial<DraftInput>, flagged: boolean) =>
    expect(codes(long(n), over).includes('too-long')).toBe(flagged);
  it.each([
    [600, { channel: 'dm' }, false],
    [601, { channel: 'dm' }, true],
    [601, { channel: 'linkedin' }, true],
    [601, { channel: 'email' }, false],
    [1500, { channel: 'email' }, false],
    [1501, { channel: 'email' }, true],
    [1501, { channel: null }, true], // Anna prefers email
    [601, { channel: null }, false],
    [601, { channel: null, contact: { ...anna, boundaries: { preferredChannel: 'linkedin' } } }, true],
    [601, { channel: 'DM' }, true],
  ] as Array<[number, Partial<DraftInput>, boolean]>)('%d characters, %j', (n, over, flagged) => check(n, over, flagged));

  it('says how long it is and the limit', () => {
    const r = checkDraft({ ...rich, channel: 'dm', text: long(700) });
    expect(r.findings.find((f) => f.code === 'too-long')?.message).toContain('700 characters');
  });
});

describe('checkDraft: too short', () => {
  const check = (text: string, flagged: boolean) => expect(codes(text).includes('too-short')).toBe(flagged);
  it.each([
    ['hi', true],
    ['', true],
    ['   ', true],
    ['Hey Anna!', true],
    ['Hallo Anna, liebe Grüße', true],
    ['Thanks Anna Schmidt!', true],
    ['How was RustConf?', false],
    ['Hi Anna, kith-rs looks great!', false],
  ])('%j', (text, flagged) => check(text, flagged));
});

describe('checkDraft: suggestions', () => {
  const suggestions = (text: string, over: Partial<DraftInput> = {}) => checkDraft({ ...rich, ...over, text }).suggestions;
  const byCode = (text: string, code: string, over: Partial<DraftInput> = {}) =>
    suggestions(text, over)
      .filter((s) => s.code === code)
      .map((s) => s.message);

  it('names the concrete hook in every suggestion', () => {
    expect(suggestions('Hi Anna')).toEqual([
      {
        code: 'mention-follow-up',
        message:
          'Follow up on “send Anna the article on garbage collectors” (due 2026-12-01): do it in this message or say when.',
      },
      { code: 'mention-topic', message: 'Ask how their side project “kith-rs, a Rust CRM” is going.' },
      { code: 'mention-topic', message: 'Ask how their goal “speak at RustConf” is coming along.' },
      { code: 'mention-topic', message: 'Ask how they are getting on with “hiring a first engineer”, and whether you can help.' },
      {
        code: 'mention-last-touch',
        message: 'Pick up where you left off: your last DM (2026-10-01) was about “Talked about the WASM GC proposal”.',
      },
      { code: 'mention-shared-event', message: 'Mention RustConf 2026: you were both there.' },
      { code: 'mention-shared-employer', message: 'Mention your shared time at Globex.' },
      {
        code: 'share-resource',
        message: 'Share “WASM GC explained” (https://example.com/wasm-gc); it fits them: Interested in WebAssembly.',
      },
      { code: 'offer-help', message: 'Anna is looking for a Rust mentor: offer an introduction or your help with it.' },
      {
        code: 'add-scheduling-link',
        message: 'Add your scheduling link (https://cal.com/me) so Anna can pick a time in one click.',
      },
      {
        code: 'suggest-video',
        message:
          'Your last three touches with Anna were all text (DM, email, comment); suggest a video call or a coffee instead.',
      },
    ]);
  });

  it('drops hooks the draft already uses', () => {
    const codesLeft = suggestions(
      'Anna, here is the garbage collectors piece, and how is kith-rs? Globex reunion at RustConf? The GC proposal moved on. I know a Rust mentor: https://example.com/wasm-gc',
    ).map((s) => s.code);
    expect(codesLeft).toEqual(['mention-topic', 'suggest-video']); // only the hiring challenge is left, and no link needed
  });

  it('offers interests when there is no side project, goal or challenge', () => {
    const contact = { ...anna, topics: [{ kind: 'interest' as const, text: 'sailing' }] };
    expect(byCode('Hi', 'mention-topic', { contact })).toEqual(['Mention their interest in “sailing”.']);
  });

  it('ranks resources by their interests and leaves out ones that fit nothing, unless none fits', () => {
    const resources = [
      { title: 'Sourdough basics', url: null, topics: ['baking'] },
      { title: 'Hiring your first engineer', url: 'https://example.com/hire', topics: ['hiring'] },
    ];
    expect(byCode('Hi', 'share-resource', { resources })).toEqual([
      'Share “Hiring your first engineer” (https://example.com/hire); it fits them: Challenge: hiring a first engineer.',
    ]);
    expect(byCode('Hi', 'share-resource', { resources: [resources[0]!] })).toEqual(['Share “Sourdough basics”.']);
  });

  it('skips follow-ups that are done and orders open ones by due day', () => {
    const followUps = [
      { text: 'ask about the Zig meetup', dueOn: null },
      { text: 'return the book on compilers', dueOn: '2026-12-20', doneAt: '2026-11-01T00:00:00.000Z' },
      { text: 'send the slides on lifetimes', dueOn: '2026-12-05' },
    ];
    expect(byCode('Hi', 'mention-follow-up', { followUps })).toEqual([
      'Follow up on “send the slides on lifetimes” (due 2026-12-05): do it in this message or say when.',
      'Follow up on “ask about the Zig meetup”: do it in this message or say when.',
    ]);
  });

  it('suggests video only when the last three touches were all text, whatever order they came in', () => {
    const check = (kinds: TouchKind[], expected: boolean) => {
      const touchpoints = kinds.map((k, i) => touch(k, `2026-0${i + 1}-01`)); // oldest first on purpose
      expect(byCode('Hi', 'suggest-video', { touchpoints }).length > 0).toBe(expected);
    };
    check(['dm', 'email', 'comment'], true);
    check(['coffee', 'dm', 'email', 'comment'], true);
    check(['dm', 'email', 'comment', 'video'], false);
    check(['dm', 'email'], false);
    check(['call', 'dm', 'dm'], false);
  });

  it('leaves out the scheduling link when there is none or the draft has a link', () => {
    expect(byCode('Hi', 'add-scheduling-link', { schedulingLink: null })).toEqual([]);
    expect(byCode('Hi, book here: https://cal.com/me', 'add-scheduling-link')).toEqual([]);
  });

  it('suggests nothing from an empty record', () => {
    expect(checkDraft({ ...bare, text: 'Hi' }).suggestions).toEqual([]);
  });
});

describe('detectLanguage', () => {
  const check = (text: string, expected: 'en' | 'de') => expect(detectLanguage(text)).toBe(expected);
  it.each([
    ['Hi Anna, how is the project going?', 'en'],
    ['Hallo Anna, wie läuft das Projekt?', 'de'],
    ['Ich hoffe, es geht dir gut', 'de'],
    ['Frohe Feiertage!', 'de'],
    ['Happy holidays!', 'en'],
    ['Grüße', 'de'],
    ['', 'en'],
    ['kith-rs?', 'en'],
  ] as Array<[string, 'en' | 'de']>)('%j', (text, expected) => check(text, expected));

  it('is overridden by an explicit language', () => {
    const r = checkDraft({ ...rich, language: 'de', text: 'Could you review my PR?' });
    expect(r.findings.find((f) => f.code === 'ask-without-offer')?.message).toContain('Gerne');
  });
});
