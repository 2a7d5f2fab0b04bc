/**
 * mbox (RFC 4155) → email touchpoints, streaming: the splitter holds at most one message
 * (capped) in memory, whatever the size of the file.
 *
 * Separators (FORMATS.md §6): a `From ` line counts only at the start of the file or after a
 * blank line, and only when it has the `From <addr> <asctime>` shape (classic, Thunderbird
 * `From - `, Gmail Takeout `From 1844…@xxx`). Where a message carries Content-Length
 * (mboxcl, Thunderbird), `From ` lines inside that many body bytes are not separators, unless
 * the length turns out to be wrong. `>From ` lines are unescaped the mboxrd way. BOM and CRLF
 * are accepted. A file that does not start with a separator is not an mbox and is rejected.
 */
import { createHash } from 'node:crypto';
import { simpleParser, type AddressObject, type EmailAddress } from 'mailparser';
import type { ParseIssue, PersonRef, TouchpointDraft } from '../core/drafts.js';
import { normalizeEmail } from '../core/text-fold.js';

/** One message cut out of an mbox, or why it could not be. */
export interface MboxMessage {
  /** 1-based line of the message's `From ` separator. */
  line: number;
  /** The message bytes without the separator, `>From ` unescaped; empty when `problem` is set. */
  raw: Buffer;
  problem?: string;
}

export interface SplitMboxOptions {
  /** Messages larger than this are reported and dropped, never held (default 25 MB). */
  maxMessageBytes?: number;
}

export interface MboxSelf {
  emails: string[];
}

export type MboxOutcome = { record: TouchpointDraft } | { issue: ParseIssue } | { skipped: { line: number; reason: string } };

const DEFAULT_MAX_MESSAGE_BYTES = 25 * 1024 * 1024;
const LINE_HEAD_BYTES = 1024;

const DAY = '(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)';
const MONTH = '(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)';
const ZONE = '(?:[A-Za-z]{1,5}|[+-]\\d{4})';
// `From <addr> <asctime>`: `Sun Dec 25 21:33:37 2011`, `Thu Dec 03 12:54:58 +0000 2020`, `Fri Jul  8 12:08 2011 PDT`.
const SEPARATOR_RE = new RegExp(
  `^From \\S+\\s+(?:${DAY},?\\s+)?(?:${MONTH}\\s+\\d{1,2}|\\d{1,2}\\s+${MONTH})\\s+\\d{1,2}:\\d{2}(?::\\d{2})?(?:\\s+${ZONE})?\\s+\\d{4}(?:\\s+${ZONE})?\\s*$`,
  'i',
);

/** True when a line (without its line ending) has the shape of an mbox separator. */
export function isSeparatorLine(text: string): boolean {
  return SEPARATOR_RE.test(text);
}

interface Current {
  line: number;
  parts: Buffer[];
  size: number;
  oversize: boolean;
  inBody: boolean;
  contentLength: number | null;
  bodyBytes: number;
  /** Separator-shaped lines inside the Content-Length span: split there if the length proves wrong. */
  deferred: Array<{ index: number; line: number }>;
  /** Non-blank text after the Content-Length span ended: the length was wrong. */
  pastLength: boolean;
}

