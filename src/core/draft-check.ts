/**
 * The message check (P2): a message sent once or twice a year only works if it
 * is personal. `checkDraft` flags what makes a draft generic and suggests
 * concrete hooks from the contact's record. English and German.
 *
 * Score: start at 100 and subtract per finding, clamped to 0–100:
 *   generic-phrase          30 for the first phrase, 10 for each further one
 *   no-specific-reference   30 (15 when the record holds nothing to refer to)
 *   ask-without-offer       20
 *   too-short               20
 *   too-long                15
 *   no-question             10
 * A bare "Happy holidays!" loses 90; a message naming their project, offering
 * something concrete and asking a question loses nothing.
 *
 * Length limits: short channels (dm, linkedin, chat, social, sms and the like)
 * over 600 characters; email and anything else over 1500 characters, about 250
 * words. A draft is too short with fewer than 3 words besides greetings and
 * their name.
 */
import { keywords, resourcesForContact, sharedTerms } from './matching.js';
import {
  ASK_PHRASES,
  GENERIC_PHRASES,
  GREETING_WORDS,
  OFFER_PHRASES,
  REPLY_INVITES,
  phraseKey,
  type PhraseLanguage,
} from './phrases.js';
import { tokens } from './text-fold.js';
import type { Boundaries, Day, Employment, Instant, Topic, TouchKind } from './types.js';

export type DraftLanguage = PhraseLanguage;

export const FINDING_CODES = [
  'generic-phrase',
  'no-specific-reference',
  'ask-without-offer',
  'no-question',
  'too-long',
  'too-short',
] as const;
export type FindingCode = (typeof FINDING_CODES)[number];

export const SUGGESTION_CODES = [
  'mention-follow-up',
  'mention-topic',
  'mention-last-touch',
  'mention-shared-event',
  'mention-shared-employer',
  'share-resource',
  'offer-help',
  'add-scheduling-link',
  'suggest-video',
] as const;
export type SuggestionCode = (typeof SUGGESTION_CODES)[number];

export interface DraftContact {
  name: string;
  givenName?: string | null;
  familyName?: string | null;
  nickname?: string | null;
  topics: Topic[];
  tags?: string[];
  company?: string | null;
  employment?: Employment[];
  howMet?: string | null;
  boundaries?: Pick<Boundaries, 'preferredChannel'> | null;
}

export interface DraftTouch {
  kind: TouchKind;
  occurredAt: Instant;
  summary: string;
  topics?: string[];
}

export interface DraftFollowUp {
  text: string;
  dueOn?: Day | null;
  /** Done follow-ups are ignored. */
  doneAt?: Instant | null;
}

export interface DraftResource {
  title: string;
  url?: string | null;
  topics: string[];
  notes?: string | null;
}

export interface DraftInput {
  text: string;
  contact: DraftContact;
  /** That contact's recent touchpoints, newest first (re-sorted defensively). */
  touchpoints?: DraftTouch[];
  /** Open follow-ups with that contact. */
  followUps?: DraftFollowUp[];
  /** Names of events both the user and the contact attended. */
  sharedEvents?: string[];
  /** Companies both the user and the contact have worked at. */
  sharedEmployers?: string[];
  /** Resources that may match their interests; ranked here again. */
  resources?: DraftResource[];
  /** The user's scheduling link, if they have one. */
  schedulingLink?: string | null;
  /** `email`, `dm`, `linkedin`, …; defaults to the contact's preferred channel, else email. */
  channel?: string | null;
  /** Detected from the text when absent. */
  language?: DraftLanguage | null;
}

export interface DraftFinding {
  code: FindingCode;
  message: string;
}

export interface DraftSuggestion {
  code: SuggestionCode;
  message: string;
}

export interface DraftCheck {
  /** 0–100 integer. */
  score: number;
  findings: DraftFinding[];
  suggestions: DraftSuggestion[];
}

/** Points a finding costs; the first generic phrase costs `generic-phrase`, each further one `GENERIC_EXTRA`. */
export const FINDING_PENALTY: Record<FindingCode, number> = {
  'generic-phrase': 30,
  'no-specific-reference': 30,
  'ask-without-offer': 20,
  'too-short': 20,
  'too-long': 15,
  'no-question': 10,
};
const GENERIC_EXTRA = 10;
const NO_REFERENCE_EMPTY_RECORD = 15;

