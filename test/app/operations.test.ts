/**
 * Operations on both databases, with a fixed clock and sequential ids.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupToJson, exportBackup, importBackup, parseBackup, restoreBackupStream } from '../../src/app/backup.js';
import { runImport } from '../../src/app/import/import-run.js';
import { AppError } from '../../src/core/errors.js';
import {
  createContact,
  editContact,
  mergeContactsOp,
  resolveContact,
  restoreContact,
  trashContact,
} from '../../src/app/contacts.js';
import { fixedClock, sequentialIds, type Ctx } from '../../src/app/ports.js';
import { updateProfile } from '../../src/app/profile.js';
import { search } from '../../src/app/search.js';
import { localUser } from '../../src/app/session.js';
import { logTouch } from '../../src/app/touchpoints.js';
import { DIALECTS, freshStore } from '../support/stores.js';
import { T0 } from '../support/fixtures.js';

async function makeCtx(dialect: (typeof DIALECTS)[number], idPrefix = '00000000-0000-7000-8000-') {
  const { store, cleanup } = await freshStore(dialect);
  const clock = fixedClock(T0);
  const ids = sequentialIds(idPrefix);
  const user = await localUser(store, clock, ids, {});
  const ctx: Ctx = { store, clock, ids, userId: user.id };
  return { ctx, cleanup };
}

/** A small network that uses every entity, non-ASCII names and multi-line notes. */
async function seed(ctx: Ctx): Promise<void> {
  await updateProfile(ctx, {
    name: 'Sam Rivera',
    addEmails: ['sam@example.com'],
    addUrls: ['https://www.linkedin.com/in/sam'],
    schedulingLink: 'https://cal.com/sam',
    weeklyGoal: 4,
  });
  const zoe = await createContact(ctx, {
    name: 'Zoë Łukasz-Müller',
    emails: ['zoe@example.com'],
    links: ['https://www.linkedin.com/in/zoe-m%C3%BCller/'],
    company: 'Acme, Inc.',
    title: 'Staff Engineer',
    circle: 'inner',
    birthday: '04-12',
    topics: [
      { kind: 'side-project', text: 'WASM GC' },
      { kind: 'looking-for', text: 'a Rust mentor' },
    ],
    tags: ['rust', 'berlin'],
    notes: 'Met at RustConf.\n\n- likes climbing\n- "quotes" and \\ backslashes',
    pausedUntil: '2026-12-24',
    minGapDays: 7,
  });
  const li = await createContact(ctx, { name: '李雷', emails: ['li@example.cn'], circle: 'active', introducedBy: zoe.id });
  const soren = await createContact(ctx, { name: 'Søren Søndergaard', company: 'Nordic AB', circle: 'network' });
  const t = await logTouch(ctx, {
    kind: 'coffee',
    with: [zoe.id, li.id],
    on: '2026-11-20',
    summary: 'Rust meetup plans',
    topics: ['rust'],
    notes: 'line one\nline two',
  });
  await logTouch(ctx, { kind: 'dm', with: [soren.id], on: '2026-10-02', by: 'them', summary: 'Asked about the conference' });
  const { store, userId } = ctx;
  await store.insertRecord('followUp', {
    id: ctx.ids.next(),
    ownerId: userId,
    contactId: zoe.id,
    text: 'Send the WASM GC article',
    dueOn: '2026-12-01',
    doneAt: null,
    touchpointId: t.touchpoint.id,
    createdAt: T0,
  });
  await store.insertRecord('commitment', {
    id: ctx.ids.next(),
    ownerId: userId,
    contactId: zoe.id,
    direction: 'mine',
    text: 'send slides',
    dueOn: '2026-11-27',
    status: 'open',
    resolvedOn: null,
    touchpointId: t.touchpoint.id,
    createdAt: T0,
  });
  await store.insertRecord('ledger', {
    id: ctx.ids.next(),
    ownerId: userId,
    contactId: li.id,
    direction: 'give',
    kind: 'intro',
    note: 'to Søren',
    occurredOn: '2026-11-21',
    isPublic: false,
    createdAt: T0,
  });
  await store.insertRecord('introduction', {
    id: ctx.ids.next(),
    ownerId: userId,
    contactAId: li.id,
    contactBId: soren.id,
    status: 'proposed',
    reason: 'Both build databases',
    createdAt: T0,
    updatedAt: T0,
  });
  const community = {
    id: ctx.ids.next(),
    ownerId: userId,
    name: 'Rust Berlin',
    url: null,
    cadenceDays: 30,
    notes: '',
    memberIds: [zoe.id],
    createdAt: T0,
  };
  await store.insertRecord('community', community);
  await store.insertRecord('event', {
    id: ctx.ids.next(),
    ownerId: userId,
    name: 'RustConf 2026',
    startsOn: '2026-09-10',
    endsOn: '2026-09-12',
    location: 'Montréal',
    url: null,
    communityId: community.id,
    notes: '',
    attendees: [{ contactId: zoe.id, met: true }],
    createdAt: T0,
  });
  const post = {
    id: ctx.ids.next(),
    ownerId: userId,
    title: 'Écrire un GC',
    url: 'https://sam.dev/gc',
    publishedOn: '2026-11-01',
    summary: 'GC notes',
    topics: ['gc'],
    source: 'kith',
    externalId: null,
    createdAt: T0,
  };
  await store.insertRecord('post', post);
  await store.insertRecord('postResponse', {
    id: ctx.ids.next(),
    ownerId: userId,
    postId: post.id,
    contactId: soren.id,
    authorName: null,
    receivedAt: T0,
    summary: 'Great read',
    repliedAt: null,
    createdAt: T0,
  });
  await store.insertRecord('resource', {
    id: ctx.ids.next(),
    ownerId: userId,
    url: 'https://example.org/wasm-gc',
    title: 'WASM GC explained',
    topics: ['wasm'],
    notes: '',
    createdAt: T0,
  });
  await store.insertRecord('jobChange', {
    id: ctx.ids.next(),
    ownerId: userId,
    contactId: soren.id,
    fromCompany: 'Nordic AB',
    toCompany: 'Fjord Systems',
    detectedOn: '2026-11-25',
    createdAt: T0,
  });
  await store.putAgendaState({
    ownerId: userId,
    itemId: `checkin:${soren.id}:2026-11-20`,
    snoozedUntil: '2026-12-01',
    doneOn: null,
    updatedAt: T0,
  });
  const trashed = await createContact(ctx, { name: 'Old Contact' });
  await trashContact(ctx, trashed.id);
}

