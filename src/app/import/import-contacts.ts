/**
 * Contact drafts into contacts: match, merge or create, one draft at a time.
 *
 * A draft joins an existing contact only on a strong identifier: the source's own
 * id (a vCard UID, kith's own id in its exports, a LinkedIn connection), an email,
 * or a LinkedIn/GitHub URL. The same name, even at the same company, is only
 * reported as a likely duplicate. Existing values win; the draft fills gaps and
 * adds identities, topics and tags, so importing the same file twice changes
 * nothing the second time.
 */
import { createHash } from 'node:crypto';
import type { ContactDraft } from '../../core/drafts.js';
import { fold, normalizeIdentity } from '../../core/text-fold.js';
import type { Contact, Day, Employment, Id, Identity, Topic } from '../../core/types.js';
import type { ImportFormat } from '../../formats/format-detect.js';
import type { Store } from '../../storage/store.js';
import { dedupeIdentities, linkKind } from '../contacts.js';
import type { Ctx } from '../ports.js';
import { ContactIndex, STRONG_KINDS, nameKey } from './contact-index.js';
import type { ReportBuilder } from './import-report.js';

/** A stable id for a record a source identifies by `key`: the same row imported again finds its contact. */
export function importedId(ownerId: Id, source: string, key: string): Id {
  const h = createHash('sha256').update(`${ownerId}\n${source}\n${key}`).digest('hex');
  // Shaped like a UUID (version 8, "custom"), so it sits among the UUIDv7 ids without surprises.
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h.slice(16, 17), 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** How a source identifies a draft across exports, or null when it cannot. */
export function sourceKey(d: ContactDraft, format: ImportFormat): string | null {
  if (d.externalId) return `uid:${d.externalId.trim()}`;
  if (format === 'linkedin') {
    const url = d.identities.find((i) => i.kind === 'linkedin');
    if (url) return `url:${normalizeIdentity('url', url.value)}`;
    // Without a URL (2018–2021 exports) a connection is its person and the day you connected.
    if (d.connectedOn) return `connection:${nameKey(d.displayName)}|${d.connectedOn}`;
  }
  // Sources without ids (Google, Outlook): the same content is the same row.
  const { line: _line, ...content } = d;
  return `content:${createHash('sha256').update(JSON.stringify(content)).digest('hex')}`;
}

function cleanIdentities(list: Identity[]): Identity[] {
  const out: Identity[] = [];
  for (const i of list) {
    const value = i.value.trim();
    if (!value) continue;
    const kind = i.kind === 'url' ? linkKind(value) : i.kind;
    out.push({ kind, value, label: i.label ?? null });
  }
  return dedupeIdentities(out);
}

const topicKey = (t: Topic): string => `${t.kind}:${fold(t.text)}`;
const empty = (v: unknown): boolean => v === null || v === undefined || v === '';
const fill = <T>(have: T | null | undefined, extra: T | null | undefined): T | null =>
  empty(have) ? (extra ?? null) : (have as T);

/** What decides "did this import change the contact": everything but the timestamps. */
function comparable(c: Contact): string {
  const { updatedAt: _u, lastTouchAt: _l, ...rest } = c;
  return JSON.stringify(rest);
}

function howMetOf(d: ContactDraft): string | null {
  if (d.howMet && d.connectedOn && !d.howMet.includes(d.connectedOn)) return `${d.howMet} (connected ${d.connectedOn})`;
  return d.howMet ?? null;
}

export type ContactOutcome = { id: Id; created: boolean } | null;

export class ContactImporter {
  private readonly store: Store;

  constructor(
    private readonly ctx: Ctx,
    readonly index: ContactIndex,
    private readonly report: ReportBuilder,
    private readonly format: ImportFormat,
    private readonly today: Day,
  ) {
    this.store = ctx.store;
  }

  /** New contacts not written yet: they go to the Store in one bulk insert per batch. */
  private readonly pending = new Map<Id, Contact>();
  /** Existing contacts read for this batch, in one query. */
  private readonly cache = new Map<Id, Contact>();

  /** The ids a draft can be found by: its own id, the id its source key gives, and its strong identities. */
  private candidates(d: ContactDraft): { ownId?: string; derived: Id | null; identities: Identity[] } {
    const identities = cleanIdentities(d.identities);
    const key = sourceKey(d, this.format);
    const derived = key ? importedId(this.ctx.userId, this.format, key) : null;
    const ownId = d.externalId?.trim().replace(/^urn:uuid:/i, '');
    return { ownId, derived, identities };
  }

  /** Imports a batch of drafts: the contacts they match are read in one query, the new ones written in one go. */
  async applyBatch(drafts: ContactDraft[]): Promise<void> {
    const want = new Set<Id>();
    const found = drafts.map((d) => this.candidates(d));
    for (const { ownId, derived, identities } of found) {
      for (const id of [ownId, derived, ...identities.map((i) => this.index.byIdentityOf(i))]) {
        if (id && this.index.has(id) && !this.pending.has(id) && !this.cache.has(id)) want.add(id);
      }
    }
    if (want.size > 0) for (const c of await this.store.getContacts(this.ctx.userId, [...want])) this.cache.set(c.id, c);
    for (const [i, d] of drafts.entries()) await this.apply(d, found[i]);
    await this.flush();
  }

  /** Writes what is pending: new contacts, then the job changes found. */
  async flush(): Promise<void> {
    if (this.pending.size > 0) {
      await this.store.insertContacts([...this.pending.values()]);
      this.pending.clear();
    }
    await this.flushJobChanges();
    this.cache.clear();
  }

  /** Imports one draft; returns the contact it became part of, or null when it was skipped. Call flush() before relying on it in the Store. */
  async apply(d: ContactDraft, known?: ReturnType<ContactImporter['candidates']>): Promise<ContactOutcome> {
    this.report.sawRecord(d.line);
    const { ownId, derived, identities } = known ?? this.candidates(d);

    let target: Id | undefined;
    let how: 'id' | 'identity' = 'id';
    if (ownId && this.index.has(ownId)) target = ownId;
    else if (derived && this.index.has(derived)) target = derived;
    const strongMatches = [
      ...new Set(identities.filter((i) => STRONG_KINDS.has(i.kind)).flatMap((i) => this.index.byIdentityOf(i) ?? [])),
    ];
    if (!target && strongMatches[0]) {
      target = strongMatches[0];
      how = 'identity';
    }
    const name = d.displayName.trim() || identities[0]?.value || '';
    for (const other of strongMatches) {
      if (other !== target && target) {
        const a = this.index.get(target);
        const b = this.index.get(other);
        if (a && b)
          this.report.duplicate(
            { id: a.id, name: a.name },
            { id: b.id, name: b.name },
            `both match ${this.report.report.file}:${d.line} by email or profile URL`,
          );
      }
    }

    // Identities another contact already holds stay with that contact (they are unique per user).
    const conflicts: Array<{ holder: Id; value: string }> = [];
    const own = identities.filter((i) => {
      const holder = this.index.byIdentityOf(i);
      if (!holder || holder === target) return true;
      conflicts.push({ holder, value: i.value });
      return false;
    });
    const hintConflicts = (id: Id): void => {
      for (const c of conflicts) {
        const h = this.index.get(c.holder);
        if (h) this.report.duplicate({ id: h.id, name: h.name }, { id, name }, `share ${c.value}`);
      }
    };

    const existing = target
      ? (this.pending.get(target) ?? this.cache.get(target) ?? (await this.store.getContact(this.ctx.userId, target)))
      : null;
    if (!existing) {
      const created = await this.create(d, name, own, derived);
      hintConflicts(created.id);
      return created;
    }
    hintConflicts(existing.id);
    if (existing.deletedAt) {
      this.report.passOver('the contact is in the trash', d.line);
      return null;
    }
    const next = this.mergeInto(existing, d, own);
    if (comparable(next) === comparable(existing)) {
      this.report.passOver('unchanged', d.line);
      return { id: existing.id, created: false };
    }
    const written = { ...next, updatedAt: this.ctx.clock.now() };
    // The same person twice in one file: the second row joins the first before it is written.
    if (this.pending.has(existing.id)) this.pending.set(existing.id, written);
    else {
      await this.store.updateContact(written);
      this.cache.set(existing.id, written);
    }
    this.index.add(next);
    this.report.count(how === 'id' ? 'updated' : 'merged');
    return { id: existing.id, created: false };
  }

  private async create(
    d: ContactDraft,
    name: string,
    identities: Identity[],
    derived: Id | null,
  ): Promise<{ id: Id; created: true }> {
    const now = this.ctx.clock.now();
    const id = derived && !this.index.has(derived) ? derived : this.ctx.ids.next();
    const company = d.company?.trim() || null;
    const contact: Contact = {
      id,
      ownerId: this.ctx.userId,
      displayName: name,
      givenName: d.givenName ?? null,
      familyName: d.familyName ?? null,
      nickname: d.nickname ?? null,
      identities,
      company,
      title: d.title?.trim() || null,
      employment: d.employment?.length
        ? d.employment.map(normEmployment)
        : company
          ? [{ company, title: d.title?.trim() || null, from: null, to: null }]
          : [],
      location: d.location ?? null,
      timeZone: d.timeZone ?? null,
      birthday: d.birthday ?? null,
      howMet: howMetOf(d),
      introducedById: null,
      circle: d.circle ?? 'network',
      cadenceDays: d.cadenceDays ?? null,
      boundaries: {
        pausedUntil: d.boundaries?.pausedUntil ?? null,
        minGapDays: d.boundaries?.minGapDays ?? null,
        preferredChannel: d.boundaries?.preferredChannel ?? null,
        note: d.boundaries?.note ?? null,
      },
      topics: uniqueBy(d.topics ?? [], topicKey),
      tags: uniqueBy(d.tags ?? [], fold),
      notes: d.notes ?? '',
      photo: d.photo ?? null,
      lastTouchAt: null,
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    };
    for (const same of this.report.wantsDuplicates() ? this.index.sameName(name) : []) {
      const atSame = company && same.company && fold(same.company) === fold(company);
      this.report.duplicate({ id: same.id, name: same.name }, { id, name }, atSame ? `same name at ${company}` : 'same name');
    }
    this.pending.set(id, contact);
    this.index.add(contact);
    this.report.count('new');
    return { id, created: true };
  }

  /** The existing contact with what the draft adds. A LinkedIn export is current: a new employer there is a job change. */
  private mergeInto(c: Contact, d: ContactDraft, identities: Identity[]): Contact {
    const next: Contact = {
      ...c,
      givenName: fill(c.givenName, d.givenName),
      familyName: fill(c.familyName, d.familyName),
      nickname: fill(c.nickname, d.nickname),
      identities: [...c.identities, ...identities.filter((i) => !c.identities.some((h) => sameIdentity(h, i)))],
      location: fill(c.location, d.location),
      timeZone: fill(c.timeZone, d.timeZone),
      birthday: betterBirthday(c.birthday ?? null, d.birthday ?? null),
      howMet: fill(c.howMet, howMetOf(d)),
      cadenceDays: fill(c.cadenceDays, d.cadenceDays),
      boundaries: {
        pausedUntil: fill(c.boundaries.pausedUntil, d.boundaries?.pausedUntil),
        minGapDays: fill(c.boundaries.minGapDays, d.boundaries?.minGapDays),
        preferredChannel: fill(c.boundaries.preferredChannel, d.boundaries?.preferredChannel),
        note: fill(c.boundaries.note, d.boundaries?.note),
      },
      topics: uniqueBy([...c.topics, ...(d.topics ?? [])], topicKey),
      tags: uniqueBy([...c.tags, ...(d.tags ?? [])], fold),
      notes: mergeNotes(c.notes, d.notes ?? ''),
      photo: fill(c.photo, d.photo),
    };
    const company = d.company?.trim() || null;
    const title = d.title?.trim() || null;
    if (this.format === 'linkedin' && company) this.applyCurrentJob(next, c, company, title);
    else {
      next.company = fill(c.company, company);
      next.title = fill(c.title, title);
      const known = new Set(c.employment.map((e) => `${fold(e.company)}|${fold(e.title ?? '')}`));
      const extra = (d.employment ?? [])
        .map(normEmployment)
        .filter((e) => !known.has(`${fold(e.company)}|${fold(e.title ?? '')}`));
      if (extra.length === 0 && company && !c.employment.some((e) => fold(e.company) === fold(company))) {
        extra.push({ company, title, from: null, to: null });
      }
      next.employment = [...c.employment, ...extra];
    }
    return next;
  }

  /** Records the employer a LinkedIn export shows as current: a new company closes the open job and opens the new one (P10). */
  private applyCurrentJob(next: Contact, c: Contact, company: string, title: string | null): void {
    const sameCompany = !!c.company && fold(c.company) === fold(company);
    if (sameCompany) {
      if (!title || fold(title) === fold(c.title ?? '')) return;
      const here = (e: Employment): boolean => fold(e.company) === fold(company);
      // A title kith already saw replaced at this company comes from an older export.
      if (c.employment.some((e) => here(e) && e.to != null && fold(e.title ?? '') === fold(title))) return;
      next.title = title;
      // A new role at the same company is history too (P10): the old one closes, the new one opens.
      next.employment = c.employment.some((e) => e.to == null && here(e))
        ? [
            ...c.employment.map((e) => (e.to == null && here(e) ? { ...e, to: this.today } : e)),
            { company, title, from: this.today, to: null },
          ]
        : [...c.employment, { company, title, from: null, to: null }];
      return;
    }
    // A job kith already saw end is not news: this row comes from an export older than what kith knows.
    if (c.company && c.employment.some((e) => e.to != null && fold(e.company) === fold(company))) return;
    next.company = company;
    next.title = title;
    if (!c.company) {
      // Nothing known before: this is what we learn, not a change.
      next.employment = c.employment.some((e) => fold(e.company) === fold(company))
        ? c.employment
        : [...c.employment, { company, title, from: null, to: null }];
      return;
    }
    const old = fold(c.company);
    next.employment = [
      ...c.employment.map((e) => (e.to == null && fold(e.company) === old ? { ...e, to: this.today } : e)),
      { company, title, from: this.today, to: null },
    ];
    this.pendingJobChanges.push({ contactId: c.id, name: c.displayName, from: c.company, to: company });
  }

  private readonly pendingJobChanges: Array<{ contactId: Id; name: string; from: string | null; to: string }> = [];

  /** Writes the job changes found so far (the agenda raises them) and notes them in the report. */
  private async flushJobChanges(): Promise<void> {
    for (const j of this.pendingJobChanges.splice(0)) {
      await this.store.insertRecord('jobChange', {
        id: this.ctx.ids.next(),
        ownerId: this.ctx.userId,
        contactId: j.contactId,
        fromCompany: j.from,
        toCompany: j.to,
        detectedOn: this.today,
        createdAt: this.ctx.clock.now(),
      });
      this.report.report.jobChanges.push(j);
    }
  }
}

const URL_KINDS = new Set(['linkedin', 'github', 'blog', 'site', 'url']);

/** The same identity, whatever kind of URL each source called it. */
function sameIdentity(a: Identity, b: Identity): boolean {
  const ka = URL_KINDS.has(a.kind) ? 'url' : a.kind;
  const kb = URL_KINDS.has(b.kind) ? 'url' : b.kind;
  return ka === kb && normalizeIdentity(ka, a.value) === normalizeIdentity(kb, b.value);
}

function normEmployment(e: Employment): Employment {
  return { company: e.company, title: e.title ?? null, from: e.from ?? null, to: e.to ?? null };
}

function uniqueBy<T>(list: T[], key: (x: T) => string): T[] {
  const seen = new Set<string>();
  return list.filter((x) => {
    const k = key(x);
    if (seen.has(k)) return false;
    seen.add(k);
    return true;
  });
}

/** Keeps what is there; a draft's notes are added once, never twice. */
function mergeNotes(have: string, extra: string): string {
  const e = extra.trim();
  if (!e || have.includes(e)) return have;
  if (!have.trim()) return extra;
  return `${have.trimEnd()}\n\n---\n\n${e}`;
}

/** A birthday with the year beats the same day without it; otherwise the one we have wins. */
function betterBirthday(have: string | null, extra: string | null): string | null {
  if (!have) return extra;
  if (extra && have.startsWith('--') && !extra.startsWith('--') && extra.slice(5) === have.slice(2)) return extra;
  return have;
}
