/**
 * Exports on both databases: vCard round trip keeps every field kith stores, our
 * vCard and iCalendar parse in ical.js and in Python's vobject and icalendar,
 * Markdown notes with safe unique names, the 90-day calendar, atomic writes.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ICAL from 'ical.js';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { calendarItems } from '../../src/app/export/export-ics.js';
import { markdownFileNames, slugOf } from '../../src/app/export/export-markdown.js';
import { runExport, type ExportOutput } from '../../src/app/export/export-run.js';
import { EXPORT_MARKER, writeDirectoryAtomic, writeExportOutput } from '../../src/app/export/export-write.js';
import { runImport } from '../../src/app/import/import-run.js';
import { fixedClock, sequentialIds, type Ctx } from '../../src/app/ports.js';
import { localUser } from '../../src/app/session.js';
import { AppError } from '../../src/core/errors.js';
import type { Contact } from '../../src/core/types.js';
import { DIALECTS, freshStore } from '../support/stores.js';
import { T0, contact, touch } from '../support/fixtures.js';

const PHOTO =
  'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==';

async function makeCtx(dialect: (typeof DIALECTS)[number], prefix?: string) {
  const { store, cleanup } = await freshStore(dialect);
  const clock = fixedClock(T0);
  const ids = sequentialIds(prefix);
  const user = await localUser(store, clock, ids, {});
  const ctx: Ctx = { store, clock, ids, userId: user.id };
  return { ctx, cleanup };
}

/** A contact with every field kith stores set, with text that needs escaping. */
function rich(ownerId: string, id: string): Contact {
  return contact(ownerId, id, {
    displayName: 'Zoë Łukasz-Müller',
    givenName: 'Zoë',
    familyName: 'Łukasz-Müller',
    nickname: 'Zo',
    identities: [
      { kind: 'email', value: 'zoe@example.com', label: 'work' },
      { kind: 'email', value: 'zoe.private@example.org', label: 'home' },
      { kind: 'phone', value: '+49 30 1234567', label: 'cell' },
      { kind: 'linkedin', value: 'https://www.linkedin.com/in/zoe-m%C3%BCller', label: null },
      { kind: 'github', value: 'https://github.com/zoe', label: null },
      { kind: 'blog', value: 'https://zoe.dev/blog', label: null },
      { kind: 'other', value: 'zoe#1234', label: 'discord' },
    ],
    company: 'Acme, Inc.',
    title: 'Staff Engineer; Platform',
    employment: [
      { company: 'Initech', title: 'Engineer', from: '2019-01', to: '2023-12' },
      { company: 'Acme, Inc.', title: 'Staff Engineer; Platform', from: '2024-01', to: null },
    ],
    location: 'Berlin, DE',
    timeZone: 'Europe/Berlin',
    birthday: '--04-12',
    howMet: 'RustConf 2025, hallway track',
    circle: 'inner',
    cadenceDays: 21,
    boundaries: { pausedUntil: '2026-12-24', minGapDays: 7, preferredChannel: 'video', note: 'no calls before 10' },
    topics: [
      { kind: 'side-project', text: 'WASM GC' },
      { kind: 'looking-for', text: 'a Rust mentor, remote' },
    ],
    tags: ['rust', 'berlin'],
    notes: 'Met at RustConf.\n\n- likes climbing\n- "quotes", commas; and \\ backslashes',
    photo: PHOTO,
  });
}

/** The fields a vCard carries: everything but ids, timestamps and derived data. */
function portable(c: Contact) {
  const { id: _i, ownerId: _o, createdAt: _c, updatedAt: _u, lastTouchAt: _l, deletedAt: _d, introducedById: _b, ...rest } = c;
  return rest;
}

const textOf = (out: ExportOutput): string => {
  if (out.kind !== 'text') throw new Error('expected text');
  return out.text;
};

function python(script: string, file: string): string {
  return execFileSync('/usr/bin/python3', ['-c', script, file], { encoding: 'utf8' });
}