/** Splits an mbox stream into messages with bounded memory; never throws on bad data (only on a failing source). */
export async function* splitMbox(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  opts: SplitMboxOptions = {},
): AsyncGenerator<MboxMessage> {
  const max = opts.maxMessageBytes ?? DEFAULT_MAX_MESSAGE_BYTES;
  let carry: Buffer[] = [];
  let carrySize = 0;
  let carryOverflow = false;
  let lineNo = 0;
  let first = true;
  let prevBlank = true;
  let current: Current | null = null;

  const finish = function* (c: Current): Generator<MboxMessage> {
    if (c.oversize) {
      yield { line: c.line, raw: Buffer.alloc(0), problem: `message larger than ${max} bytes: not imported` };
      return;
    }
    // The length was wrong, so the deferred separators were real after all.
    const wrongLength = c.contentLength !== null && (c.pastLength || c.bodyBytes < c.contentLength);
    const cuts = wrongLength ? c.deferred : [];
    let start = 0;
    let line = c.line;
    for (const cut of cuts) {
      yield { line, raw: joinMessage(c.parts.slice(start, cut.index)) };
      start = cut.index + 1;
      line = cut.line;
    }
    yield { line, raw: joinMessage(c.parts.slice(start)) };
  };

  // Returns false when the input turned out not to be an mbox.
  const handleLine = function* (buf: Buffer, overflow: boolean): Generator<MboxMessage, boolean> {
    lineNo++;
    let text = buf.subarray(0, Math.min(buf.length, LINE_HEAD_BYTES)).toString('latin1');
    if (first && text.startsWith('\u00ef\u00bb\u00bf')) {
      text = text.slice(3);
      buf = buf.subarray(3);
    }
    first = false;
    text = text.replace(/\r?\n$/, '');
    const blank = text === '' || text === '\r';
    const separator = prevBlank && text.startsWith('From ') && (current === null || isSeparatorLine(text));
    prevBlank = blank;

    if (current === null) {
      if (blank) return true;
      if (!separator) {
        yield { line: lineNo, raw: Buffer.alloc(0), problem: 'not an mbox file: it does not start with a "From " line' };
        return false;
      }
      current = newCurrent(lineNo);
      return true;
    }
    if (separator) {
      const c: Current = current;
      const insideLength = c.contentLength !== null && c.inBody && c.bodyBytes < c.contentLength && !c.oversize;
      if (!insideLength) {
        yield* finish(c);
        current = newCurrent(lineNo);
        return true;
      }
      c.deferred.push({ index: c.parts.length, line: lineNo });
    }
    const c: Current = current;
    c.size += buf.length;
    if (c.size > max || overflow) {
      c.oversize = true;
      c.parts = [];
      c.deferred = [];
    }
    if (c.inBody) {
      if (c.contentLength !== null && c.bodyBytes >= c.contentLength && !blank) c.pastLength = true;
      c.bodyBytes += buf.length;
    } else if (blank) {
      c.inBody = true;
    } else {
      const cl = /^content-length:\s*(\d+)\s*$/i.exec(text);
      if (cl) c.contentLength = Number(cl[1]);
    }
    if (!c.oversize) c.parts.push(/^>+From /.test(text) ? buf.subarray(1) : buf);
    return true;
  };

  for await (const chunk of source) {
    let buf = typeof chunk === 'string' ? Buffer.from(chunk, 'utf8') : Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
    let nl = buf.indexOf(10);
    while (nl >= 0) {
      const piece = buf.subarray(0, nl + 1);
      const line = carry.length === 0 ? piece : Buffer.concat([...carry, piece]);
      const overflow = carryOverflow;
      carry = [];
      carrySize = 0;
      carryOverflow = false;
      if (!(yield* handleLine(line, overflow))) return;
      buf = buf.subarray(nl + 1);
      nl = buf.indexOf(10);
    }
    if (buf.length > 0) {
      carrySize += buf.length;
      if (carrySize > max) {
        // A line longer than a whole message: keep its head for the checks, drop the rest.
        carryOverflow = true;
        const head = Buffer.concat([...carry, buf]).subarray(0, LINE_HEAD_BYTES);
        carry = [Buffer.from(head)];
        carrySize = head.length;
      } else {
        // Copy: the source may reuse its chunk buffers.
        carry.push(Buffer.from(buf));
      }
    }
  }
  if (carry.length > 0) {
    if (!(yield* handleLine(Buffer.concat(carry), carryOverflow))) return;
  }
  if (current !== null) yield* finish(current);
}

function newCurrent(line: number): Current {
  return {
    line,
    parts: [],
    size: 0,
    oversize: false,
    inBody: false,
    contentLength: null,
    bodyBytes: 0,
    deferred: [],
    pastLength: false,
  };
}

/** The message bytes, without the blank line that separated it from the next `From `. */
function joinMessage(parts: Buffer[]): Buffer {
  let end = parts.length;
  const last = parts[end - 1];
  if (last && (last.length === 1 || (last.length === 2 && last[0] === 13)) && last[last.length - 1] === 10) end--;
  return Buffer.concat(parts.slice(0, end));
}

// Addresses that are machines, not people.
const AUTOMATED_RE =
  /^(?:no-?reply|do-?not-?reply|donotreply|mailer-daemon|postmaster|bounces?|notifications?|notify|newsletter|digest)(?:[+\-._][^@]*)?@|@(?:bounces?|notifications?)\.|@(?:[\w-]+\.)*(?:googlegroups\.com|groups\.io)$/i;

