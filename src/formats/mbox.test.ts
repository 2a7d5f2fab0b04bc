import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isSeparatorLine, parseMbox, parseMboxMessage, splitMbox, type MboxMessage, type MboxOutcome } from './mbox.js';

const dir = new URL('../../test/fixtures/formats/activity/mbox/', import.meta.url);
const fixture = (name: string): Buffer => readFileSync(new URL(name, dir));
const self = { emails: ['jonas.berg@example.org'] };

/** Feeds a buffer in chunks of `size` bytes, as a file stream would. */
async function* chunks(buf: Buffer, size = 7): AsyncGenerator<Buffer> {
  for (let i = 0; i < buf.length; i += size) yield buf.subarray(i, i + size);
}

async function collect<T>(gen: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const x of gen) out.push(x);
  return out;
}

const split = (buf: Buffer, size?: number): Promise<MboxMessage[]> => collect(splitMbox(chunks(buf, size)));
const records = (outcomes: MboxOutcome[]) => outcomes.flatMap((o) => ('record' in o ? [o.record] : []));

describe('isSeparatorLine', () => {
  it.each([
    ['From abc@gmail.com Sun Dec 25 21:33:37 2011', true],
    ['From - Mon Feb 05 09:00:00 2024', true],
    ['From 1789012345678901234@xxx Thu Mar 07 12:54:58 +0000 2024', true],
    ['From MAILER-DAEMON Fri Jul  8 12:08:34 2011', true],
    ['From user@example.com Sat Jan  3 01:05 1996 PST', true],
    ['From what I remember you asked for the async part too.', false],
    ['From the start we had 10:30 meetings in 2024', false],
    ['From: Jonas <j@example.org>', false],
  ])('%s', (line, expected) => expect(isSeparatorLine(line)).toBe(expected));
});

describe('splitMbox', () => {
  it('classic mboxrd: separators only after a blank line, >From unescaped, lines reported', async () => {
    const messages = await split(fixture('classic.mbox'));
    expect(messages.map((m) => m.line)).toEqual([1, 20, 31, 40]);
    const body = messages[0]!.raw.toString('utf8');
    expect(body).toContain('\nFrom the talk: the slides are attached.\n');
    expect(body).toContain('\n>From here on it is mboxrd.\n');
    expect(body).toContain('\nFrom what I remember you asked for the async part too.\n');
    // The blank line before the next separator belongs to the mbox, not the message.
    expect(body.endsWith('Jonas\n')).toBe(true);
    expect(messages.every((m) => m.problem === undefined)).toBe(true);
  });

  it('gives the same messages whatever the chunk size', async () => {
    const file = fixture('classic.mbox');
    const whole = await split(file, file.length);
    for (const size of [1, 2, 3, 64]) {
      expect((await split(file, size)).map((m) => [m.line, m.raw.toString('hex')])).toEqual(
        whole.map((m) => [m.line, m.raw.toString('hex')]),
      );
    }
  });

  it('Thunderbird: CRLF, "From - " separators, Content-Length keeps a body "From " line inside', async () => {
    const messages = await split(fixture('thunderbird.mbox'));
    expect(messages.map((m) => m.line)).toEqual([1, 16]);
    expect(messages[0]!.raw.toString('utf8')).toContain('\r\n\r\nFrom - Mon Feb 05 10:00:00 2024\r\nThat line above');
    expect(messages[0]!.raw.toString('utf8').endsWith('not a separator.\r\n')).toBe(true);
  });

  it('a wrong Content-Length does not swallow the next message', async () => {
    const text = [
      'From a@x.example Mon Feb 05 09:00:00 2024',
      'Content-Length: 5000',
      '',
      'short body',
      '',
      'From b@x.example Mon Feb 05 10:00:00 2024',
      'Subject: second',
      '',
      'second body',
      '',
    ].join('\n');
    const messages = await split(Buffer.from(text));
    expect(messages.map((m) => [m.line, m.raw.toString()])).toEqual([
      [1, 'Content-Length: 5000\n\nshort body\n'],
      [6, 'Subject: second\n\nsecond body\n'],
    ]);
  });

  it('strips a BOM before the first separator', async () => {
    const messages = await split(fixture('takeout.mbox'));
    expect(messages.map((m) => m.line)).toEqual([1, 12, 23, 33]);
    expect(messages[0]!.raw.toString('utf8').startsWith('X-GM-THRID:')).toBe(true);
  });

  it('rejects a file that is not an mbox, even when it carries one', async () => {
    expect(await split(fixture('not-mbox.eml'))).toEqual([
      { line: 1, raw: Buffer.alloc(0), problem: 'not an mbox file: it does not start with a "From " line' },
    ]);
    expect(await split(Buffer.alloc(0))).toEqual([]);
  });

  it('reports an oversized message without holding it, and carries on', async () => {
    const big = 'x'.repeat(1000) + '\n';
    const text =
      'From a@x.example Mon Feb 05 09:00:00 2024\nSubject: big\n\n' +
      big.repeat(300) +
      '\nFrom b@x.example Mon Feb 05 10:00:00 2024\nSubject: small\n\nok\n';
    const messages = await collect(splitMbox(chunks(Buffer.from(text), 4096), { maxMessageBytes: 100_000 }));
    expect(messages.map((m) => [m.line, m.problem ?? null, m.raw.toString()])).toEqual([
      [1, 'message larger than 100000 bytes: not imported', ''],
      [305, null, 'Subject: small\n\nok\n'],
    ]);
    // A single line longer than the cap (no newline for megabytes) is handled the same way.
    const oneLine = Buffer.from('From a@x.example Mon Feb 05 09:00:00 2024\nSubject: big\n\n' + 'y'.repeat(300_000));
    const lonely = await collect(splitMbox(chunks(oneLine, 8192), { maxMessageBytes: 100_000 }));
    expect(lonely.map((m) => m.problem)).toEqual(['message larger than 100000 bytes: not imported']);
  });

  it('streams a ~50 MB mbox with bounded memory', async () => {
    const message = Buffer.from(
      'From someone@example.com Mon Jan  8 09:15:00 2024\nFrom: A <a@example.com>\nSubject: s\n\n' +
        `${'lorem ipsum dolor sit amet '.repeat(7)}\n`.repeat(53) +
        '\n\n',
    );
    const perChunk = 64;
    const chunk = Buffer.concat(Array.from({ length: perChunk }, () => message)); // ~640 KB
    const rounds = Math.ceil((50 * 1024 * 1024) / chunk.length);
    async function* source(): AsyncGenerator<Buffer> {
      for (let i = 0; i < rounds; i++) yield chunk;
    }
    const before = process.memoryUsage().rss;
    let count = 0;
    let bytes = 0;
    let peak = before;
    for await (const m of splitMbox(source())) {
      count++;
      bytes += m.raw.length;
      if (count % 1000 === 0) peak = Math.max(peak, process.memoryUsage().rss);
    }
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(count).toBe(rounds * perChunk);
    expect(bytes).toBeGreaterThan(45 * 1024 * 1024);
    // Holding the file would add 50 MB or more; streaming stays well under that.
    expect(peak - before).toBeLessThan(40 * 1024 * 1024);
  });
});