describe.each(DIALECTS)('export on %s', (dialect) => {
  let ctx: Ctx;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ ctx, cleanup } = await makeCtx(dialect));
  });
  afterEach(async () => cleanup());

  it.each(['3', '4'])('vCard %s export → import into an empty home keeps every field', async (version) => {
    const zoe = rich(ctx.userId, '0190a000-0000-7000-8000-00000000000a');
    await ctx.store.insertContact(zoe);
    const vcf = textOf(await runExport(ctx, { format: 'vcard', vcardVersion: version }));
    expect(vcf).toContain(`VERSION:${version}.0`);
    const other = await makeCtx(dialect, '00000000-0000-7000-8000-00000000b');
    try {
      const r = await runImport(other.ctx, { source: { bytes: vcf, name: 'kith.vcf' } });
      expect(r.counts).toEqual({ new: 1, updated: 0, merged: 0, skipped: 0, invalid: 0 });
      expect(r.issues).toEqual([]);
      const [back] = await other.ctx.store.listContacts(other.ctx.userId);
      expect(back && portable(back)).toEqual(portable(zoe));
    } finally {
      await other.cleanup();
    }
    // Into the same home: the UID is the contact's own id, so nothing is created.
    const again = await runImport(ctx, { source: { bytes: vcf, name: 'kith.vcf' } });
    expect(again.counts).toEqual({ new: 0, updated: 0, merged: 0, skipped: 1, invalid: 0 });
  });

  it('writes vCard and iCalendar that ical.js, Python vobject and Python icalendar all read', async () => {
    await ctx.store.insertContact(rich(ctx.userId, '0190a000-0000-7000-8000-00000000000a'));
    await ctx.store.insertContact(
      contact(ctx.userId, '0190a000-0000-7000-8000-00000000000b', {
        displayName: '李雷',
        givenName: '雷',
        familyName: '李',
        birthday: '1990-12-01',
      }),
    );
    await ctx.store.insertRecord('commitment', {
      id: 'c1',
      ownerId: ctx.userId,
      contactId: '0190a000-0000-7000-8000-00000000000a',
      direction: 'mine',
      text: 'send slides; the long version, with notes',
      dueOn: '2026-12-01',
      status: 'open',
      resolvedOn: null,
      touchpointId: null,
      createdAt: T0,
    });
    const dir = mkdtempSync(join(tmpdir(), 'kith-export-'));
    for (const version of ['3', '4']) {
      const vcf = textOf(await runExport(ctx, { format: 'vcard', vcardVersion: version }));
      const file = join(dir, `v${version}.vcf`);
      writeFileSync(file, vcf);
      const jcards = ICAL.parse(vcf) as unknown[];
      expect(jcards).toHaveLength(2);
      const names = python(
        'import sys, vobject\nfor c in vobject.readComponents(open(sys.argv[1], encoding="utf-8").read()):\n  print(c.fn.value)',
        file,
      );
      expect(names.trim().split('\n').sort()).toEqual(['Zoë Łukasz-Müller', '李雷']);
    }
    const ics = textOf(await runExport(ctx, { format: 'ics', on: '2026-11-26' }));
    const icsFile = join(dir, 'kith.ics');
    writeFileSync(icsFile, ics);
    const vevents = new ICAL.Component(ICAL.parse(ics)).getAllSubcomponents('vevent');
    // Same day: ordered by UID, so the feed is stable.
    expect(vevents.map((e) => String(e.getFirstPropertyValue('summary')))).toEqual([
      "李雷's birthday (36)",
      'Promised Zoë Łukasz-Müller: send slides; the long version, with notes',
    ]);
    const py = python(
      'import sys, icalendar\ncal = icalendar.Calendar.from_ical(open(sys.argv[1], "rb").read())\nfor e in cal.walk("VEVENT"):\n  print(e.get("dtstart").dt.isoformat(), e.get("summary"))',
      icsFile,
    );
    expect(py.trim().split('\n')).toEqual([
      "2026-12-01 李雷's birthday (36)",
      '2026-12-01 Promised Zoë Łukasz-Müller: send slides; the long version, with notes',
    ]);
    const pyv = python(
      'import sys, vobject\ncal = vobject.readOne(open(sys.argv[1], encoding="utf-8").read())\nprint(len(cal.vevent_list))',
      icsFile,
    );
    expect(pyv.trim()).toBe('2');
  });

  it('writes CSV with one row per live contact', async () => {
    await ctx.store.insertContact(rich(ctx.userId, '0190a000-0000-7000-8000-00000000000a'));
    await ctx.store.insertContact(
      contact(ctx.userId, '0190a000-0000-7000-8000-00000000000c', { displayName: 'Gone', deletedAt: T0 }),
    );
    const csv = textOf(await runExport(ctx, { format: 'csv' }));
    const lines = csv.trimEnd().split('\r\n');
    expect(lines[0]).toMatch(/^Id,Display Name,/);
    expect(csv).toContain('Zoë Łukasz-Müller');
    expect(csv).not.toContain('Gone');
  });

  it('writes one Markdown note per contact with YAML front matter and a timeline', async () => {
    const zoe = rich(ctx.userId, '0190a000-0000-7000-8000-00000000000a');
    const li = contact(ctx.userId, '0190a000-0000-7000-8000-00000000000b', { displayName: '李雷', identities: [] });
    await ctx.store.insertContact(zoe);
    await ctx.store.insertContact(li);
    await ctx.store.insertTouchpoint(
      touch(ctx.userId, '0190a000-0000-7000-8000-0000000000t1', [zoe.id, li.id], {
        summary: 'Rust meetup plans',
        notes: 'line one\nline two',
      }),
    );
    const out = await runExport(ctx, { format: 'markdown' });
    if (out.kind !== 'files') throw new Error('expected files');
    expect(out.files.map((f) => f.name).sort()).toEqual(['zoe-lukasz-muller.md', '李雷.md']);
    const note = out.files.find((f) => f.name === 'zoe-lukasz-muller.md')?.text ?? '';
    expect(note).toContain('# Zoë Łukasz-Müller');
    expect(note).toContain('- **2026-11-20** coffee: Rust meetup plans — with 李雷');
    expect(note).toContain('  line two');
    const dir = mkdtempSync(join(tmpdir(), 'kith-md-'));
    const target = join(dir, 'people');
    expect(await writeExportOutput(out, target)).toBe(2);
    const fm = python(
      'import sys, yaml, json\ntext = open(sys.argv[1], encoding="utf-8").read()\nprint(json.dumps(yaml.safe_load(text.split("---")[1]), ensure_ascii=False))',
      join(target, 'zoe-lukasz-muller.md'),
    );
    const meta = JSON.parse(fm);
    expect(meta).toMatchObject({
      id: zoe.id,
      name: 'Zoë Łukasz-Müller',
      company: 'Acme, Inc.',
      emails: ['zoe@example.com', 'zoe.private@example.org'],
      tags: ['rust', 'berlin'],
      birthday: '--04-12',
      cadence_days: 21,
      topics: [
        { kind: 'side-project', text: 'WASM GC' },
        { kind: 'looking-for', text: 'a Rust mentor, remote' },
      ],
    });
  });

  it('refuses an unknown format or vCard version', async () => {
    await expect(runExport(ctx, { format: 'vcard', vcardVersion: '2.1' })).rejects.toBeInstanceOf(AppError);
    await expect(runExport(ctx, { format: 'pdf' as never })).rejects.toBeInstanceOf(AppError);
    await expect(runExport(ctx, { format: 'ics', on: 'tomorrow' })).rejects.toBeInstanceOf(AppError);
  });
});