/** Channels where a message is read on a phone, between other things. */
// prettier-ignore
const SHORT_CHANNELS = new Set([
  'dm', 'linkedin', 'chat', 'social', 'sms', 'twitter', 'x', 'mastodon', 'bluesky', 'slack', 'signal',
  'whatsapp', 'telegram', 'discord', 'matrix',
]);
export const SHORT_CHANNEL_MAX_CHARS = 600;
export const EMAIL_MAX_CHARS = 1500;
export const MIN_CONTENT_WORDS = 3;

const TEXT_KINDS: ReadonlySet<TouchKind> = new Set<TouchKind>(['dm', 'email', 'comment']);
const URL_RE = /\bhttps?:\/\/|\bwww\.|\b[a-z0-9-]+\.(?:com|io|dev|org|net|me|app|de|eu|co)\/\S/i;

/**
 * Words that show up in summaries and follow-ups without being about anything
 * in particular: mentioning "coffee" or "send" is not a personal reference.
 */
// prettier-ignore
const REFERENCE_NOISE: ReadonlySet<string> = new Set([
  'coffee', 'call', 'calls', 'chat', 'chatted', 'meeting', 'meet', 'met', 'talk', 'talked', 'talking', 'spoke',
  'catch', 'catchup', 'sync', 'email', 'mail', 'message', 'dm', 'video', 'quick', 'send', 'sent', 'share', 'ask',
  'asked', 'tell', 'told', 'check', 'follow', 'remind', 'reply', 'thanks', 'thank', 'hello', 'hi', 'hey', 'hope',
  'happy', 'good', 'great', 'nice', 'time', 'today', 'week', 'weeks', 'month', 'year', 'next', 'last', 'first',
  'kaffee', 'treffen', 'getroffen', 'gesprach', 'anruf', 'schicken', 'senden', 'fragen', 'nachricht', 'woche',
  'jahr', 'monat', 'heute', 'letzte', 'letzten', 'nachste', 'nachsten', 'gut', 'schon', 'danke',
]);

// prettier-ignore
const DE_MARKERS = new Set([
  'ich', 'du', 'und', 'nicht', 'ist', 'der', 'die', 'das', 'mit', 'dich', 'dir', 'hallo', 'danke', 'gerne', 'gern',
  'wie', 'geht', 'es', 'mal', 'auch', 'hoffe', 'grusse', 'gruss', 'viele', 'liebe', 'lieber', 'wir', 'ein', 'eine',
  'auf', 'fur', 'uber', 'zu', 'bei', 'noch', 'schon', 'kannst', 'konntest', 'hast', 'bist', 'dein', 'deine', 'dass',
  'wenn', 'aber', 'oder', 'sehr', 'jetzt', 'heute', 'morgen', 'woche', 'zeit', 'melden', 'frohe', 'schone',
]);
// prettier-ignore
const EN_MARKERS = new Set([
  'the', 'and', 'you', 'is', 'to', 'i', 'it', 'hope', 'thanks', 'hello', 'with', 'for', 'your', 'are', 'we', 'of',
  'on', 'my', 'me', 'how', 'can', 'could', 'would', 'that', 'this', 'be', 'have', 'just', 'happy', 'what', 'when',
  'time', 'week', 'about', 'if', 'let', 'know', 'love', 'there', 'holidays',
]);

/** Guesses whether a message is German or English from its common words (English when unsure). */
export function detectLanguage(text: string): DraftLanguage {
  let de = /[äöüß]/i.test(text) ? 1 : 0;
  let en = 0;
  for (const t of tokens(text)) {
    if (DE_MARKERS.has(t)) de++;
    if (EN_MARKERS.has(t)) en++;
  }
  return de > en ? 'de' : 'en';
}

const LANGUAGES: readonly DraftLanguage[] = ['en', 'de'];