describe('parseMboxMessage / parseMbox', () => {
  it('classic: direction, people minus self/no-reply/list, RFC 2047, threads', async () => {
    const out = await collect(parseMbox(chunks(fixture('classic.mbox'), 512), self));
    expect(out.filter((o) => 'skipped' in o)).toEqual([
      { skipped: { line: 31, reason: 'no other person (automated, list or to yourself)' } },
    ]);
    const [sent, reply, list] = records(out);
    expect(sent).toEqual({
      line: 1,
      kind: 'email',
      channel: 'email',
      initiatedBy: 'me',
      occurredAt: '2024-01-08T09:15:00.000Z',
      people: [
        { name: 'Mareike Schönfeld', email: 'mareike.schoenfeld@example.net' },
        { name: 'Lukas Weiss', email: 'lukas.weiss@example.com' },
      ],
      summary: 'Slides from the Rust meetup',
      externalId: 'slides-1@example.org',
      threadId: 'slides-1@example.org',
    });
    expect(reply).toMatchObject({
      line: 20,
      initiatedBy: 'them',
      occurredAt: '2024-01-09T18:02:11.000Z',
      people: [{ name: 'Mareike Schönfeld', email: 'mareike.schoenfeld@example.net' }],
      externalId: 'reply-2@example.net',
      threadId: 'root-0@example.org',
    });
    expect(list).toMatchObject({ line: 40, people: [{ name: 'Priya Raghunathan', email: 'priya@raghunathan.dev' }] });
  });

  it('Thunderbird: In-Reply-To threads the reply', async () => {
    const r = records(await collect(parseMbox(chunks(fixture('thunderbird.mbox'), 100), self)));
    expect(r.map((d) => [d.initiatedBy, d.summary, d.threadId])).toEqual([
      ['them', 'Coffee next week?', 'olu-1@bankole.example'],
      ['me', 'Re: Coffee next week?', 'olu-1@bankole.example'],
    ]);
  });

  it('Takeout: X-GM-THRID, Spam skipped, hash id without Message-ID, issue without Date', async () => {
    const out = await collect(parseMbox(chunks(fixture('takeout.mbox'), 1000), self));
    expect(out.map((o) => Object.keys(o)[0])).toEqual(['record', 'skipped', 'record', 'issue']);
    const [goran, mentoring] = records(out);
    expect(goran).toMatchObject({
      summary: 'KMP Folien – Feedback',
      threadId: 'gm:1789012345678901234',
      externalId: 'CAgoran1@mail.gmail.com',
    });
    expect(goran!.people).toEqual([{ name: 'Goran Stipetić', email: 'goran@stipetic.example' }]);
    expect(mentoring!.externalId).toMatch(/^sha256:[0-9a-f]{32}$/);
    const again = records(await collect(parseMbox(chunks(fixture('takeout.mbox'), 3), self)));
    expect(again[1]!.externalId).toBe(mentoring!.externalId);
    expect(out[1]).toEqual({ skipped: { line: 12, reason: 'Gmail label: Spam' } });
    expect(out[3]).toEqual({ issue: { line: 33, field: 'Date', message: 'message has no Date' } });
  });

  it('turns splitter problems and senderless messages into issues', async () => {
    expect(await collect(parseMbox(chunks(fixture('not-mbox.eml')), self))).toEqual([
      { issue: { line: 1, message: 'not an mbox file: it does not start with a "From " line' } },
    ]);
    expect(await parseMboxMessage(Buffer.from('Subject: hi\n\nbody'), 7, self)).toEqual({
      issue: { line: 7, field: 'From', message: 'message has no sender address' },
    });
    expect(
      await parseMboxMessage(Buffer.from('From: a@b.example\nTo: jonas.berg@example.org\nDate: whenever\n\n'), 3, self),
    ).toEqual({
      issue: { line: 3, field: 'Date', message: 'unreadable date "whenever"' },
    });
  });
});
