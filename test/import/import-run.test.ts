/**
 * The import operation end to end, for every format, on SQLite and PostgreSQL.
 */
import { readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupToJson, exportBackup } from '../../src/app/backup.js';
import { createContact } from '../../src/app/contacts.js';
import { runImport, type ImportInput } from '../../src/app/import/import-run.js';
import { fixedClock, sequentialIds, type Ctx } from '../../src/app/ports.js';
import { updateProfile } from '../../src/app/profile.js';
import { localUser } from '../../src/app/session.js';
import type { Contact } from '../../src/core/types.js';
import { AppError } from '../../src/core/errors.js';
import { DIALECTS, freshStore } from '../support/stores.js';
import { T0 } from '../support/fixtures.js';

const FIX = resolve(import.meta.dirname, '..', 'fixtures', 'import');
const FORMATS_FIX = resolve(import.meta.dirname, '..', 'fixtures', 'formats');
const at = (name: string) => ({ path: join(FIX, name), name });

async function makeCtx(dialect: (typeof DIALECTS)[number], now = T0) {
  const { store, cleanup } = await freshStore(dialect);
  const clock = fixedClock(now);
  const ids = sequentialIds();
  const user = await localUser(store, clock, ids, {});
  const ctx: Ctx = { store, clock, ids, userId: user.id };
  return { ctx, cleanup };
}

async function byName(ctx: Ctx, name: string): Promise<Contact> {
  const all = await ctx.store.listContacts(ctx.userId, { state: 'all' });
  const c = all.find((x) => x.displayName === name);
  if (!c) throw new Error(`no contact ${name} among ${all.map((x) => x.displayName).join(', ')}`);
  return c;
}

const snapshot = async (ctx: Ctx): Promise<string> => backupToJson(await exportBackup(ctx));