/** Phrases of every language, longest first, so the longest match is the one reported. */
function phraseTable(lists: Record<PhraseLanguage, readonly string[]>): Array<{ phrase: string; key: string }> {
  return LANGUAGES.flatMap((l) => lists[l].map((phrase) => ({ phrase, key: phraseKey(phrase) }))).sort(
    (a, b) => b.key.length - a.key.length,
  );
}
const GENERIC_TABLE = phraseTable(GENERIC_PHRASES);
const ASK_TABLE = phraseTable(ASK_PHRASES);
const OFFER_TABLE = phraseTable(OFFER_PHRASES);
const INVITE_TABLE = phraseTable(REPLY_INVITES);

function genericPhrasesIn(key: string): string[] {
  const found: Array<{ phrase: string; key: string }> = [];
  for (const entry of GENERIC_TABLE) {
    if (!key.includes(entry.key)) continue;
    // "just checking in" already reported: do not also report "checking in".
    if (found.some((f) => f.key.includes(entry.key))) continue;
    found.push(entry);
  }
  // Report in the order they appear in the message.
  return found.sort((a, b) => key.indexOf(a.key) - key.indexOf(b.key)).map((f) => f.phrase);
}

const anyIn = (key: string, table: Array<{ key: string }>): boolean => table.some((e) => key.includes(e.key));

interface Reference {
  terms: string[];
}

function str(v: unknown): string {
  return typeof v === 'string' ? v : '';
}

function quote(s: string): string {
  return `“${s}”`;
}

// Follow-ups without a due day go last.
const dueKey = (f: DraftFollowUp): string => str(f.dueOn) || '9999-99-99';
const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

function capitalise(s: string): string {
  return s.charAt(0).toUpperCase() + s.slice(1);
}

const KIND_WORD: Partial<Record<TouchKind, string>> = {
  coffee: 'coffee',
  video: 'video call',
  call: 'call',
  dm: 'DM',
  email: 'email',
  event: 'event',
  comment: 'comment',
  'code-review': 'code review',
  mentoring: 'mentoring session',
  intro: 'introduction',
  'shout-out': 'shout-out',
};

