/**
 * The contact list's text filter (`GET /contacts?q=`) on both databases: what it matches,
 * its pages in name order, and that every way a contact changes keeps the contacts-only
 * search index current (create, edit, trash, restore, merge, a vCard import, a backup restore).
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { backupToJson, exportBackup, importBackup, parseBackup } from '../../src/app/backup.js';
import {
  createContact,
  editContact,
  mergeContactsOp,
  pageContacts,
  restoreContact,
  trashContact,
} from '../../src/app/contacts.js';
import { runImport } from '../../src/app/import/import-run.js';
import { fixedClock, sequentialIds, type Ctx } from '../../src/app/ports.js';
import { localUser } from '../../src/app/session.js';
import { logTouch } from '../../src/app/touchpoints.js';
import { contact, T0 } from '../support/fixtures.js';
import { DIALECTS, freshStore, type TestDialect } from '../support/stores.js';

async function makeCtx(dialect: TestDialect, prefix: string): Promise<{ ctx: Ctx; cleanup: () => Promise<void> }> {
  const fresh = await freshStore(dialect);
  const clock = fixedClock(T0);
  const ids = sequentialIds(prefix);
  const user = await localUser(fresh.store, clock, ids, {});
  return { ctx: { store: fresh.store, clock, ids, userId: user.id }, cleanup: fresh.cleanup };
}

/** Every page of the list for `q`, a page of `limit` at a time, as names. */
async function listed(ctx: Ctx, q: string, limit = 2, more: { circle?: string; tag?: string; trash?: boolean } = {}) {
  const names: string[] = [];
  let after: { displayName: string; id: string } | undefined;
  for (let n = 0; n < 50; n++) {
    const page = await pageContacts(ctx, { ...more, q, limit, after });
    names.push(...page.contacts.map((c) => c.displayName));
    if (!page.next) break;
    expect(page.contacts).toHaveLength(limit);
    after = page.next;
  }
  return names;
}

