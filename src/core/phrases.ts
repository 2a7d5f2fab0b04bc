/**
 * Word and phrase lists for the message check (P2) and for matching, in English
 * and German. Lists hold phrases as a person writes them; `phraseKey` turns both
 * the lists and a message into the same comparable form, so matching ignores
 * case, accents, punctuation and apostrophe variants (`you’re`, `you're`, `youre`).
 */
import { fold } from './text-fold.js';

export type PhraseLanguage = 'en' | 'de';

// Apostrophes and look-alikes people (and phones) type inside contractions.
const APOSTROPHES_RE = /['’‘`´ʼʹ′]/g;
// ü and ue (and ä/ae, ö/oe) must compare equal: `gehört`, `gehoert` and `gehort` are one word here.
const UMLAUT_DIGRAPH_RE = /([aou])e/g;

/**
 * The comparable form of a phrase or a message: folded, apostrophes dropped,
 * umlaut digraphs reduced, every run of non-letters one space, padded with
 * spaces so a phrase only matches whole words (` hope youre well `).
 */
export function phraseKey(text: string): string {
  const words = fold(text)
    .replace(APOSTROPHES_RE, '')
    .replace(UMLAUT_DIGRAPH_RE, '$1')
    .match(/[\p{L}\p{N}]+/gu);
  return words ? ` ${words.join(' ')} ` : ' ';
}

/** Lines that could be sent to anyone: the opposite of a personal message. */
export const GENERIC_PHRASES: Record<PhraseLanguage, readonly string[]> = {
  en: [
    'happy holidays',
    "season's greetings",
    'merry christmas',
    'happy new year',
    'just checking in',
    'just wanted to check in',
    'checking in',
    'just wanted to reach out',
    'just reaching out',
    'just wanted to say hi',
    'just saying hi',
    'wanted to say hi',
    'just following up',
    "hope you're well",
    'hope you are well',
    "hope you're doing well",
    'hope you are doing well',
    "hope you're doing great",
    'hope all is well',
    'hope this finds you well',
    'hope this email finds you well',
    'hope this message finds you well',
    'pick your brain',
    'touching base',
    'touch base',
    'long time no see',
    'long time no talk',
    'long time no speak',
    'quick question',
    'how are you',
    'how have you been',
    "how's it going",
    "let's catch up sometime",
    'we should catch up',
    "i'd love to connect",
    'i came across your profile',
  ],
  de: [
    'frohe feiertage',
    'schöne feiertage',
    'frohe weihnachten',
    'frohes neues',
    'guten rutsch',
    'wollte mich mal melden',
    'wollte mich mal wieder melden',
    'wollte mich nur kurz melden',
    'ich melde mich mal',
    'wollte mal hallo sagen',
    'ich hoffe, es geht dir gut',
    'hoffe, es geht dir gut',
    'ich hoffe, es geht ihnen gut',
    'hoffe, es geht ihnen gut',
    "hoffe, dir geht's gut",
    'hoffe, dir geht es gut',
    'hoffe, bei dir ist alles gut',
    'hoffe, alles ist gut',
    'hoffe, diese nachricht erreicht dich',
    'lange nichts gehört',
    'lange nichts voneinander gehört',
    'lange nicht gesehen',
    "wie geht's",
    'wie geht es dir',
    'wie geht es ihnen',
    'kurze frage',
    'wollte nur kurz nachfragen',
    'kurz nachhaken',
    'wir sollten uns mal wieder treffen',
    'lass uns mal wieder quatschen',
  ],
};

/** Wording that asks something of the reader. */
export const ASK_PHRASES: Record<PhraseLanguage, readonly string[]> = {
  en: [
    'could you',
    'can you',
    'would you mind',
    'would you be able',
    'would you be willing',
    'would you be open to',
    'would you have time',
    'are you able to',
    'any chance you',
    'is there any chance',
    'i was wondering if you',
    'i wonder if you',
    'i was hoping you',
    "i'd appreciate it if",
    'i would appreciate it if',
    'i need your',
    'need your help',
    'can i ask you',
    'could i ask you',
    'may i ask you',
    'pick your brain',
    'do you know anyone',
    'do you have time to',
    'please send',
    'please review',
    'please share',
    'please introduce',
  ],
  de: [
    'könntest du',
    'kannst du',
    'könnten sie',
    'können sie',
    'würdest du',
    'würden sie',
    'hättest du zeit',
    'magst du mir',
    'würde mich freuen, wenn du',
    'wäre toll, wenn du',
    'bräuchte deine hilfe',
    'brauche deine hilfe',
    'brauche deinen rat',
    'kennst du jemanden',
    'darf ich dich um',
    'ich bitte dich',
    'bitte schick',
    'bitte schau',
  ],
};

/** Wording that gives or offers something: help, an introduction, a resource. */
export const OFFER_PHRASES: Record<PhraseLanguage, readonly string[]> = {
  en: [
    'happy to',
    'glad to',
    'i can',
    'i could',
    'want me to',
    'would you like me to',
    'shall i',
    'should i send',
    "i'd be happy",
    'i would be happy',
    "i'd love to help",
    "i'd be glad",
    'let me know if i can',
    'if i can help',
    "if there's anything i can",
    "i'll send",
    'i will send',
    "i'll introduce",
    "i'd like to introduce",
    "i'd love to introduce",
    'let me introduce',
    "i've attached",
    'i attached',
    'attached is',
    "here's",
    'here is',
    'i thought of you',
    'thought of you',
    'thought you might',
    'you might find',
    'might be useful',
    'might help',
    'could be useful',
    'i wrote up',
    'i put together',
    'sharing this',
    'my treat',
  ],
  de: [
    'gerne',
    'gern',
    'ich kann',
    'ich könnte',
    'soll ich',
    'möchtest du, dass ich',
    'magst du, dass ich',
    'willst du, dass ich',
    'falls ich helfen kann',
    'wenn ich helfen kann',
    'ich helfe',
    'anbei',
    'hier ist',
    'ich schicke dir',
    'ich schick dir',
    'ich sende dir',
    'dachte an dich',
    'musste an dich denken',
    'könnte dich interessieren',
    'könnte dir helfen',
    'könnte nützlich sein',
    'ich stelle dich',
    'ich lade dich ein',
    'geht auf mich',
  ],
};

/** Wording that invites an answer even without a question mark. */
export const REPLY_INVITES: Record<PhraseLanguage, readonly string[]> = {
  en: [
    'let me know',
    'lmk',
    'what do you think',
    'what do you say',
    'would love to hear',
    'love to hear',
    'keen to hear',
    'curious to hear',
    'curious what you think',
    "let's meet",
    "let's talk",
    "let's chat",
    "let's grab",
    "let's find",
    'drop me a line',
    'give me a shout',
    'get back to me',
    'grab a time',
    'book a time',
    'pick a time',
    'pick a slot',
  ],
  de: [
    'lass mich wissen',
    'lass es mich wissen',
    'sag bescheid',
    'gib bescheid',
    'meld dich',
    'melde dich',
    'was meinst du',
    'was hältst du',
    'was sagst du',
    'freue mich auf deine antwort',
    'freue mich, von dir zu hören',
    'freu mich, von dir zu hören',
    'schreib mir',
    'lass uns',
    'hast du lust',
    'hättest du lust',
    'such dir einen termin',
  ],
};

/** Salutations and sign-offs: a message made only of these (and a name) is a bare "hi". */
// prettier-ignore
export const GREETING_WORDS: ReadonlySet<string> = new Set([
  'hi', 'hey', 'hello', 'hiya', 'yo', 'dear', 'greetings', 'cheers', 'thanks', 'thank', 'best', 'regards',
  'hallo', 'servus', 'moin', 'hej', 'liebe', 'lieber', 'gruss', 'grusse', 'gruesse', 'viele', 'beste', 'danke',
  'lg', 'vg', 'bg', 'ciao', 'tschuss',
]);

/**
 * Words too common to say anything about a person or a resource, English and
 * German, folded (`für` is `fur`), plus legal-form suffixes of company names.
 */
// prettier-ignore
export const STOP_WORDS: ReadonlySet<string> = new Set([
  // English
  'a', 'about', 'above', 'after', 'again', 'against', 'all', 'also', 'am', 'an', 'and', 'any', 'are', 'as', 'at',
  'be', 'because', 'been', 'before', 'being', 'below', 'between', 'both', 'but', 'by', 'can', 'could', 'did', 'do',
  'does', 'doing', 'done', 'down', 'during', 'each', 'even', 'every', 'few', 'for', 'from', 'further', 'get', 'go',
  'got', 'had', 'has', 'have', 'having', 'he', 'her', 'here', 'hers', 'him', 'his', 'how', 'i', 'if', 'in', 'into',
  'is', 'it', 'its', 'just', 'like', 'me', 'more', 'most', 'much', 'my', 'no', 'nor', 'not', 'now', 'of', 'off',
  'ok', 'on', 'once', 'one', 'only', 'or', 'other', 'our', 'ours', 'out', 'over', 'own', 're', 's', 'same', 'she',
  'should', 'so', 'some', 'such', 't', 'than', 'that', 'the', 'their', 'theirs', 'them', 'then', 'there', 'these',
  'they', 'this', 'those', 'through', 'to', 'too', 'under', 'until', 'up', 'us', 'very', 'was', 'we', 'well',
  'were', 'what', 'when', 'where', 'which', 'while', 'who', 'whom', 'why', 'will', 'with', 'would', 'you', 'your',
  'yours', 'yourself', 'll', 've', 'd', 'm', 'im', 'ive', 'youre', 'dont', 'didnt', 'cant', 'wont', 'thats',
  'really', 'still', 'yet', 'via', 'per', 'etc', 'let', 'lets', 'may', 'might', 'must', 'new', 'way', 'want',
  // German (folded)
  'aber', 'alle', 'alles', 'als', 'also', 'am', 'an', 'auch', 'auf', 'aus', 'bei', 'bin', 'bis', 'bist', 'da',
  'damit', 'dann', 'das', 'dass', 'dein', 'deine', 'deinem', 'deinen', 'deiner', 'dem', 'den', 'denn', 'der', 'des',
  'dich', 'die', 'dir', 'doch', 'du', 'durch', 'ein', 'eine', 'einem', 'einen', 'einer', 'eines', 'er', 'es', 'etwas',
  'euch', 'euer', 'fur', 'fuer', 'gibt', 'hab', 'habe', 'haben', 'hast', 'hat', 'hatte', 'ich', 'ihr', 'ihre',
  'ihnen', 'im', 'in', 'ist', 'ja', 'jetzt', 'kann', 'kannst', 'kein', 'keine', 'mal', 'man', 'mein', 'meine',
  'mich', 'mir', 'mit', 'nach', 'nicht', 'noch', 'nun', 'nur', 'ob', 'oder', 'ohne', 'schon', 'sehr', 'sein',
  'seine', 'sich', 'sie', 'sind', 'so', 'uber', 'ueber', 'um', 'und', 'uns', 'unser', 'unter', 'vom', 'von', 'vor',
  'war', 'waren', 'was', 'weil', 'wenn', 'wer', 'wie', 'wir', 'wird', 'wo', 'wurde', 'wurden', 'zu', 'zum', 'zur',
  'zwischen', 'konnen', 'konnte', 'musst', 'muss', 'soll', 'sollte', 'will', 'wollte', 'gerade', 'immer', 'hier',
  // company legal forms
  'gmbh', 'ag', 'inc', 'ltd', 'llc', 'corp', 'co', 'kg', 'se', 'plc', 'bv', 'sa', 'sarl', 'ug',
]);