/** Checks a draft message to one contact: findings, concrete suggestions and a 0–100 score. */
export function checkDraft(input: DraftInput): DraftCheck {
  const text = str(input.text);
  const contact = input.contact;
  const language: DraftLanguage = input.language === 'de' || input.language === 'en' ? input.language : detectLanguage(text);
  const key = phraseKey(text);
  const topics = (contact.topics ?? []).filter((t) => t && typeof t.text === 'string' && t.text.trim() !== '');
  const first =
    str(contact.givenName).trim() || str(contact.nickname).trim() || str(contact.name).trim().split(/\s+/)[0] || 'them';

  // Their name is not a reference: "Hi Anna" is as generic as "Hi".
  const nameTokens = new Set(
    [contact.name, contact.givenName, contact.familyName, contact.nickname].flatMap((n) => tokens(str(n))),
  );
  const terms = (s: string | null | undefined) => keywords(s).filter((t) => !nameTokens.has(t) && !REFERENCE_NOISE.has(t));
  const textTerms = terms(text);
  const mentions = (s: string | null | undefined): boolean => sharedTerms(terms(s), textTerms).length > 0;

  const touches = [...(input.touchpoints ?? [])]
    .filter((t) => t && typeof t.occurredAt === 'string')
    .sort((a, b) => compareText(b.occurredAt, a.occurredAt));
  const followUps = (input.followUps ?? [])
    .filter((f) => f && !f.doneAt && str(f.text).trim() !== '')
    .sort((a, b) => compareText(dueKey(a), dueKey(b)));
  const events = (input.sharedEvents ?? []).map(str).filter((e) => e.trim() !== '');
  const employers = (input.sharedEmployers ?? []).map(str).filter((e) => e.trim() !== '');
  const resources = (input.resources ?? []).filter((r) => r && str(r.title).trim() !== '');

  const references: Reference[] = [
    ...topics.map((t) => ({ terms: terms(t.text) })),
    { terms: terms(contact.company) },
    ...(contact.employment ?? []).map((e) => ({ terms: terms(e?.company) })),
    { terms: terms(contact.howMet) },
    ...touches.slice(0, 3).map((t) => ({ terms: terms([str(t.summary), ...(t.topics ?? []).map(str)].join(' \n ')) })),
    ...followUps.map((f) => ({ terms: terms(f.text) })),
    ...events.map((e) => ({ terms: terms(e) })),
    ...employers.map((e) => ({ terms: terms(e) })),
  ].filter((r) => r.terms.length > 0);
  const lowerText = text.toLowerCase();
  const sharesResource = resources.some((r) => {
    const url = str(r.url).trim().toLowerCase();
    return url !== '' && lowerText.includes(url);
  });
  const referenced = sharesResource || references.some((r) => sharedTerms(r.terms, textTerms).length > 0);

  const findings: DraftFinding[] = [];
  let penalty = 0;

  const generic = genericPhrasesIn(key);
  generic.forEach((phrase, i) => {
    penalty += i === 0 ? FINDING_PENALTY['generic-phrase'] : GENERIC_EXTRA;
    findings.push({
      code: 'generic-phrase',
      message: `${quote(capitalise(phrase))} could be sent to anyone; replace it with something only ${first} would recognise.`,
    });
  });

  if (!referenced) {
    const empty = references.length === 0;
    penalty += empty ? NO_REFERENCE_EMPTY_RECORD : FINDING_PENALTY['no-specific-reference'];
    findings.push({
      code: 'no-specific-reference',
      message: empty
        ? `Nothing in the message is specific to ${first}, and kith knows little about them yet: mention something you share, and add their interests or goals to their record.`
        : `Nothing in the message is specific to ${first}: refer to something you share (see the suggestions); their name alone does not count.`,
    });
  }

  const asks = anyIn(key, ASK_TABLE);
  const offers = anyIn(key, OFFER_TABLE);
  if (asks && !offers) {
    penalty += FINDING_PENALTY['ask-without-offer'];
    findings.push({
      code: 'ask-without-offer',
      message:
        language === 'de'
          ? `The message asks ${first} for something but offers nothing; give first, e.g. „Gerne stelle ich dich … vor“ or „Ich kann dir … schicken“.`
          : `The message asks ${first} for something but offers nothing; give first, e.g. "Happy to introduce you to …" or "I can send you …".`,
    });
  }

  const invites = /[?？¿]/.test(text) || anyIn(key, INVITE_TABLE);
  if (!invites) {
    penalty += FINDING_PENALTY['no-question'];
    findings.push({
      code: 'no-question',
      message:
        language === 'de'
          ? `Nothing invites ${first} to reply; end with a question, e.g. „Hast du nächste Woche Zeit für einen Call?“`
          : `Nothing invites ${first} to reply; end with a question, e.g. "Do you have time for a call next week?"`,
    });
  }

  const channel = (str(input.channel) || str(contact.boundaries?.preferredChannel) || 'email').toLowerCase();
  const isShort = SHORT_CHANNELS.has(channel);
  const limit = isShort ? SHORT_CHANNEL_MAX_CHARS : EMAIL_MAX_CHARS;
  const length = text.trim().length;
  if (length > limit) {
    penalty += FINDING_PENALTY['too-long'];
    findings.push({
      code: 'too-long',
      message: `At ${length} characters this is long for ${isShort ? `a ${channel} message` : 'an email'} (aim for under ${limit}); keep the personal part and one clear ask or offer.`,
    });
  }

  const contentWords = tokens(text).filter((t) => !GREETING_WORDS.has(t) && !nameTokens.has(t));
  if (contentWords.length < MIN_CONTENT_WORDS) {
    penalty += FINDING_PENALTY['too-short'];
    findings.push({
      code: 'too-short',
      message: `This is little more than a greeting and gives ${first} nothing to answer; add why you are writing.`,
    });
  }

  const suggestions = suggest({
    input,
    text,
    lowerText,
    first,
    topics,
    touches,
    followUps,
    events,
    employers,
    resources,
    mentions,
  });
  const score = Math.max(0, Math.min(100, Math.round(100 - penalty)));
  return { score, findings, suggestions };
}

interface SuggestContext {
  input: DraftInput;
  text: string;
  lowerText: string;
  first: string;
  topics: Topic[];
  touches: DraftTouch[];
  followUps: DraftFollowUp[];
  events: string[];
  employers: string[];
  resources: DraftResource[];
  mentions: (s: string | null | undefined) => boolean;
}

const MAX_PER_KIND = 2;