/** Turns one raw message into an email touchpoint (headers only are parsed); never throws. */
export async function parseMboxMessage(raw: Buffer, line: number, self: MboxSelf): Promise<MboxOutcome> {
  const selfEmails = new Set(self.emails.map(normalizeEmail));
  const headerEnd = findHeaderEnd(raw);
  const headerBytes = Buffer.concat([raw.subarray(0, headerEnd), Buffer.from('\r\n\r\n')]);
  let parsed: Awaited<ReturnType<typeof simpleParser>>;
  try {
    parsed = await simpleParser(headerBytes, {
      skipHtmlToText: true,
      skipTextToHtml: true,
      skipImageLinks: true,
      skipTextLinks: true,
    });
  } catch (err) {
    return { issue: { line, message: `unreadable message: ${err instanceof Error ? err.message : String(err)}` } };
  }
  const headers = parsed.headers;
  const header = (name: string): string => {
    const v = headers.get(name);
    return typeof v === 'string' ? v : v === undefined ? '' : String((v as { value?: unknown }).value ?? v);
  };

  const rawHeader = (name: string): string =>
    parsed.headerLines
      .filter((h) => h.key === name)
      .map((h) => h.line)
      .join('\n');

  const labels = header('x-gmail-labels');
  if (/(?:^|,)\s*(?:spam|trash|papierkorb|drafts?|entw[üu]rfe)\s*(?:,|$)/i.test(labels)) {
    return { skipped: { line, reason: `Gmail label: ${labels}` } };
  }
  if (/^(?:bulk|junk)$/i.test(header('precedence').trim()) || /^auto-/i.test(header('auto-submitted').trim())) {
    return { skipped: { line, reason: 'automated message' } };
  }

  const from = addresses(parsed.from);
  const sender = from[0];
  if (!sender || !sender.address) return { issue: { line, field: 'From', message: 'message has no sender address' } };
  // mailparser substitutes the current time for a bad Date; a touchpoint needs the real one.
  const rawDate =
    parsed.headerLines
      .find((h) => h.key === 'date')
      ?.line.replace(/^date:\s*/i, '')
      .trim() ?? null;
  const dateMs = rawDate === null ? NaN : Date.parse(rawDate.replace(/\([^)]*\)/g, ' '));
  if (rawDate === null || !Number.isFinite(dateMs)) {
    return { issue: { line, field: 'Date', message: rawDate === null ? 'message has no Date' : `unreadable date "${rawDate}"` } };
  }

  const listPost = /<mailto:([^>?]+)/i.exec(header('list-post'))?.[1];
  const listAddress = listPost ? normalizeEmail(listPost) : null;
  const people: PersonRef[] = [];
  const seen = new Set<string>();
  for (const a of [...from, ...addresses(parsed.to), ...addresses(parsed.cc)]) {
    const email = normalizeEmail(a.address ?? '');
    if (email === '' || !email.includes('@') || seen.has(email)) continue;
    seen.add(email);
    if (selfEmails.has(email) || email === listAddress || AUTOMATED_RE.test(email)) continue;
    people.push({ name: a.name?.trim() || null, email });
  }
  if (people.length === 0) return { skipped: { line, reason: 'no other person (automated, list or to yourself)' } };

  const messageId = stripAngles(parsed.messageId ?? '');
  const references = (Array.isArray(parsed.references) ? parsed.references : parsed.references ? [parsed.references] : [])
    .flatMap((r) => r.split(/\s+/))
    .map(stripAngles)
    .filter((r) => r !== '');
  const inReplyTo = stripAngles((parsed.inReplyTo ?? '').split(/\s+/)[0] ?? '');
  const gmailThread = header('x-gm-thrid').trim();
  const externalId =
    messageId !== ''
      ? messageId
      : `sha256:${createHash('sha256')
          .update(['date', 'from', 'to', 'cc', 'subject'].map(rawHeader).join('\u0000'))
          .digest('hex')
          .slice(0, 32)}`;

  const record: TouchpointDraft = {
    line,
    kind: 'email',
    channel: 'email',
    initiatedBy: selfEmails.has(normalizeEmail(sender.address)) ? 'me' : 'them',
    occurredAt: new Date(dateMs).toISOString(),
    people,
    summary: (parsed.subject ?? '').replace(/\s+/g, ' ').trim() || '(no subject)',
    externalId,
    // Takeout labels every message of a thread with X-GM-THRID; elsewhere the References root is the thread.
    threadId: gmailThread !== '' ? `gm:${gmailThread}` : (references[0] ?? (inReplyTo || externalId)),
  };
  return { record };
}

/** Parses an mbox stream into touchpoints, issues and skips, one message in memory at a time. */
export async function* parseMbox(
  source: AsyncIterable<Buffer | Uint8Array | string>,
  self: MboxSelf,
  opts: SplitMboxOptions = {},
): AsyncGenerator<MboxOutcome> {
  for await (const m of splitMbox(source, opts)) {
    if (m.problem) yield { issue: { line: m.line, message: m.problem } };
    else yield await parseMboxMessage(m.raw, m.line, self);
  }
}

function addresses(obj: AddressObject | AddressObject[] | undefined): EmailAddress[] {
  const list = Array.isArray(obj) ? obj : obj ? [obj] : [];
  const out: EmailAddress[] = [];
  const walk = (a: EmailAddress): void => {
    if (a.group) a.group.forEach(walk);
    else out.push(a);
  };
  for (const o of list) o.value.forEach(walk);
  return out;
}

function findHeaderEnd(raw: Buffer): number {
  const crlf = raw.indexOf('\r\n\r\n');
  const lf = raw.indexOf('\n\n');
  const ends = [crlf, lf].filter((i) => i >= 0);
  return ends.length > 0 ? Math.min(...ends) : raw.length;
}

function stripAngles(id: string): string {
  return id.trim().replace(/^<|>$/g, '').trim();
}
