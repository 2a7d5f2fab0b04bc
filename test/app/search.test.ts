/**
 * The search operation on both databases: its results are exactly what the whole records
 * say (title, detail, people), in the Store's order, though it reads only what it shows.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createContact, editContact, mergeContactsOp, trashContact } from '../../src/app/contacts.js';
import { fixedClock, sequentialIds, type Ctx } from '../../src/app/ports.js';
import { search, type SearchResultItem } from '../../src/app/search.js';
import { localUser } from '../../src/app/session.js';
import { logTouch } from '../../src/app/touchpoints.js';
import { T0 } from '../support/fixtures.js';
import { DIALECTS, freshStore } from '../support/stores.js';

/** The results built from whole records, as search() built them before it read lean rows. */
async function fromWholeRecords(ctx: Ctx, q: string, limit: number): Promise<SearchResultItem[]> {
  const hits = await ctx.store.search(ctx.userId, q, limit);
  const touches = new Map(
    (
      await ctx.store.getTouchpoints(
        ctx.userId,
        hits.filter((h) => h.kind === 'touchpoint').map((h) => h.id),
      )
    ).map((t) => [t.id, t]),
  );
  const ids = [
    ...new Set([
      ...hits.filter((h) => h.kind === 'contact').map((h) => h.id),
      ...[...touches.values()].flatMap((t) => t.participantIds),
    ]),
  ];
  const contacts = new Map((await ctx.store.getContacts(ctx.userId, ids)).map((c) => [c.id, c]));
  return hits.flatMap((h): SearchResultItem[] => {
    if (h.kind === 'contact') {
      const c = contacts.get(h.id);
      if (!c) return [];
      const detail = [c.title, c.company].filter(Boolean).join(' at ');
      return [
        {
          kind: 'contact',
          id: c.id,
          score: h.score,
          title: c.displayName,
          detail,
          contacts: [{ id: c.id, name: c.displayName }],
        },
      ];
    }
    const t = touches.get(h.id);
    if (!t) return [];
    const people = t.participantIds.flatMap((id) => {
      const c = contacts.get(id);
      return c ? [{ id: c.id, name: c.displayName }] : [];
    });
    const detail = `${t.occurredAt.slice(0, 10)} ${t.kind} with ${people.map((p) => p.name).join(', ')}`;
    return [{ kind: 'touchpoint', id: t.id, score: h.score, title: t.summary || t.kind, detail, contacts: people }];
  });
}