describe.each(DIALECTS)('the contact list with q on %s', (dialect) => {
  let ctx: Ctx;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ ctx, cleanup } = await makeCtx(dialect, '00000000-0000-7000-8000-'));
  });
  afterEach(async () => cleanup());

  it('finds contacts by their own fields in name order, every page full but the last', async () => {
    await createContact(ctx, { name: 'Zoë Łukasz-Müller', company: 'Acme', notes: 'talks about rust' });
    await createContact(ctx, { name: 'Ada Lovelace', title: 'Rust lead', circle: 'inner', tags: ['meetup'] });
    await createContact(ctx, { name: 'Bo Chen', emails: ['bo@rustacean.example'], circle: 'inner' });
    await createContact(ctx, { name: 'Cy Rusk', topics: [{ kind: 'interest', text: 'sailing' }], tags: ['meetup'] });
    const dee = await createContact(ctx, { name: 'Dee Park', notes: 'likes go' });
    await logTouch(ctx, { kind: 'coffee', with: [dee.id], on: '2026-11-20', summary: 'rust coffee' });
    for (const limit of [1, 2, 10]) {
      expect(await listed(ctx, 'rus', limit)).toEqual(['Ada Lovelace', 'Bo Chen', 'Cy Rusk', 'Zoë Łukasz-Müller']);
    }
    // Bo's email (rustacean) starts with rust.
    expect(await listed(ctx, 'rust')).toEqual(['Ada Lovelace', 'Bo Chen', 'Zoë Łukasz-Müller']);
    expect(await listed(ctx, 'rust', 1, { circle: 'inner' })).toEqual(['Ada Lovelace', 'Bo Chen']);
    expect(await listed(ctx, 'rus', 1, { tag: 'meetup' })).toEqual(['Ada Lovelace', 'Cy Rusk']);
    expect(await listed(ctx, 'muller lukasz')).toEqual(['Zoë Łukasz-Müller']);
    expect(await listed(ctx, 'MÜLLER')).toEqual(['Zoë Łukasz-Müller']);
    expect(await listed(ctx, 'sail')).toEqual(['Cy Rusk']);
    // Dee's touchpoint mentions rust; her own record does not.
    expect(await listed(ctx, 'coffee')).toEqual([]);
    expect(await listed(ctx, 'go park')).toEqual(['Dee Park']);
  });

  it('follows every change of a contact: edit, trash, restore, merge', async () => {
    // More contacts than a page's walk through the names reads (1000), none with these words: a
    // word only the last names have is found from the contacts-only index, a first name's by the walk.
    await ctx.store.insertContacts(
      Array.from({ length: 1100 }, (_, i) =>
        contact(ctx.userId, `22222222-2222-7222-8222-${String(i).padStart(12, '0')}`, {
          displayName: `Filler ${i}`,
          givenName: null,
          familyName: null,
          company: null,
          title: null,
          location: null,
          howMet: null,
          notes: '',
          topics: [],
          tags: [],
          employment: [],
        }),
      ),
    );
    const zoe = await createContact(ctx, { name: 'Zoë Kafka', company: 'Acme', notes: 'streams' });
    const ada = await createContact(ctx, { name: 'Ada Lovelace', notes: 'engines' });
    expect(await listed(ctx, 'streams')).toEqual(['Zoë Kafka']);

    await editContact(ctx, { who: zoe.id, name: 'Zoë Berg', familyName: 'Berg', company: 'Globex', notes: 'rivers' });
    expect(await listed(ctx, 'kafka')).toEqual([]);
    expect(await listed(ctx, 'streams')).toEqual([]);
    // Acme stays among her past jobs.
    expect(await listed(ctx, 'acme')).toEqual(['Zoë Berg']);
    expect(await listed(ctx, 'berg glob riv')).toEqual(['Zoë Berg']);

    await trashContact(ctx, zoe.id);
    expect(await listed(ctx, 'rivers')).toEqual([]);
    expect(await listed(ctx, 'berg', 2, { trash: true })).toEqual(['Zoë Berg']);
    await restoreContact(ctx, zoe.id);
    expect(await listed(ctx, 'rivers')).toEqual(['Zoë Berg']);

    // The newest record, so that the next one added may take its index row id once it is gone.
    const dup = await createContact(ctx, { name: 'Ada L.', notes: 'looms', emails: ['ada@analytical.example'] });
    await mergeContactsOp(ctx, ada.id, dup.id);
    expect(await listed(ctx, 'ada')).toEqual(['Ada Lovelace']);
    expect(await listed(ctx, 'looms engines')).toEqual(['Ada Lovelace']);
    expect(await listed(ctx, 'analytical')).toEqual(['Ada Lovelace']);
    // The merged-away record's index row is gone: a record added next (which may take its row id) does not inherit its words.
    await createContact(ctx, { name: 'Eve Noether', notes: 'engines' });
    expect(await listed(ctx, 'looms')).toEqual(['Ada Lovelace']);
    expect(await listed(ctx, 'eve')).toEqual(['Eve Noether']);
    // Ada comes first in the walk through the names, which reads the words kept with the index.
    await editContact(ctx, { who: ada.id, notes: 'gears' });
    expect(await listed(ctx, 'engines', 1)).toEqual(['Eve Noether']);
    expect(await listed(ctx, 'looms', 1)).toEqual([]);
    expect(await listed(ctx, 'gears', 1)).toEqual(['Ada Lovelace']);
  });

  it('finds contacts a vCard import and a backup restore wrote', async () => {
    const vcf = [
      'BEGIN:VCARD',
      'VERSION:3.0',
      'FN:Kim Park',
      'N:Park;Kim;;;',
      'ORG:Initech',
      'EMAIL:kim@parkhaus.example',
      'NOTE:Met at the observability meetup',
      'END:VCARD',
      '',
    ].join('\r\n');
    const report = await runImport(ctx, { source: { bytes: vcf, name: 'kim.vcf' } });
    expect(report.counts.new).toBe(1);
    expect(await listed(ctx, 'initech observ')).toEqual(['Kim Park']);
    expect(await listed(ctx, 'parkhaus')).toEqual(['Kim Park']);

    await createContact(ctx, { name: 'Zoë Kafka', notes: 'streams' });
    const backup = backupToJson(await exportBackup(ctx));
    const other = await makeCtx(dialect, '11111111-1111-7111-8111-');
    try {
      await importBackup(other.ctx, parseBackup(backup));
      expect(await listed(other.ctx, 'streams')).toEqual(['Zoë Kafka']);
      expect(await listed(other.ctx, 'initech')).toEqual(['Kim Park']);
      // Restoring again replaces the records and leaves one index row each.
      await importBackup(other.ctx, parseBackup(backup));
      expect(await listed(other.ctx, 'k', 1)).toEqual(['Kim Park', 'Zoë Kafka']);
    } finally {
      await other.cleanup();
    }
  });
});
