import { describe, expect, it } from 'vitest';
import {
  keywords,
  matchResourceToContacts,
  resourcesForContact,
  sameTerm,
  sharedTerms,
  suggestIntroductions,
  whoWouldCare,
  type IntroCandidate,
  type MatchContact,
} from './matching.js';
import type { Topic, TopicKind } from './types.js';

const t = (kind: TopicKind, text: string): Topic => ({ kind, text });

describe('keywords', () => {
  const check = (input: string, expected: string[]) => expect(keywords(input)).toEqual(expected);
  it.each([
    ['The Rust meetup in Berlin', ['rust', 'meetup', 'berlin']],
    ['Über die Zukunft von WebAssembly und Rust', ['zukunft', 'webassembly', 'rust']],
    ['Rust rust RUST', ['rust']],
    ['Talk at RustConf 2026', ['talk', 'rustconf']],
    ['Acme GmbH', ['acme']],
    ['', []],
    ['   ', []],
  ])('%j', (input, expected) => check(input, expected));
});

describe('sameTerm', () => {
  const check = (a: string, b: string, expected: boolean) => expect(sameTerm(a, b)).toBe(expected);
  it.each([
    ['rust', 'rust', true],
    ['mentor', 'mentoring', true],
    ['project', 'projects', true],
    ['hire', 'hiring', true],
    ['app', 'apps', true],
    ['projekt', 'projekten', true],
    ['rust', 'rustconf', false],
    ['engine', 'engineers', false], // -er changes the meaning
    ['go', 'golang', false],
    ['ai', 'ais', false], // too short to be sure
    ['intro', 'introduction', false],
    ['rust', 'trust', false],
    ['kubernetes', 'kube', false],
  ])('%s ~ %s', (a, b, expected) => {
    check(a, b, expected);
    check(b, a, expected);
  });

  it('sharedTerms keeps the terms of the first list that occur in the second', () => {
    expect(sharedTerms(['rust', 'mentor', 'berlin'], ['mentoring', 'rust'])).toEqual(['rust', 'mentor']);
    expect(sharedTerms([], ['rust'])).toEqual([]);
  });
});

const anna: MatchContact = {
  id: 'c-anna',
  name: 'Anna Schmidt',
  topics: [t('interest', 'WebAssembly'), t('side-project', 'a Rust game engine'), t('looking-for', 'a Rust mentor')],
  tags: ['berlin'],
  notes: 'Gave a talk on garbage collection.',
};
const ben: MatchContact = {
  id: 'c-ben',
  name: 'Ben Okafor',
  topics: [t('can-help', 'Rust mentoring'), t('interest', 'distributed systems')],
  tags: ['rust'],
};
const chloe: MatchContact = {
  id: 'c-chloe',
  name: 'Chloé Martin',
  topics: [t('interest', 'product management'), t('looking-for', 'a co-founder')],
  tags: [],
};
const dieter: MatchContact = {
  id: 'c-dieter',
  name: 'Dieter Müller',
  topics: [t('interest', 'Garbage Collection'), t('challenge', 'Einstieg in WebAssembly')],
  tags: [],
};

describe('matchResourceToContacts', () => {
  const check = (
    resource: { title: string; topics: string[]; notes?: string },
    expected: Array<{ contactId: string; score: number; reasons: string[] }>,
  ) => {
    const got = matchResourceToContacts(resource, [anna, ben, chloe, dieter]);
    expect(got.map(({ contactId, score, reasons }) => ({ contactId, score, reasons }))).toEqual(expected);
  };

  it('ranks who cares about a WASM GC article, with reasons', () => {
    check({ title: 'WebAssembly GC explained', topics: ['webassembly', 'garbage collection'] }, [
      { contactId: 'c-dieter', score: 3, reasons: ['Interested in Garbage Collection', 'Challenge: Einstieg in WebAssembly'] },
      { contactId: 'c-anna', score: 1.6, reasons: ['Interested in WebAssembly', 'Notes mention garbage, collection'] },
    ]);
  });

  it('weighs someone looking for it above someone who can already help', () => {
    check({ title: 'Finding a good Rust mentor', topics: ['rust'] }, [
      { contactId: 'c-anna', score: 4, reasons: ['Side project: a Rust game engine', 'Looking for a Rust mentor'] },
      { contactId: 'c-ben', score: 1.8, reasons: ['Can help with Rust mentoring', 'Tagged “rust”'] },
    ]);
  });

  it('ignores stop words and filler: "the" and "help" match nobody', () => {
    check({ title: 'The help you need', topics: [] }, []);
  });

  it('matches across accents and case', () => {
    const zoe: MatchContact = { id: 'z', name: 'Zoë', topics: [t('interest', 'Künstliche Intelligenz')], tags: [] };
    expect(matchResourceToContacts({ title: 'KUNSTLICHE intelligenz für alle', topics: [] }, [zoe])).toEqual([
      { contactId: 'z', name: 'Zoë', score: 2, reasons: ['Interested in Künstliche Intelligenz'] },
    ]);
  });

  it('breaks score ties by name, then id', () => {
    const mk = (id: string, name: string): MatchContact => ({ id, name, topics: [t('interest', 'Rust')], tags: [] });
    const got = matchResourceToContacts({ title: 'Rust', topics: [] }, [mk('3', 'Zed'), mk('2', 'Ann'), mk('1', 'Ann')]);
    expect(got.map((m) => m.contactId)).toEqual(['1', '2', '3']);
  });
});

