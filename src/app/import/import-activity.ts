/**
 * Messages, emails and meetings into touchpoints, and feed items into posts.
 *
 * A touchpoint is kept with the contacts it names by email or profile URL; people
 * nobody knows are listed (and created only when asked). A message with nobody
 * known is skipped and counted. Re-imports find the touchpoint again by its source
 * and external id, so nothing is logged twice.
 */
import type { PersonRef, PostDraft, TouchpointDraft } from '../../core/drafts.js';
import { normalizeUrl } from '../../core/text-fold.js';
import type { Id, Identity, Post, Touchpoint } from '../../core/types.js';
import type { Store } from '../../storage/store.js';
import { linkKind } from '../contacts.js';
import type { Ctx } from '../ports.js';
import { importedId, type ContactImporter } from './import-contacts.js';
import type { ReportBuilder } from './import-report.js';

function comparableTouch(t: Touchpoint): string {
  return JSON.stringify([
    t.kind,
    t.channel ?? null,
    t.initiatedBy ?? null,
    t.occurredAt,
    [...t.participantIds].sort(),
    t.summary,
    t.notes,
    t.topics,
    t.source ?? null,
    t.externalId ?? null,
  ]);
}

function comparablePost(p: Post): string {
  return JSON.stringify([p.title, p.url ?? null, p.publishedOn, p.summary, p.topics]);
}

export class TouchpointImporter {
  private readonly store: Store;

  constructor(
    private readonly ctx: Ctx,
    private readonly contacts: ContactImporter,
    private readonly report: ReportBuilder,
    private readonly source: string,
    private readonly createContacts: boolean,
  ) {
    this.store = ctx.store;
  }

  /** The contact a person is, by email, then profile URL; created when asked to. */
  private async personId(p: PersonRef, line: number): Promise<Id | null> {
    const index = this.contacts.index;
    const found = (p.email ? index.byEmail(p.email) : undefined) ?? (p.profileUrl ? index.byUrl(p.profileUrl) : undefined);
    if (found) return index.get(found)?.deleted ? null : found;
    if (!this.createContacts || (!p.email && !p.profileUrl)) {
      this.report.unknownPerson(p);
      return null;
    }
    const identities: Identity[] = [];
    if (p.email) identities.push({ kind: 'email', value: p.email, label: null });
    if (p.profileUrl) identities.push({ kind: linkKind(p.profileUrl), value: p.profileUrl, label: null });
    const name = p.name?.trim() || p.email || p.profileUrl || '';
    const before = this.report.report.counts.new;
    const made = await this.contacts.apply({ line, displayName: name, identities, howMet: `imported from ${this.source}` });
    // The contact is a by-product: count it apart from the file's own records.
    if (this.report.report.counts.new > before) {
      this.report.report.counts.new--;
      this.report.report.contactsCreated++;
    }
    return made?.id ?? null;
  }