describe('markdown file names', () => {
  const check = (names: string[], expected: string[]) => {
    const contacts = names.map((displayName, i) => ({
      id: `0190a000-0000-7000-8000-${String(i + 1).padStart(12, '0')}`,
      displayName,
    }));
    expect(contacts.map((c) => markdownFileNames(contacts).get(c.id))).toEqual(expected);
  };

  it.each([
    [['Anna Schmidt'], ['anna-schmidt.md']],
    [
      ['Anna Schmidt', 'anna schmidt'],
      ['anna-schmidt-00000001.md', 'anna-schmidt-00000002.md'],
    ],
    [
      ['李雷', 'Søren Søndergaard', 'Ελένη Παπαδοπούλου'],
      ['李雷.md', 'soren-sondergaard.md', 'ελενη-παπαδοπουλου.md'],
    ],
    [
      ['../../etc/passwd', 'CON', '!!!', ''],
      ['etc-passwd.md', 'con-contact.md', 'contact-00000003.md', 'contact-00000004.md'],
    ],
  ])('%j → %j', (names, expected) => check(names, expected));

  it('keeps names short and unique whatever the input', () => {
    const long = 'a'.repeat(300);
    expect([...slugOf(long)].length).toBeLessThanOrEqual(60);
    const many = Array.from({ length: 50 }, (_, i) => ({ id: `id-${i}`, displayName: i % 2 ? 'Same Name' : `SAME name` }));
    const names = [...markdownFileNames(many).values()].map((n) => n.toLowerCase());
    expect(new Set(names).size).toBe(50);
  });
});

