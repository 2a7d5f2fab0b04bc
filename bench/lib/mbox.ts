/**
 * Emails in mbox form (RFC 4155, mboxrd quoting): a `From ` separator line, RFC 5322
 * headers with RFC 2047 encoded words for non-ASCII names and subjects, a plain-text
 * body in which lines starting with `From ` are escaped as `>From `.
 */

const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

interface InstantParts {
  wd: string;
  d: number;
  mon: string;
  y: string;
  time: string;
}

function parts(instant: string): InstantParts {
  const date = new Date(instant);
  return {
    wd: WEEKDAYS[date.getUTCDay()] ?? 'Mon',
    d: date.getUTCDate(),
    mon: MONTHS[date.getUTCMonth()] ?? 'Jan',
    y: String(date.getUTCFullYear()),
    time: instant.slice(11, 19),
  };
}

/** `Thu, 26 Nov 2026 09:30:00 +0000` (RFC 5322), in UTC. */
export function rfc5322Date(instant: string): string {
  const p = parts(instant);
  return `${p.wd}, ${p.d} ${p.mon} ${p.y} ${p.time} +0000`;
}

/** `Thu Nov  6 09:30:00 2026` (asctime, as in mbox separator lines), in UTC. */
export function asctime(instant: string): string {
  const p = parts(instant);
  return `${p.wd} ${p.mon} ${String(p.d).padStart(2, ' ')} ${p.time} ${p.y}`;
}

/** A header value as is when ASCII, else as RFC 2047 B-encoded words (each ≤ 75 chars, never splitting a character). */
export function encodeWords(text: string): string {
  if (/^[\x20-\x7e]*$/.test(text)) return text;
  const words: string[] = [];
  let chunk = '';
  for (const ch of text) {
    if (Buffer.byteLength(chunk + ch, 'utf8') > 45) {
      words.push(chunk);
      chunk = '';
    }
    chunk += ch;
  }
  if (chunk) words.push(chunk);
  return words.map((w) => `=?UTF-8?B?${Buffer.from(w, 'utf8').toString('base64')}?=`).join('\n ');
}

/** `Name <addr>`, quoting or encoding the name as RFC 5322 needs. */
export function mailbox(name: string, address: string): string {
  if (!/^[\x20-\x7e]*$/.test(name)) return `${encodeWords(name)} <${address}>`;
  if (/[()<>[\]:;@\\,."]/.test(name)) return `"${name.replace(/(["\\])/g, '\\$1')}" <${address}>`;
  return `${name} <${address}>`;
}

/** Greedy word wrap at `width` columns; paragraphs stay separated by blank lines. */
export function wrap(text: string, width = 72): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    for (const word of para.split(' ')) {
      if (line && line.length + 1 + word.length > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out.join('\n');
}

/** mboxrd quoting: `From ` (after any `>`s) at the start of a line gets one more `>`. */
export function quoteFromLines(body: string): string {
  return body.replace(/^(>*From )/gm, '>$1');
}

export interface MailMessage {
  from: { name: string; address: string };
  to: Array<{ name: string; address: string }>;
  cc: Array<{ name: string; address: string }>;
  date: string;
  messageId: string;
  subject: string;
  /** Message-IDs of the thread so far, oldest first (without angle brackets). */
  references: string[];
  body: string;
}

/** One message, separator line included, ending with the blank line that precedes the next `From `. */
export function formatMessage(m: MailMessage): string {
  const h: string[] = [
    `From ${m.from.address} ${asctime(m.date)}`,
    `From: ${mailbox(m.from.name, m.from.address)}`,
    `To: ${m.to.map((x) => mailbox(x.name, x.address)).join(', ')}`,
  ];
  if (m.cc.length > 0) h.push(`Cc: ${m.cc.map((x) => mailbox(x.name, x.address)).join(', ')}`);
  h.push(`Date: ${rfc5322Date(m.date)}`, `Message-ID: <${m.messageId}>`, `Subject: ${encodeWords(m.subject)}`);
  const parent = m.references[m.references.length - 1];
  if (parent) {
    h.push(`In-Reply-To: <${parent}>`);
    h.push(`References: ${m.references.map((r) => `<${r}>`).join('\n ')}`);
  }
  h.push('MIME-Version: 1.0', 'Content-Type: text/plain; charset=utf-8', 'Content-Transfer-Encoding: 8bit');
  const body = quoteFromLines(m.body.replace(/\s+$/, ''));
  return `${h.join('\n')}\n\n${body}\n\n`;
}