function suggest(ctx: SuggestContext): DraftSuggestion[] {
  const { input, first, mentions } = ctx;
  const q = (s: string) => quote(s.trim());
  const out: DraftSuggestion[] = [];

  for (const f of ctx.followUps.filter((f) => !mentions(f.text)).slice(0, MAX_PER_KIND)) {
    const due = f.dueOn ? ` (due ${f.dueOn})` : '';
    out.push({ code: 'mention-follow-up', message: `Follow up on ${q(f.text)}${due}: do it in this message or say when.` });
  }

  const personal = ctx.topics.filter((t) => t.kind === 'side-project' || t.kind === 'goal' || t.kind === 'challenge');
  const topicPool = personal.length > 0 ? personal : ctx.topics.filter((t) => t.kind === 'interest');
  for (const t of topicPool.filter((t) => !mentions(t.text)).slice(0, MAX_PER_KIND + 1)) {
    const message =
      t.kind === 'side-project'
        ? `Ask how their side project ${q(t.text)} is going.`
        : t.kind === 'goal'
          ? `Ask how their goal ${q(t.text)} is coming along.`
          : t.kind === 'challenge'
            ? `Ask how they are getting on with ${q(t.text)}, and whether you can help.`
            : `Mention their interest in ${q(t.text)}.`;
    out.push({ code: 'mention-topic', message });
  }

  const last = ctx.touches.find((t) => str(t.summary).trim() !== '');
  if (last && !mentions(last.summary)) {
    const kind = KIND_WORD[last.kind] ?? 'conversation';
    out.push({
      code: 'mention-last-touch',
      message: `Pick up where you left off: your last ${kind} (${last.occurredAt.slice(0, 10)}) was about ${q(last.summary)}.`,
    });
  }

  for (const e of ctx.events.filter((e) => !mentions(e)).slice(0, MAX_PER_KIND)) {
    out.push({ code: 'mention-shared-event', message: `Mention ${e.trim()}: you were both there.` });
  }

  for (const e of ctx.employers.filter((e) => !mentions(e)).slice(0, MAX_PER_KIND)) {
    out.push({ code: 'mention-shared-employer', message: `Mention your shared time at ${e.trim()}.` });
  }

  if (ctx.resources.length > 0) {
    const ranked = resourcesForContact(
      { topics: ctx.topics, tags: input.contact.tags ?? [] },
      ctx.resources.map((r) => ({ ...r, topics: (r.topics ?? []).map(str) })),
    );
    // The caller already picked resources for their interests: with no ranked fit, trust its order.
    const picks =
      ranked.length > 0 ? ranked : ctx.resources.slice(0, 1).map((resource) => ({ resource, reasons: [] as string[] }));
    const notShared = picks.filter(({ resource }) => {
      const url = str(resource.url).trim().toLowerCase();
      return !(url !== '' && ctx.lowerText.includes(url)) && !ctx.lowerText.includes(resource.title.trim().toLowerCase());
    });
    for (const { resource, reasons } of notShared.slice(0, MAX_PER_KIND)) {
      const url = str(resource.url).trim() ? ` (${str(resource.url).trim()})` : '';
      const why = reasons.length > 0 ? `; it fits them: ${reasons.join('; ')}` : '';
      out.push({ code: 'share-resource', message: `Share ${q(resource.title)}${url}${why}.` });
    }
  }

  for (const t of ctx.topics.filter((t) => t.kind === 'looking-for' && !mentions(t.text)).slice(0, MAX_PER_KIND)) {
    out.push({
      code: 'offer-help',
      message: `${first} is looking for ${t.text.trim()}: offer an introduction or your help with it.`,
    });
  }

  const link = str(input.schedulingLink).trim();
  if (link !== '' && !URL_RE.test(ctx.text)) {
    out.push({
      code: 'add-scheduling-link',
      message: `Add your scheduling link (${link}) so ${first} can pick a time in one click.`,
    });
  }

  const lastThree = ctx.touches.slice(0, 3);
  if (lastThree.length === 3 && lastThree.every((t) => TEXT_KINDS.has(t.kind))) {
    const kinds = [...new Set(lastThree.map((t) => KIND_WORD[t.kind] ?? t.kind))].join(', ');
    out.push({
      code: 'suggest-video',
      message: `Your last three touches with ${first} were all text (${kinds}); suggest a video call or a coffee instead.`,
    });
  }
  return out;
}