describe.each(DIALECTS)('search() on %s', (dialect) => {
  let ctx: Ctx;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    const fresh = await freshStore(dialect);
    cleanup = fresh.cleanup;
    const clock = fixedClock(T0);
    const ids = sequentialIds('00000000-0000-7000-8000-');
    const user = await localUser(fresh.store, clock, ids, {});
    ctx = { store: fresh.store, clock, ids, userId: user.id };
  });
  afterEach(async () => cleanup());

  it('shows each hit as its whole record would, people in order, trashed ones included', async () => {
    const zoe = await createContact(ctx, {
      name: 'Zoë Łukasz-Müller',
      company: 'Acme, Inc.',
      title: 'Staff Engineer',
      notes: 'rust and climbing',
    });
    const li = await createContact(ctx, { name: '李雷', company: 'Rustic Ltd' });
    const soren = await createContact(ctx, { name: 'Søren Søndergaard', title: 'Rust lead' });
    const gone = await createContact(ctx, { name: 'Rusty Trashed' });
    await logTouch(ctx, {
      kind: 'coffee',
      with: [soren.id, zoe.id, li.id],
      on: '2026-11-20',
      summary: 'Rust meetup plans',
      notes: 'climbing too',
    });
    await logTouch(ctx, { kind: 'call', with: [gone.id, zoe.id], on: '2026-11-21', notes: 'rust borrow checker' });
    await logTouch(ctx, { kind: 'dm', with: [li.id], on: '2026-10-02', by: 'them', summary: 'Asked about rustconf' });
    await trashContact(ctx, gone.id);

    for (const q of ['rust', 'rus', 'climbing', 'muller', 'lukasz zoe', 'soren rust', 'nobody', 'rust', 'call']) {
      for (const limit of [1, 3, 20]) {
        expect((await search(ctx, q, limit)).results, `${q} / ${limit}`).toEqual(await fromWholeRecords(ctx, q, limit));
      }
    }
    // Whole words anywhere (newest first), then as prefixes; a trashed contact is not found but still shown among the people.
    const rust = (await search(ctx, 'rust')).results;
    expect(rust.map((r) => [r.title, r.score])).toEqual([
      ['call', 3],
      ['Rust meetup plans', 3],
      ['Søren Søndergaard', 3],
      ['Zoë Łukasz-Müller', 3],
      ['Asked about rustconf', 1],
      ['李雷', 1],
    ]);
    expect(rust[0]?.detail).toBe('2026-11-21 call with Rusty Trashed, Zoë Łukasz-Müller');
    expect(rust[2]?.detail).toBe('Rust lead');
  });

  it('keeps what it shows current through edits, merges and bulk inserts', async () => {
    const zoe = await createContact(ctx, { name: 'Zoë Kafka', company: 'Acme', title: 'CTO' });
    const ada = await createContact(ctx, { name: 'Ada Lovelace', notes: 'kafka fan' });
    const dup = await createContact(ctx, { name: 'Ada L.', notes: 'kafka too' });
    const { touchpoint } = await logTouch(ctx, {
      kind: 'coffee',
      with: [dup.id, zoe.id],
      on: '2026-11-20',
      summary: 'kafka coffee',
    });
    await logTouch(ctx, { kind: 'call', with: [ada.id, dup.id], on: '2026-11-22', summary: 'kafka call' });
    const same = async (): Promise<void> => {
      for (const q of ['kafka', 'kaf', 'ada', 'coffee', 'acme', 'beta', 'kafka video']) {
        expect((await search(ctx, q)).results, q).toEqual(await fromWholeRecords(ctx, q, 20));
      }
    };
    await same();
    // A contact's own fields, and its name among a touchpoint's people.
    await editContact(ctx, { who: zoe.id, name: 'Zoë Kafka-Berg', company: 'Beta', title: null });
    await same();
    // A touchpoint's kind, time, summary and people.
    const t = (await ctx.store.getTouchpoint(ctx.userId, touchpoint.id))!;
    await ctx.store.updateTouchpoint({
      ...t,
      kind: 'video',
      occurredAt: '2026-11-23T15:00:00.000Z',
      summary: 'kafka video',
      participantIds: [zoe.id, ada.id, dup.id],
    });
    await same();
    // A merge moves the other contact's place among the people to the one kept.
    await mergeContactsOp(ctx, ada.id, dup.id);
    await same();
    expect((await search(ctx, 'kafka video')).results[0]?.contacts.map((c) => c.name)).toEqual([
      'Zoë Kafka-Berg',
      'Ada Lovelace',
    ]);
    // Bulk inserts (imports and restores) write the same cards.
    const bulkContact = {
      ...(await ctx.store.getContact(ctx.userId, zoe.id))!,
      id: ctx.ids.next(),
      displayName: 'Kafka Bulk',
      identities: [],
    };
    await ctx.store.insertContacts([bulkContact]);
    await ctx.store.insertTouchpoints([
      { ...t, id: ctx.ids.next(), summary: 'kafka bulk', participantIds: [bulkContact.id, ada.id] },
    ]);
    await same();
    expect((await search(ctx, 'kafka bulk')).results.map((r) => [r.kind, r.detail])).toEqual([
      ['contact', 'Beta'],
      ['touchpoint', `${t.occurredAt.slice(0, 10)} ${t.kind} with Kafka Bulk, Ada Lovelace`],
    ]);
  });
});