describe('calendar items', () => {
  const base = {
    contacts: [] as Array<Pick<Contact, 'id' | 'displayName' | 'birthday' | 'deletedAt'>>,
    commitments: [],
    followUps: [],
    today: '2026-11-26',
  };
  const people = [
    { id: 'a', displayName: 'Anna', birthday: '--11-26', deletedAt: null },
    { id: 'b', displayName: 'Ben', birthday: '1980-02-24', deletedAt: null },
    { id: 'c', displayName: 'Cleo', birthday: '--02-25', deletedAt: null },
    { id: 'd', displayName: 'Dora', birthday: '--12-01', deletedAt: T0 },
  ];

  it.each([
    ['a birthday today is in', 'a', ["2026-11-26 Anna's birthday"]],
    ['day 90 is in, with the age', 'b', ["2027-02-24 Ben's birthday (47)"]],
    ['day 91 is out', 'c', []],
    ['trashed contacts are out', 'd', []],
  ])('%s', (_why, id, expected) => {
    const items = calendarItems({ ...base, contacts: people.filter((p) => p.id === id) });
    expect(items.map((i) => `${i.day} ${i.summary}`)).toEqual(expected);
  });

  it('takes open commitments and follow-ups due in the window only', () => {
    const c = (id: string, over: object) => ({
      id,
      ownerId: 'u',
      contactId: 'a',
      direction: 'mine' as const,
      text: id,
      dueOn: '2026-12-01',
      status: 'open' as const,
      resolvedOn: null,
      touchpointId: null,
      createdAt: T0,
      ...over,
    });
    const f = (id: string, over: object) => ({
      id,
      ownerId: 'u',
      contactId: 'a',
      text: id,
      dueOn: '2026-12-02',
      doneAt: null,
      touchpointId: null,
      createdAt: T0,
      ...over,
    });
    const items = calendarItems({
      ...base,
      contacts: [{ id: 'a', displayName: 'Anna', birthday: null, deletedAt: null }],
      commitments: [
        c('open', {}),
        c('kept', { status: 'kept' }),
        c('late', { dueOn: '2026-11-25' }),
        c('theirs', { direction: 'theirs', dueOn: '2027-02-24' }),
      ],
      followUps: [f('todo', {}), f('done', { doneAt: T0 }), f('far', { dueOn: '2027-03-01' })],
    });
    expect(items.map((i) => [i.uid, i.day, i.summary])).toEqual([
      ['commitment-open@kith', '2026-12-01', 'Promised Anna: open'],
      ['follow-up-todo@kith', '2026-12-02', 'Follow up with Anna: todo'],
      ['commitment-theirs@kith', '2027-02-24', 'Anna promised: theirs'],
    ]);
  });
});

describe('atomic directory export', () => {
  it('replaces an earlier export and refuses a directory that is not one', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kith-dir-'));
    const target = join(dir, 'notes');
    await writeDirectoryAtomic(target, [
      { name: 'a.md', text: 'A' },
      { name: 'b.md', text: 'B' },
    ]);
    expect(readdirSync(target).sort()).toEqual([EXPORT_MARKER, 'a.md', 'b.md']);
    await writeDirectoryAtomic(target, [{ name: 'c.md', text: 'C' }]);
    expect(readdirSync(target).sort()).toEqual([EXPORT_MARKER, 'c.md']);
    const mine = join(dir, 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'diary.md'), 'private');
    await expect(writeDirectoryAtomic(mine, [{ name: 'x.md', text: 'X' }])).rejects.toThrow(/not an earlier kith export/);
    expect(readFileSync(join(mine, 'diary.md'), 'utf8')).toBe('private');
    expect(readdirSync(dir).filter((n) => n.includes('tmp'))).toEqual([]);
    await expect(writeDirectoryAtomic(join(dir, 'bad'), [{ name: '../escape.md', text: '' }])).rejects.toBeInstanceOf(AppError);
    expect(existsSync(join(dir, 'escape.md'))).toBe(false);
    expect(existsSync(join(dir, 'bad'))).toBe(false);
  });
});