async function rejects(p: Promise<unknown>): Promise<AppError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe.each(DIALECTS)('import on %s', (dialect) => {
  let ctx: Ctx;
  let cleanup: () => Promise<void>;
  beforeEach(async () => {
    ({ ctx, cleanup } = await makeCtx(dialect));
  });
  afterEach(async () => cleanup());

  const run = (input: Partial<ImportInput> & Pick<ImportInput, 'source'>) => runImport(ctx, input);

  it('imports LinkedIn connections, and a second run creates nothing', async () => {
    const first = await run({ source: at('connections-2025.csv') });
    expect(first.format).toBe('linkedin');
    expect(first.counts).toEqual({ new: 4, updated: 0, merged: 0, skipped: 1, invalid: 0 });
    expect(first.skippedReasons).toEqual({ 'Empty connection (deleted or hidden LinkedIn member)': 1 });
    const anna = await byName(ctx, 'Anna Schmidt');
    expect(anna.company).toBe('Acme');
    expect(anna.howMet).toBe('LinkedIn (connected 2021-03-12)');
    expect(anna.identities.map((i) => i.kind).sort()).toEqual(['email', 'linkedin']);
    const goran = await byName(ctx, 'Goran Stipetić');
    expect(goran.company).toBe('Tiki, Corp');

    const before = await snapshot(ctx);
    const second = await run({ source: at('connections-2025.csv') });
    expect(second.counts).toEqual({ new: 0, updated: 0, merged: 0, skipped: 5, invalid: 0 });
    expect(second.skippedReasons.unchanged).toBe(4);
    expect(await snapshot(ctx)).toBe(before);
  });

  it('records a job change from a newer LinkedIn export and adds the new connection', async () => {
    await run({ source: at('connections-2025.csv') });
    const r = await run({ source: at('connections-2026.csv') });
    // Anna moved (updated), Li Lei was promoted (updated), Priya is new; Zoë and Goran are unchanged.
    expect(r.counts).toEqual({ new: 1, updated: 2, merged: 0, skipped: 3, invalid: 0 });
    const anna = await byName(ctx, 'Anna Schmidt');
    expect(anna.company).toBe('Hooli');
    expect(anna.title).toBe('Senior Engineer');
    expect(anna.employment).toEqual([
      { company: 'Acme', title: 'Engineer', from: null, to: '2026-11-26' },
      { company: 'Hooli', title: 'Senior Engineer', from: '2026-11-26', to: null },
    ]);
    const changes = await ctx.store.listRecords('jobChange', ctx.userId);
    expect(changes.map((j) => [j.contactId, j.fromCompany, j.toCompany, j.detectedOn])).toEqual([
      [anna.id, 'Acme', 'Hooli', '2026-11-26'],
    ]);
    expect(r.jobChanges).toEqual([{ contactId: anna.id, name: 'Anna Schmidt', from: 'Acme', to: 'Hooli' }]);
    const li = await byName(ctx, 'Li Lei');
    expect([li.company, li.title]).toEqual(['Initech', 'CEO']);
    expect(li.employment).toEqual([
      { company: 'Initech', title: 'CTO', from: null, to: '2026-11-26' },
      { company: 'Initech', title: 'CEO', from: '2026-11-26', to: null },
    ]);

    // The same newer export again: no second job change.
    const again = await run({ source: at('connections-2026.csv') });
    expect(again.counts.new + again.counts.updated + again.counts.merged).toBe(0);
    expect(await ctx.store.listRecords('jobChange', ctx.userId)).toHaveLength(1);
  });

  it('does not move anyone back when an older LinkedIn export comes after a newer one', async () => {
    await run({ source: at('connections-2025.csv') });
    await run({ source: at('connections-2026.csv') });
    const older = await run({ source: at('connections-2025.csv') });
    expect(older.jobChanges).toEqual([]);
    expect(older.counts).toEqual({ new: 0, updated: 0, merged: 0, skipped: 5, invalid: 0 });
    expect((await byName(ctx, 'Anna Schmidt')).company).toBe('Hooli');
    expect((await byName(ctx, 'Li Lei')).title).toBe('CEO');
    expect(await ctx.store.listRecords('jobChange', ctx.userId)).toHaveLength(1);
  });

  it('finds URL-less LinkedIn connections again by name and connection day (job change included)', async () => {
    expect((await run({ source: at('connections-2018.csv') })).counts.new).toBe(2);
    const r = await run({ source: at('connections-2018-later.csv') });
    expect(r.counts).toEqual({ new: 0, updated: 1, merged: 0, skipped: 1, invalid: 0 });
    expect((await byName(ctx, 'Jonas Berg')).company).toBe('Delivery Hero');
  });

  it('merges a vCard into the LinkedIn contact with the same email, and only suggests same-name people', async () => {
    await run({ source: at('connections-2025.csv') });
    const r = await run({ source: at('people.vcf') });
    expect(r.format).toBe('vcard');
    // Anna merged by email; Zoe Mueller and Carl are new; the empty card is invalid.
    expect(r.counts).toEqual({ new: 2, updated: 0, merged: 1, skipped: 0, invalid: 1 });
    const anna = await byName(ctx, 'Anna Schmidt');
    expect(anna.birthday).toBe('1990-04-12');
    expect(anna.notes).toBe('Met at RustConf.');
    expect(anna.tags).toEqual(['rust', 'berlin']);
    expect(anna.identities.map((i) => i.value)).toContain('+49 170 1234567');
    expect(anna.company).toBe('Acme');
    // Same name (transliterated) at the same company: suggested, never merged.
    const zoe = await byName(ctx, 'Zoë Müller');
    const zoe2 = await byName(ctx, 'Zoe Mueller');
    expect(zoe.id).not.toBe(zoe2.id);
    expect(r.duplicates).toEqual([
      {
        contacts: [
          { id: zoe.id, name: 'Zoë Müller' },
          { id: zoe2.id, name: 'Zoe Mueller' },
        ],
        reason: 'same name at Globex',
      },
    ]);
    expect(await ctx.store.countContacts(ctx.userId)).toBe(6);

    const again = await run({ source: at('people.vcf') });
    expect(again.counts).toEqual({ new: 0, updated: 0, merged: 0, skipped: 3, invalid: 1 });
    expect(again.issues.map((i) => [i.file, i.line])).toEqual([['people.vcf', 29]]);
    expect(again.issues[0]?.field).toBe('FN');
  });

  it('previews exactly with a dry run and writes nothing', async () => {
    await run({ source: at('connections-2025.csv') });
    const before = await snapshot(ctx);
    const dry = await run({ source: at('connections-2026.csv'), dryRun: true });
    expect(dry.dryRun).toBe(true);
    expect(dry.counts).toEqual({ new: 1, updated: 2, merged: 0, skipped: 3, invalid: 0 });
    expect(dry.jobChanges).toHaveLength(1);
    expect(await snapshot(ctx)).toBe(before);
    expect(await ctx.store.listRecords('jobChange', ctx.userId)).toHaveLength(0);
  });

  it('reports every bad record with file:line and field, and --strict stops at the first with nothing written', async () => {
    const src = { path: join(FORMATS_FIX, 'contacts', 'linkedin-2024.csv'), name: 'linkedin-2024.csv' };
    const before = await snapshot(ctx);
    const e = await rejects(run({ source: src, strict: true }));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/^linkedin-2024\.csv:10: First Name: /);
    expect(e.details.issues).toEqual([{ file: 'linkedin-2024.csv', line: 10, field: 'First Name', message: expect.any(String) }]);
    expect(await snapshot(ctx)).toBe(before);

    const r = await run({ source: src });
    expect(r.counts).toEqual({ new: 4, updated: 0, merged: 0, skipped: 2, invalid: 1 });
    expect(r.issues.map((i) => [i.file, i.line, i.field])).toEqual([
      ['linkedin-2024.csv', 10, 'First Name'],
      ['linkedin-2024.csv', 11, 'Connected On'],
    ]);
    expect(r.issuesTotal).toBe(2);
  });

  it('stops on a truncated file, naming file:line, with nothing written', async () => {
    const before = await snapshot(ctx);
    const e = await rejects(run({ source: at('truncated.csv') }));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(/^truncated\.csv:7: CSV: a quoted cell is never closed/);
    expect(await snapshot(ctx)).toBe(before);
  });

  it.each([
    ['people.vcf', 'people.vcf', 250, /^people\.vcf:\d+: /],
    ['meetings.ics', 'meetings.ics', 400, /^meetings\.ics:\d+: /],
    ['feed.xml', 'feed.xml', 500, /^feed\.xml:\d+: /],
  ])('stops on a cut %s, naming file:line', async (_label, name, cut, re) => {
    await updateProfile(ctx, { addEmails: ['sam@example.com'] });
    const text = readFileSync(join(FIX, name), 'utf8').slice(0, cut);
    const before = await snapshot(ctx);
    const e = await rejects(run({ source: { bytes: text, name } }));
    expect(e.code).toBe('invalid_input');
    expect(e.message).toMatch(re);
    expect(await snapshot(ctx)).toBe(before);
  });

  it('says "not found" for a missing file and asks for the format when it cannot tell', async () => {
    expect((await rejects(run({ source: { path: join(FIX, 'nope.csv') } }))).code).toBe('not_found');
    expect((await rejects(run({ source: { bytes: 'hello world\n', name: 'notes.txt' } }))).message).toMatch(/cannot tell/);
    expect((await rejects(run({ source: at('people.vcf'), format: 'excel' }))).details.issues?.[0]?.field).toBe('format');
  });

  it('turns LinkedIn messages into touchpoints with known contacts only', async () => {
    await updateProfile(ctx, { name: 'Sam Rivera', addUrls: ['https://www.linkedin.com/in/sam-rivera'] });
    await run({ source: at('connections-2025.csv') });
    const r = await run({ source: at('messages.csv') });
    expect(r.format).toBe('linkedin-messages');
    expect(r.counts).toMatchObject({ new: 2, skipped: 1, invalid: 1 });
    expect(r.skippedReasons['nobody in it is a contact']).toBe(1);
    expect(r.unknownPeople).toEqual([
      { name: 'Rick Stranger', email: null, profileUrl: 'https://www.linkedin.com/in/rick-stranger', count: 1 },
    ]);
    expect(r.issues[0]).toMatchObject({ file: 'messages.csv', line: 5, field: 'DATE' });
    const anna = await byName(ctx, 'Anna Schmidt');
    const touches = await ctx.store.listTouchpoints(ctx.userId, { contactId: anna.id, order: 'asc' });
    expect(touches.map((t) => [t.kind, t.initiatedBy, t.source])).toEqual([
      ['dm', 'them', 'linkedin-messages'],
      ['dm', 'me', 'linkedin-messages'],
    ]);
    expect((await byName(ctx, 'Anna Schmidt')).lastTouchAt).toBe('2026-10-01T18:30:00.000Z');

    const again = await run({ source: at('messages.csv') });
    expect(again.counts.new).toBe(0);
    expect(again.skippedReasons['already imported']).toBe(2);
  });

  it('keeps one touchpoint for an email listed twice in a mailbox', async () => {
    await updateProfile(ctx, { addEmails: ['sam@example.com'] });
    await createContact(ctx, { name: 'Anna Schmidt', emails: ['anna@example.com'] });
    const first = readFileSync(join(FIX, 'mail.mbox'), 'utf8').split('\nFrom sam@')[0] ?? '';
    const r = await run({ source: { bytes: `${first}\n${first}`, name: 'twice.mbox' } });
    expect(r.counts).toMatchObject({ new: 1, skipped: 1 });
    expect(r.skippedReasons).toEqual({ 'listed twice in the file': 1 });
    expect(await ctx.store.countTouchpoints(ctx.userId)).toBe(1);
  });

  it('needs the user identity for messages, meetings and mail', async () => {
    for (const f of ['messages.csv', 'meetings.ics', 'mail.mbox']) {
      const e = await rejects(run({ source: at(f) }));
      expect(e.code).toBe('invalid_input');
      expect(e.message).toMatch(/kith me/);
    }
  });

  it('turns past meetings into touchpoints, lists unknown people, and creates them only when asked', async () => {
    await updateProfile(ctx, { name: 'Sam Rivera', addEmails: ['sam@example.com'] });
    await createContact(ctx, { name: 'Anna Schmidt', emails: ['anna@example.com'] });
    const r = await run({ source: at('meetings.ics') });
    expect(r.format).toBe('ics');
    expect(r.counts).toMatchObject({ new: 1, skipped: 2 });
    expect(r.skippedReasons).toEqual({ 'nobody in it is a contact': 1, 'in the future': 1 });
    expect(r.unknownPeople.map((p) => p.email).sort()).toEqual(['bob@example.org', 'vera@vendor.example']);
    expect(await ctx.store.countContacts(ctx.userId)).toBe(1);
    const [t] = await ctx.store.listTouchpoints(ctx.userId);
    expect(t?.kind).toBe('coffee');
    expect(t?.occurredAt).toBe('2026-10-02T09:00:00.000Z');

    const created = await run({ source: at('meetings.ics'), createContacts: true });
    expect(created.contactsCreated).toBe(2);
    // The coffee gains Bob; the vendor call is new.
    expect(created.counts).toMatchObject({ new: 1, updated: 1 });
    const bob = await byName(ctx, 'Bob Builder');
    expect(bob.identities).toEqual([{ kind: 'email', value: 'bob@example.org', label: null }]);
    const coffee = await ctx.store.findTouchpointByExternalId(ctx.userId, 'ics', t?.externalId ?? '');
    expect(coffee?.participantIds).toContain(bob.id);
    const third = await run({ source: at('meetings.ics'), createContacts: true });
    expect(third.contactsCreated + third.counts.new + third.counts.updated).toBe(0);
  });

  it('turns emails into touchpoints, streaming the mbox, and skips mail from strangers', async () => {
    await updateProfile(ctx, { addEmails: ['sam@example.com'] });
    await createContact(ctx, { name: 'Anna Schmidt', emails: ['ANNA@example.com'] });
    const r = await run({ source: at('mail.mbox') });
    expect(r.format).toBe('mbox');
    expect(r.counts).toMatchObject({ new: 2, skipped: 1, invalid: 0 });
    const touches = await ctx.store.listTouchpoints(ctx.userId, { order: 'asc' });
    expect(touches.map((t) => [t.kind, t.initiatedBy, t.summary])).toEqual([
      ['email', 'them', 'WASM talk draft'],
      ['email', 'me', 'Re: WASM talk draft'],
    ]);
    expect((await run({ source: at('mail.mbox') })).counts.new).toBe(0);
  });

  it('finds emails imported before under other ids (a restored backup) by their message id', async () => {
    await updateProfile(ctx, { addEmails: ['sam@example.com'] });
    await createContact(ctx, { name: 'Anna Schmidt', emails: ['ANNA@example.com'] });
    await run({ source: at('mail.mbox') });
    // The same data restored elsewhere with the touchpoints under new ids.
    const backup = JSON.parse(await snapshot(ctx)) as { touchpoints: Array<{ id: string }> };
    backup.touchpoints.forEach((t, i) => (t.id = `0000000${i}-0000-7000-8000-000000000abc`));
    const other = await makeCtx(dialect);
    try {
      await runImport(other.ctx, { source: { bytes: JSON.stringify(backup), name: 'backup.json' } });
      const again = await runImport(other.ctx, { source: at('mail.mbox') });
      expect(again.counts).toMatchObject({ new: 0, updated: 0, skipped: 3 });
      expect(await other.ctx.store.countTouchpoints(other.ctx.userId)).toBe(2);
    } finally {
      await other.cleanup();
    }
  });

  it('imports the user’s own posts from a feed, once', async () => {
    const r = await run({ source: at('feed.xml') });
    expect(r.format).toBe('feed');
    expect(r.counts.new).toBe(2);
    const posts = await ctx.store.listRecords('post', ctx.userId);
    expect(posts.map((p) => p.title).sort()).toEqual(['Only updated', 'Rust <3 Kotlin?']);
    expect(posts.every((p) => p.source === 'feed')).toBe(true);
    const again = await run({ source: at('feed.xml') });
    expect(again.counts).toMatchObject({ new: 0, updated: 0, skipped: 2 });
  });

  it('imports Google and Outlook CSV idempotently (rows without ids are found again by content)', async () => {
    for (const f of ['google-current.csv', 'outlook-com.csv']) {
      const src = { path: join(FORMATS_FIX, 'contacts', f), name: f };
      const first = await run({ source: src });
      expect(first.counts.new).toBeGreaterThan(0);
      const second = await run({ source: src });
      expect(second.counts.new).toBe(0);
    }
  });

  it('restores a kith backup through the same operation, idempotently', async () => {
    await run({ source: at('connections-2025.csv') });
    const text = await snapshot(ctx);
    const other = await makeCtx(dialect);
    try {
      const r = await runImport(other.ctx, { source: { bytes: text, name: 'backup.json' } });
      expect(r.format).toBe('json');
      expect(r.counts.new).toBe(4);
      const again = await runImport(other.ctx, { source: { bytes: text, name: 'backup.json' } });
      expect(again.counts.new).toBe(0);
      expect(await snapshot(other.ctx)).toBe(text);
      const dry = await runImport(other.ctx, { source: { bytes: text.slice(0, 200), name: 'cut.json' }, dryRun: true }).catch(
        (e: unknown) => e,
      );
      expect(dry).toBeInstanceOf(AppError);
      expect((dry as AppError).message).toMatch(/^cut\.json:\d+/);
    } finally {
      await other.cleanup();
    }
  });

  it('leaves a trashed contact alone, and never gives one contact another one’s email or URL', async () => {
    const gone = await createContact(ctx, { name: 'Old Anna', emails: ['anna@example.com'] });
    await ctx.store.updateContact({ ...gone, deletedAt: T0 });
    const ben = await createContact(ctx, { name: 'Ben Berg', links: ['https://www.linkedin.com/in/ben-berg'] });
    const carl = await createContact(ctx, { name: 'Carl Crum', emails: ['carl@example.com'] });
    const card = (lines: string[]) => ['BEGIN:VCARD', 'VERSION:3.0', ...lines, 'END:VCARD'].join('\r\n');
    const text = [
      card(['FN:Anna Schmidt', 'EMAIL:anna@example.com']),
      card(['FN:Carl Crum', 'EMAIL:carl@example.com', 'URL:https://www.linkedin.com/in/ben-berg']),
    ].join('\r\n');
    const r = await run({ source: { bytes: text, name: 'two.vcf' } });
    expect(r.counts).toEqual({ new: 0, updated: 0, merged: 0, skipped: 2, invalid: 0 });
    expect(r.skippedReasons).toEqual({ 'the contact is in the trash': 1, unchanged: 1 });
    expect(r.duplicates).toEqual([
      {
        contacts: [
          { id: carl.id, name: 'Carl Crum' },
          { id: ben.id, name: 'Ben Berg' },
        ],
        reason: 'both match two.vcf:6 by email or profile URL',
      },
    ]);
    expect((await ctx.store.getContact(ctx.userId, carl.id))?.identities.map((i) => i.value)).toEqual(['carl@example.com']);
    expect((await ctx.store.getContact(ctx.userId, gone.id))?.displayName).toBe('Old Anna');
  });

  it('does not add a URL again because another source calls it by another kind', async () => {
    const zoe = await createContact(ctx, {
      name: 'Zoë Müller',
      emails: ['zoe@example.com'],
      identities: [{ kind: 'blog', value: 'https://zoe.dev/' }],
    });
    const text = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Zoe Mueller',
      'EMAIL:ZOE@example.com',
      'URL:http://www.zoe.dev',
      'END:VCARD',
    ].join('\r\n');
    const r = await run({ source: { bytes: text, name: 'zoe.vcf' } });
    expect(r.counts).toEqual({ new: 0, updated: 0, merged: 0, skipped: 1, invalid: 0 });
    expect(r.skippedReasons).toEqual({ unchanged: 1 });
    const after = await ctx.store.getContact(ctx.userId, zoe.id);
    expect(after?.identities.map((i) => [i.kind, i.value])).toEqual([
      ['blog', 'https://zoe.dev/'],
      ['email', 'zoe@example.com'],
    ]);
  });

  it('creates people from LinkedIn messages when asked, with their profile URL', async () => {
    await updateProfile(ctx, { name: 'Sam Rivera', addUrls: ['https://www.linkedin.com/in/sam-rivera'] });
    const r = await run({ source: at('messages.csv'), createContacts: true });
    expect(r.contactsCreated).toBe(2);
    expect(r.counts).toMatchObject({ new: 3, skipped: 0, invalid: 1 });
    const rick = await byName(ctx, 'Rick Stranger');
    expect(rick.identities).toEqual([{ kind: 'linkedin', value: 'https://www.linkedin.com/in/rick-stranger', label: null }]);
    expect(rick.howMet).toBe('imported from linkedin-messages');
    expect(rick.lastTouchAt).toBe('2026-10-03T10:00:00.000Z');
  });

  it('reports progress as it goes', async () => {
    const seen: number[] = [];
    await run({ source: at('connections-2025.csv'), onProgress: (p) => seen.push(p.records) });
    expect(seen.at(-1)).toBe(4);
  });
});