describe('whoWouldCare', () => {
  it('uses the post summary as well as title and topics', () => {
    const got = whoWouldCare(
      { title: 'What I learned this year', summary: 'Mostly about product management and hiring.', topics: [] },
      [anna, ben, chloe, dieter],
    );
    expect(got.map((m) => [m.contactId, m.reasons])).toEqual([['c-chloe', ['Interested in product management']]]);
  });

  it('returns nobody for a post on a topic nobody has', () => {
    expect(whoWouldCare({ title: 'Sourdough baking', summary: '', topics: ['bread'] }, [anna, ben])).toEqual([]);
  });
});

describe('resourcesForContact', () => {
  const resources = [
    { id: 'r1', title: 'Sourdough for engineers', topics: ['baking'] },
    { id: 'r2', title: 'Rust ownership in 10 minutes', topics: ['rust'] },
    { id: 'r3', title: 'WASM GC proposal walkthrough', topics: ['webassembly', 'rust'] },
  ];
  const check = (contact: { topics: Topic[]; tags?: string[] }, expected: string[]) =>
    expect(resourcesForContact(contact, resources).map((r) => r.resource.id)).toEqual(expected);

  it.each([
    [{ topics: [t('interest', 'WebAssembly'), t('side-project', 'Rust game engine')] }, ['r3', 'r2']],
    [{ topics: [t('interest', 'baking bread')] }, ['r1']],
    [{ topics: [], tags: ['rust'] }, ['r2', 'r3']], // equal score: input order
    [{ topics: [t('interest', 'gardening')] }, []],
    [{ topics: [] }, []],
  ])('%j', (contact, expected) => check(contact, expected));

  it('keeps the resource object and explains the fit', () => {
    const [first] = resourcesForContact({ topics: [t('interest', 'Rust')] }, [resources[1]!]);
    expect(first).toEqual({ resource: resources[1], score: 1, reasons: ['Interested in Rust'] });
  });
});

describe('suggestIntroductions', () => {
  const c = (id: string, name: string, topics: Topic[]): IntroCandidate => ({ id, name, topics });
  const annaI = c('a', 'Anna', [t('looking-for', 'a Rust mentor')]);
  const benI = c('b', 'Ben', [t('can-help', 'Rust mentoring'), t('looking-for', 'design work on his side project')]);
  const caraI = c('c', 'Cara', [t('can-help', 'product design'), t('can-help', 'advice on hiring')]);
  const danI = c('d', 'Dan', [t('looking-for', 'advice on fundraising')]);

  const check = (
    contacts: IntroCandidate[],
    expected: Array<[string, string, string]>,
    existing: Array<{ aId: string; bId: string }> = [],
  ) => expect(suggestIntroductions(contacts, existing).map((s) => [s.aId, s.bId, s.reason])).toEqual(expected);

  it('finds a need matched by an offer, with a sentence saying why', () => {
    check([annaI, benI], [['a', 'b', 'Anna is looking for a Rust mentor; Ben can help with Rust mentoring']]);
  });

  it('is the same whatever order the contacts come in', () => {
    const expected: Array<[string, string, string]> = [
      ['a', 'b', 'Anna is looking for a Rust mentor; Ben can help with Rust mentoring'],
      ['b', 'c', 'Ben is looking for design work on his side project; Cara can help with product design'],
    ];
    check([annaI, benI, caraI, danI], expected);
    check([danI, caraI, benI, annaI], expected);
  });

  it('does not match on filler words like "advice"', () => {
    check([caraI, danI], []);
  });

  it('never pairs someone with themselves, even when they need what they offer', () => {
    check([c('x', 'Xu', [t('looking-for', 'Rust mentor'), t('can-help', 'Rust mentoring')])], []);
  });

  it('makes one suggestion per pair when both directions match, and reports both', () => {
    const p = c('p', 'Pia', [t('looking-for', 'Kubernetes operator'), t('can-help', 'Postgres tuning')]);
    const q = c('q', 'Quinn', [t('looking-for', 'Postgres tuning help'), t('can-help', 'Kubernetes operators')]);
    const got = suggestIntroductions([q, p]);
    expect(got).toHaveLength(1);
    expect(got[0]).toMatchObject({ aId: 'p', bId: 'q', score: 4 });
    expect(got[0]!.reasons).toEqual([
      'Pia is looking for Kubernetes operator; Quinn can help with Kubernetes operators',
      'Quinn is looking for Postgres tuning help; Pia can help with Postgres tuning',
    ]);
  });

  it('ignores duplicate contacts', () => {
    check([annaI, benI, annaI], [['a', 'b', 'Anna is looking for a Rust mentor; Ben can help with Rust mentoring']]);
  });

  it('leaves out pairs already introduced, in either order', () => {
    check(
      [annaI, benI, caraI],
      [['b', 'c', 'Ben is looking for design work on his side project; Cara can help with product design']],
      [{ aId: 'b', bId: 'a' }],
    );
  });

  it('ranks stronger matches first', () => {
    const e = c('e', 'Eve', [t('can-help', 'mentor')]);
    const got = suggestIntroductions([e, annaI, benI]);
    expect(got.map((s) => [s.aId, s.bId, s.score])).toEqual([
      ['a', 'b', 2],
      ['a', 'e', 1],
    ]);
  });
});