describe.each(DIALECTS)('operations on %s', (dialect) => {
  let ctx: Ctx;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ ctx, cleanup } = await makeCtx(dialect));
  });
  afterEach(async () => cleanup());

  it('round-trips a backup byte for byte into an empty home', async () => {
    await seed(ctx);
    const first = backupToJson(await exportBackup(ctx));
    const other = await makeCtx(dialect, '11111111-1111-7111-8111-');
    try {
      const counts = await importBackup(other.ctx, parseBackup(first));
      expect(counts.updated).toBe(0);
      expect(counts.new).toBe(16); // 4 contacts, 2 touchpoints, 10 records
      const second = backupToJson(await exportBackup(other.ctx));
      expect(second).toBe(first);
      // Importing again changes nothing and creates no duplicates.
      const again = await importBackup(other.ctx, parseBackup(first));
      expect(again.new).toBe(0);
      expect(backupToJson(await exportBackup(other.ctx))).toBe(first);
      // Derived data is rebuilt: search and last touch.
      expect((await search(other.ctx, 'lukasz')).results.map((r) => r.title)).toEqual(['Zoë Łukasz-Müller']);
      expect((await resolveContact(other.ctx, 'zoe')).lastTouchAt).toBe('2026-11-20T12:00:00.000Z');
    } finally {
      await other.cleanup();
    }
  });

  it('restores a streamed backup in any layout, chunking and section order, byte for byte', async () => {
    await seed(ctx);
    const first = backupToJson(await exportBackup(ctx));
    const obj = JSON.parse(first) as Record<string, unknown>;
    // Sections before what they refer to, and the introducer after the contact it introduced.
    const { contacts, communities, ...rest } = obj;
    const reordered = { ...rest, contacts: [...(contacts as unknown[])].reverse(), communities };
    const variants = [first, JSON.stringify(obj), JSON.stringify(reordered, null, 1)];
    for (const [i, text] of variants.entries()) {
      const other = await makeCtx(dialect, `1111111${i}-1111-7111-8111-`);
      try {
        const bytes = Buffer.from(text);
        const chunks = Array.from({ length: Math.ceil(bytes.length / 7) }, (_, k) => bytes.subarray(k * 7, k * 7 + 7));
        const counts = await restoreBackupStream(other.ctx, chunks, 'b.json');
        expect(counts).toEqual({ new: 16, updated: 0 });
        expect(backupToJson(await exportBackup(other.ctx))).toBe(first);
        expect((await resolveContact(other.ctx, 'zoe')).lastTouchAt).toBe('2026-11-20T12:00:00.000Z');
        expect((await restoreBackupStream(other.ctx, [text], 'b.json')).updated).toBe(16);
        expect(backupToJson(await exportBackup(other.ctx))).toBe(first);
      } finally {
        await other.cleanup();
      }
    }
  });

  it('a streamed restore names file:line and the field, and writes nothing, for every kind of bad file', async () => {
    await seed(ctx);
    const good = backupToJson(await exportBackup(ctx));
    const restore = (text: string) =>
      runImport(ctx, { source: { bytes: text, name: 'b.json' } }).then(
        () => null,
        (e: unknown) => e as AppError,
      );
    const lines = good.split('\n');
    const mistyped = good.replace('"circle": "active"', '"circle": "acquaintance"');
    let err = await restore(mistyped);
    expect(err).toBeInstanceOf(AppError);
    const m = /^b\.json:(\d+): contacts\.\d+\.circle: /.exec(err?.message ?? '');
    expect(m).not.toBeNull();
    // The line where the record starts, ahead of the bad field.
    expect(lines[Number(m?.[1]) - 1]).toBe('    {');
    const dangling = JSON.parse(good);
    dangling.touchpoints[0].participantIds = ['nobody'];
    err = await restore(JSON.stringify(dangling, null, 2));
    expect(err?.code).toBe('invalid_input');
    expect(err?.message).toMatch(/^b\.json:\d+: touchpoints\.0\.participantIds: refers to contact nobody/);
    err = await restore(good.slice(0, Math.floor(good.length / 2)));
    expect(err?.message).toMatch(/^b\.json:\d+:\d+: not valid JSON: the file ends too early/);
    err = await restore(good.replace('"format": "kith-backup"', '"format": "other"'));
    expect(err?.message).toMatch(/not a kith backup/);
    err = await restore(good.replace('"version": 1', '"version": 99'));
    expect(err?.message).toMatch(/newer kith/);
    const { touchpoints: _t, ...noTouches } = JSON.parse(good);
    err = await restore(JSON.stringify({ ...noTouches, surprise: 1 }));
    expect(err?.message).toMatch(/^b\.json:1: surprise: Unrecognized key \(and 1 more\)/);
    expect(backupToJson(await exportBackup(ctx))).toBe(good);
  });

  it('rejects a mistyped backup naming the place, and writes nothing', async () => {
    await seed(ctx);
    const good = backupToJson(await exportBackup(ctx));
    const before = good;
    const mistyped = good.replace('"circle": "active"', '"circle": "acquaintance"');
    let err = await Promise.resolve()
      .then(() => parseBackup(mistyped, 'b.json'))
      .catch((e) => e);
    expect(err.code).toBe('invalid_input');
    expect(err.message).toMatch(/^b\.json:\d+: contacts\.\d+\.circle: /);
    const truncated = good.slice(0, Math.floor(good.length / 2));
    err = await Promise.resolve()
      .then(() => parseBackup(truncated, 'b.json'))
      .catch((e) => e);
    expect(err.message).toMatch(/^b\.json:\d+:\d+: not valid JSON/);
    // A reference to a contact that is nowhere fails before anything is written.
    const dangling = JSON.parse(good);
    dangling.touchpoints[0].participantIds = ['nobody'];
    dangling.contacts.push({ ...dangling.contacts[0], id: 'new-one', identities: [] });
    err = await importBackup(ctx, parseBackup(JSON.stringify(dangling))).catch((e) => e);
    expect(err.code).toBe('invalid_input');
    expect(backupToJson(await exportBackup(ctx))).toBe(before);
  });

  it('resolves contacts the way a person types them', async () => {
    await seed(ctx);
    await createContact(ctx, { name: 'Anna Schmidt', emails: ['anna@example.com'] });
    await createContact(ctx, { name: 'Anna Berg' });
    expect((await resolveContact(ctx, 'zoe')).displayName).toBe('Zoë Łukasz-Müller');
    expect((await resolveContact(ctx, 'ZOE@example.com')).displayName).toBe('Zoë Łukasz-Müller');
    expect((await resolveContact(ctx, 'anna schm')).displayName).toBe('Anna Schmidt');
    const amb = await resolveContact(ctx, 'anna').catch((e) => e);
    expect(amb.code).toBe('invalid_input');
    expect(amb.details.candidates.map((c: { name: string }) => c.name)).toEqual(['Anna Berg', 'Anna Schmidt']);
    expect((await resolveContact(ctx, 'nobody').catch((e) => e)).code).toBe('not_found');
    expect((await resolveContact(ctx, 'old contact').catch((e) => e)).code).toBe('not_found');
    expect((await restoreContact(ctx, 'old contact')).deletedAt).toBeNull();
  });

  it('refuses a second contact with the same email, and an empty name', async () => {
    await createContact(ctx, { name: 'Anna', emails: ['anna@example.com'] });
    expect((await createContact(ctx, { name: 'Other', emails: ['ANNA@example.com'] }).catch((e) => e)).code).toBe('conflict');
    const e = await createContact(ctx, { name: '  ' }).catch((x) => x);
    expect(e.code).toBe('invalid_input');
    expect(e.details.issues[0].field).toBe('name');
  });

  it('merges two contacts losing nothing', async () => {
    await seed(ctx);
    const dup = await createContact(ctx, {
      name: 'Zoe Mueller',
      emails: ['zoe.private@example.com'],
      topics: [{ kind: 'interest', text: 'climbing' }],
      notes: 'Private email from a card.',
    });
    await logTouch(ctx, { kind: 'call', with: [dup.id], on: '2026-11-24' });
    const merged = await mergeContactsOp(ctx, 'zoë łukasz', dup.id);
    expect(merged.identities.map((i) => i.value)).toEqual(expect.arrayContaining(['zoe@example.com', 'zoe.private@example.com']));
    expect(merged.topics.map((t) => t.text)).toEqual(expect.arrayContaining(['WASM GC', 'climbing']));
    expect(merged.notes).toContain('Met at RustConf.');
    expect(merged.notes).toContain('Private email from a card.');
    expect(merged.lastTouchAt).toBe('2026-11-24T12:00:00.000Z');
    const touches = await ctx.store.listTouchpoints(ctx.userId, { contactId: merged.id });
    expect(touches.map((t) => t.kind)).toEqual(['call', 'coffee']);
    expect(await ctx.store.getContact(ctx.userId, dup.id)).toBeNull();
  });

  it('edits add to lists and keep employment history', async () => {
    const c = await createContact(ctx, { name: 'Anna Schmidt', company: 'Acme', title: 'Engineer', tags: ['a'] });
    const e = await editContact(ctx, { who: 'anna', company: 'Beta', tags: ['b'], removeTags: ['a'] });
    expect(e.tags).toEqual(['b']);
    expect(e.employment).toEqual([
      { company: 'Acme', title: 'Engineer', from: null, to: '2026-11-26' },
      { company: 'Beta', title: 'Engineer', from: '2026-11-26', to: null },
    ]);
    expect(e.id).toBe(c.id);
  });
});