  /**
   * Imports a batch of touchpoint drafts. Each gets an id derived from its source and
   * external id, so finding the ones imported before is one query per batch, and the
   * new ones are written with one bulk insert.
   */
  async applyBatch(drafts: TouchpointDraft[]): Promise<void> {
    const owner = this.ctx.userId;
    const now = this.ctx.clock.now();
    const fresh = new Map<Id, { t: Touchpoint; line: number }>();
    const resolved: Array<{ d: TouchpointDraft; id: Id; people: Id[] }> = [];
    for (const d of drafts) {
      this.report.sawRecord(d.line);
      const people: Id[] = [];
      for (const p of d.people) {
        const id = await this.personId(p, d.line);
        if (id && !people.includes(id)) people.push(id);
      }
      if (people.length === 0) this.report.passOver('nobody in it is a contact', d.line);
      else resolved.push({ d, id: importedId(owner, this.source, d.externalId), people });
    }
    // People created for these touchpoints must be in the Store before they point at them.
    await this.contacts.flush();
    // A touchpoint imported before may be stored under another id (restored from a backup that
    // remapped it, or written by another tool): its source and external id find it all the same.
    const stored = await this.store.touchpointIdsByExternalId(
      owner,
      this.source,
      resolved.map((r) => r.d.externalId),
    );
    for (const r of resolved) r.id = stored.get(r.d.externalId) ?? r.id;
    const known = await this.store.existingIds(owner, 'touchpoint', [...new Set(resolved.map((r) => r.id))]);
    for (const { d, id, people } of resolved) {
      const t: Touchpoint = {
        id,
        ownerId: owner,
        kind: d.kind,
        channel: d.channel ?? null,
        initiatedBy: d.initiatedBy ?? null,
        occurredAt: d.occurredAt,
        participantIds: people,
        summary: d.summary,
        notes: d.notes ?? '',
        topics: [...new Set(d.topics ?? [])],
        source: this.source,
        externalId: d.externalId,
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      const again = fresh.get(id);
      if (again) {
        // The same message twice in one file: one touchpoint, everyone in it.
        again.t.participantIds = [...new Set([...again.t.participantIds, ...people])];
        this.report.passOver('listed twice in the file', d.line);
        continue;
      }
      const existing = known.has(id) ? await this.store.getTouchpoint(owner, id) : null;
      if (!existing) {
        fresh.set(id, { t, line: d.line });
        this.report.count('new');
        continue;
      }
      // A person added since the last import joins; nobody is dropped from a touch the user may have edited.
      const next: Touchpoint = {
        ...t,
        id: existing.id,
        participantIds: [...new Set([...existing.participantIds, ...people])],
        createdAt: existing.createdAt,
        deletedAt: existing.deletedAt ?? null,
      };
      if (comparableTouch(next) === comparableTouch(existing)) {
        this.report.passOver('already imported', d.line);
        continue;
      }
      await this.store.updateTouchpoint(next);
      this.report.count('updated');
    }
    await this.store.insertTouchpoints([...fresh.values()].map((f) => f.t));
  }
}

export class PostImporter {
  private byKey = new Map<string, Post>();

  private constructor(
    private readonly ctx: Ctx,
    private readonly report: ReportBuilder,
    private readonly source: string,
  ) {}

  /** Loads the user's posts once: a blog has tens or hundreds, not millions. */
  static async load(ctx: Ctx, report: ReportBuilder, source: string): Promise<PostImporter> {
    const p = new PostImporter(ctx, report, source);
    for (const post of await ctx.store.listRecords('post', ctx.userId)) p.remember(post);
    return p;
  }

  private remember(post: Post): void {
    if (post.externalId) this.byKey.set(`id:${post.externalId}`, post);
    if (post.url) this.byKey.set(`url:${normalizeUrl(post.url)}`, post);
  }

  /** Imports one feed item: matched by its id in the feed, then by its URL. */
  async apply(d: PostDraft): Promise<void> {
    this.report.sawRecord(d.line);
    const existing = this.byKey.get(`id:${d.externalId}`) ?? (d.url ? this.byKey.get(`url:${normalizeUrl(d.url)}`) : undefined);
    const post: Post = {
      id: existing?.id ?? this.ctx.ids.next(),
      ownerId: this.ctx.userId,
      title: d.title,
      url: d.url ?? null,
      publishedOn: d.publishedOn,
      summary: d.summary,
      // Topics the user added by hand stay.
      topics: [...new Set([...(existing?.topics ?? []), ...(d.topics ?? [])])],
      source: existing?.source ?? this.source,
      externalId: existing?.externalId ?? d.externalId,
      createdAt: existing?.createdAt ?? this.ctx.clock.now(),
    };
    if (!existing) {
      await this.ctx.store.insertRecord('post', post);
      this.report.count('new');
    } else if (comparablePost(post) !== comparablePost(existing)) {
      await this.ctx.store.updateRecord('post', post);
      this.report.count('updated');
    } else {
      this.report.passOver('already imported', d.line);
      return;
    }
    this.remember(post);
  }
}
