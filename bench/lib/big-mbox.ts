/**
 * A large mbox of the benchmark's people, written as it is generated (never held in memory),
 * for issue 4's "a 1 GB mbox imports with peak RSS under 300 MB" (bench/run.ts, section `mbox`).
 *
 * Message k draws from its own stream (seed, 'big-mbox', k): a correspondent among contacts
 * 0 … contacts-1 (the people `writeVCards(…, { duplicates: false })` puts in the home), the
 * direction, 20–80 words of prose, sometimes a Cc of a second person, sometimes a reply in a
 * thread with that person (In-Reply-To and References), sometimes a body line starting with
 * `From ` (mboxrd-quoted), and about 3% of mail from senders kith does not know (newsletters),
 * which the import skips. Same seed and size, same bytes.
 */
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { addDays } from '../../src/core/days.js';
import { Lexicon } from './lexicon.js';
import { formatMessage, wrap } from './mbox.js';
import { ME, TODAY, makePerson } from './people.js';
import { Rng } from './prng.js';
import { Sink, type FileDigest } from './sink.js';
import { TextMaker, Vocabulary, type TextContext } from './text.js';

export interface BigMboxMeta {
  messages: number;
  /** Messages from or to a known person (the rest come from unknown senders). */
  known: number;
  replies: number;
  bytes: number;
  sha256: string;
}

interface Who {
  name: string;
  address: string;
  ctx: TextContext;
}

/** Writes about `targetBytes` of mbox to `path` (it stops after the message that reaches the size). */
export function writeBigMbox(
  path: string,
  opts: { seed: string; contacts: number; targetBytes: number; onProgress?: (bytes: number) => void },
): BigMboxMeta {
  const { seed, contacts, targetBytes } = opts;
  if (!Number.isInteger(contacts) || contacts < 1) throw new Error(`contacts must be a positive integer (got ${contacts})`);
  const text = new TextMaker(new Vocabulary(seed), new Lexicon());
  // Only what a message needs of a person: a few hundred bytes each, made on first use.
  const people = new Map<number, Who | null>();
  const who = (i: number): Who | null => {
    let w = people.get(i);
    if (w === undefined) {
      const p = makePerson(seed, i, text);
      w = p.email ? { name: p.contact.displayName, address: p.email, ctx: p.text } : null;
      people.set(i, w);
    }
    return w;
  };
  // The last thread with each person: its subject and Message-IDs (at most 10 kept).
  const threads = new Map<number, { subject: string; refs: string[] }>();
  const me = { name: ME.name, address: ME.email };
  const meCtx: TextContext = { given: 'Alex', project: 'Korvel', tech: 'TypeScript', german: false };
  const sink = new Sink(path);
  const meta: BigMboxMeta = { messages: 0, known: 0, replies: 0, bytes: 0, sha256: '' };
  let written = 0;
  let lastReport = 0;
  const put = (msg: string): void => {
    sink.write(msg);
    written += Buffer.byteLength(msg, 'utf8');
    meta.messages++;
  };
  for (let k = 0; written < targetBytes; k++) {
    const rng = Rng.stream(seed, 'big-mbox', k);
    const date = `${addDays(TODAY, -rng.int(1, 1095))}T${String(rng.int(7, 21)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}:${String(rng.int(0, 59)).padStart(2, '0')}.000Z`;
    const messageId = `${rng.uuid()}@big.bench.kith.example`;
    if (rng.chance(0.03)) {
      // A newsletter: nobody kith knows.
      const n = rng.int(1, 40);
      const note = text.prose(rng, meCtx, 20, 80);
      put(
        formatMessage({
          from: { name: `Weekly Digest ${n}`, address: `digest-${n}@news.example` },
          to: [me],
          cc: [],
          date,
          messageId,
          subject: text.phrase('This week in {tech}', rng, meCtx),
          references: [],
          body: wrap(note.text),
        }),
      );
      continue;
    }
    const idx = rng.int(0, contacts - 1);
    const them = who(idx);
    if (!them) continue; // no email address: nobody writes to them
    const fromThem = rng.chance(0.5);
    const thread = threads.get(idx);
    const reply = thread !== undefined && rng.chance(0.4);
    const note = text.prose(rng, them.ctx, 20, 80);
    const subject =
      reply && thread
        ? `Re: ${thread.subject.replace(/^Re: /, '')}`
        : text.phrase(
            rng.pick(['{topic} and {tech}', 'Quick question about {tech}', 'Notes from {event}', '{theirproject} news']),
            rng,
            them.ctx,
          );
    const references = reply && thread ? [...thread.refs] : [];
    if (reply && thread) {
      thread.refs.push(messageId);
      if (thread.refs.length > 10) thread.refs.shift();
      meta.replies++;
    } else threads.set(idx, { subject, refs: [messageId] });
    const cc: Who[] = [];
    if (rng.chance(0.05)) {
      const other = who(rng.int(0, contacts - 1));
      if (other && other.address !== them.address) cc.push(other);
    }
    const paras = note.sentences.map((s) => wrap(s));
    // Now and then a paragraph starting with "From ": quoted as ">From " in the file, unquoted by the reader.
    if (rng.chance(0.05)) paras.splice(rng.int(0, paras.length), 0, 'From what I remember, that was the plan.');
    const hello = fromThem ? 'Hi Alex,' : `Hi ${them.ctx.given},`;
    const bye = `${rng.pick(['Best', 'Cheers', 'Thanks', 'All the best'])},\n${fromThem ? them.ctx.given : 'Alex'}`;
    put(
      formatMessage({
        from: fromThem ? them : me,
        to: [fromThem ? me : them],
        cc: cc.map((c) => ({ name: c.name, address: c.address })),
        date,
        messageId,
        subject,
        references,
        body: `${hello}\n\n${paras.join('\n\n')}\n\n${bye}`,
      }),
    );
    meta.known++;
    if (opts.onProgress && written - lastReport >= 64 << 20) {
      lastReport = written;
      opts.onProgress(written);
    }
  }
  const d: FileDigest = sink.close();
  meta.bytes = d.bytes;
  meta.sha256 = d.sha256;
  return meta;
}

// `node --import tsx bench/lib/big-mbox.ts FILE SEED CONTACTS MIB`: writes the file, prints its meta as JSON.
if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  const [file, seed, contacts, mib] = process.argv.slice(2);
  if (!file || !seed || !contacts || !mib) {
    process.stderr.write('Usage: node --import tsx bench/lib/big-mbox.ts FILE SEED CONTACTS MIB\n');
    process.exitCode = 2;
  } else {
    const meta = writeBigMbox(file, { seed, contacts: Number(contacts), targetBytes: Math.round(Number(mib) * 2 ** 20) });
    process.stdout.write(`${JSON.stringify(meta)}\n`);
  }
}
