/**
 * Restoring a JSON backup, streamed: the file is read record by record (formats/json-stream),
 * each record is checked against the backup schema and written in batches, so memory stays
 * bounded by a batch whatever the size of the backup (a 1 GB file restores like a 1 MB one).
 *
 * All or nothing: the caller's transaction holds every write, and the first problem
 * (invalid JSON, a record that breaks the schema, a reference to a contact that exists
 * nowhere) stops the writing; checking goes on to report up to 50 problems, each with
 * `file:line` and the field, then the restore throws and the transaction rolls back.
 *
 * Sections restore in dependency order (contacts before the touchpoints naming them, and so
 * on). kith writes them in that order; a section that comes before what it refers to waits
 * in memory for it, so a hand-edited file still restores, only without the memory bound.
 */
import { createHash } from 'node:crypto';
import type { ZodType } from 'zod';
import { AppError, type FieldIssue } from '../core/errors.js';
import type { Contact, Profile, Touchpoint } from '../core/types.js';
import { streamJsonObject, utf8Chunks, type JsonStreamEvent } from '../formats/json-stream.js';
import type { RecordKind, RecordTypes, Store } from '../storage/store.js';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  RECORD_KEYS,
  agendaStateSchema,
  contactSchema,
  profileSchema,
  recordSchemas,
  touchSchema,
  type Backup,
} from './backup-schema.js';
import type { Ctx } from './ports.js';

export interface RestoreCounts {
  new: number;
  updated: number;
}

type RecordSection = (typeof RECORD_KEYS)[number][1];
type Section = 'contacts' | 'touchpoints' | RecordSection | 'agendaStates';
type Row = Record<string, unknown> & { id: string };

const RECORD_SECTIONS = RECORD_KEYS.map(([, key]) => key) as RecordSection[];
const SECTIONS: Section[] = ['contacts', 'touchpoints', ...RECORD_SECTIONS, 'agendaStates'];
const KIND_OF = Object.fromEntries(RECORD_KEYS.map(([kind, key]) => [key, kind])) as Record<RecordSection, RecordKind>;
/** Sections older backups may lack: absent means none. */
const OPTIONAL = new Set<string>(['jobChanges', 'agendaStates']);
/** Top-level properties some writers add: informative only. */
const IGNORED = new Set<string>(['exportedAt', 'generator']);
const HEAD = new Set<string>(['format', 'version', 'profile']);

/** What must be restored before a section (its records refer there). */
const NEEDS: Record<Section, Section[]> = {
  contacts: [],
  touchpoints: ['contacts'],
  communities: ['contacts'],
  events: ['contacts', 'communities'],
  followUps: ['contacts', 'touchpoints'],
  commitments: ['contacts', 'touchpoints'],
  ledger: ['contacts'],
  introductions: ['contacts'],
  posts: [],
  postResponses: ['contacts', 'posts'],
  resources: [],
  jobChanges: ['contacts'],
  // Agenda item ids embed the ids of other records: everything else first.
  agendaStates: ['contacts', 'touchpoints', ...RECORD_SECTIONS],
};

const SCHEMAS: Record<Section, ZodType> = {
  contacts: contactSchema,
  touchpoints: touchSchema,
  ...(Object.fromEntries(RECORD_KEYS.map(([kind, key]) => [key, recordSchemas[kind]])) as unknown as Record<RecordSection, ZodType>),
  agendaStates: agendaStateSchema,
};

/** Records written per batch: one round of id lookups and one bulk insert each. */
const BATCH = 500;
const MAX_ISSUES = 50;

interface Item {
  index: number;
  line: number;
  row: Row;
}

const isSection = (key: string): key is Section => (SECTIONS as string[]).includes(key);

/** A UUID-shaped id for `id` under this owner: the same every time, different for every owner. */
function ownedId(ownerId: string, id: string): string {
  const h = createHash('sha256').update(`${ownerId}\u0000${id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** The contacts a record refers to, with the field each is named in. */
function contactRefs(section: Section, r: Row): Array<{ field: string; id: string }> {
  const refs: Array<{ field: string; id: string }> = [];
  const one = (field: string, v: unknown): void => {
    if (typeof v === 'string' && v) refs.push({ field, id: v });
  };
  if (section === 'touchpoints') for (const p of r.participantIds as string[]) one('participantIds', p);
  else if (section === 'introductions') {
    one('contactAId', r.contactAId);
    one('contactBId', r.contactBId);
  } else if (section === 'events') for (const a of r.attendees as Array<{ contactId: string }>) one('attendees', a.contactId);
  else if (section === 'communities') for (const m of r.memberIds as string[]) one('memberIds', m);
  else if (section !== 'contacts' && section !== 'agendaStates') one('contactId', r.contactId);
  return refs;
}

/**
 * Ids are unique across users, so a backup that reuses ids another user holds (a shared
 * dataset, a colleague's export) gets ids derived for this user instead of a conflict:
 * nobody learns that another user has such a record, and a re-import derives the same ids.
 * References follow, also inside strings (agenda item ids embed contact ids).
 */
class IdMap {
  private readonly map = new Map<string, string>();
  private pattern: RegExp | null = null;

  add(ownerId: string, ids: Iterable<string>): void {
    let grew = false;
    for (const id of ids) {
      if (this.map.has(id)) continue;
      this.map.set(id, ownedId(ownerId, id));
      grew = true;
    }
    if (grew) {
      const keys = [...this.map.keys()].map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
      this.pattern = new RegExp(keys.join('|'), 'g');
    }
  }

  id(id: string): string {
    return this.map.get(id) ?? id;
  }

  apply<T>(value: T): T {
    const map = this.map;
    const pattern = this.pattern;
    if (!pattern) return value;
    const walk = (v: unknown): unknown => {
      if (typeof v === 'string') return map.get(v) ?? v.replace(pattern, (m) => map.get(m) ?? m);
      if (Array.isArray(v)) return v.map(walk);
      if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
      return v;
    };
    return walk(value) as T;
  }
}

class Restorer {
  readonly counts: RestoreCounts = { new: 0, updated: 0 };
  private readonly owner: string;
  private readonly store: Store;
  private readonly issues: FieldIssue[] = [];
  private readonly seen = new Set<string>();
  /** Sections whose array has closed. */
  private readonly closed = new Set<Section>();
  /** Sections written completely. */
  private readonly restored = new Set<Section>();
  /** The backup's own contact ids (as written in the file). */
  private readonly contactIds = new Set<string>();
  private readonly ids = new IdMap();
  /** Contacts with an introducer: set once every contact is in, whatever the order in the file. */
  private readonly introducers: Array<{ id: string; by: string; index: number; line: number }> = [];
  private readonly waiting = new Map<Section, Item[]>();
  /** Contacts whose last touch the new touchpoints change: refreshed once, at the end. */
  private readonly touched = new Set<string>();
  private batch: Item[] = [];
  private sawFormat = false;

  constructor(
    private readonly ctx: Ctx,
    private readonly file: string,
  ) {
    this.owner = ctx.userId;
    this.store = ctx.store;
  }

  private get failed(): boolean {
    return this.issues.length > 0;
  }

  private issue(field: string, message: string, line?: number): void {
    this.issues.push({ file: this.file, ...(line ? { line } : {}), field, message });
    if (this.issues.length >= MAX_ISSUES) this.throwIssues(true);
  }

  private throwIssues(more = false): never {
    const first = this.issues[0] as FieldIssue;
    const where = first.line ? `${this.file}:${first.line}` : this.file;
    const rest = this.issues.length - 1;
    throw new AppError(
      'invalid_input',
      `${where}: ${first.field}: ${first.message}${rest > 0 ? ` (and ${rest}${more ? ' or more' : ''} more)` : ''}`,
      { issues: this.issues },
    );
  }

  private notBackup(): never {
    throw new AppError('invalid_input', `${this.file}: not a kith backup (no "format": "${BACKUP_FORMAT}")`, {
      issues: [{ file: this.file, field: 'format', message: `must be "${BACKUP_FORMAT}"` }],
    });
  }

  /** Names the record a database error came from, so the message says where the file is wrong. */
  private async at(where: string, fn: () => Promise<unknown>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      if (e instanceof AppError && (e.code === 'conflict' || e.code === 'not_found')) {
        throw new AppError(
          e.code,
          `${this.file}: ${where}: ${e.message}`,
          { ...e.details, issues: [{ file: this.file, field: where, message: e.message }] },
          { cause: e },
        );
      }
      throw e;
    }
  }

  async onEvent(ev: JsonStreamEvent): Promise<void> {
    if (ev.kind === 'error') {
      if (this.seen.size === 0 && ev.line === 1 && ev.col === 1 && ev.message.startsWith("Expected '{'")) this.notBackup();
      throw new AppError('invalid_input', `${this.file}:${ev.line}:${ev.col}: not valid JSON: ${ev.message}`, {
        issues: [{ file: this.file, line: ev.line, message: `not valid JSON: ${ev.message}` }],
      });
    }
    if (ev.kind === 'item') {
      if (isSection(ev.key)) await this.item(ev.key, ev.index, ev.line, ev.value);
      return;
    }
    if (ev.kind === 'arrayEnd') {
      if (isSection(ev.key)) await this.close(ev.key);
      return;
    }
    const key = ev.key;
    if (this.seen.has(key)) this.issue(key, 'appears twice', ev.line);
    this.seen.add(key);
    if (ev.kind === 'arrayStart') {
      if (!isSection(key)) this.issue(key, IGNORED.has(key) || HEAD.has(key) ? 'must not be an array' : 'Unrecognized key', ev.line);
      return;
    }
    if (isSection(key)) this.issue(key, `Invalid input: expected array, received ${ev.value === null ? 'null' : typeof ev.value}`, ev.line);
    else if (key === 'format') {
      if (ev.value !== BACKUP_FORMAT) this.notBackup();
      this.sawFormat = true;
    } else if (key === 'version') {
      if (typeof ev.value === 'number' && ev.value > BACKUP_VERSION) {
        throw new AppError(
          'invalid_input',
          `${this.file}: backup version ${ev.value} was written by a newer kith (this one reads up to ${BACKUP_VERSION}).`,
          { issues: [{ file: this.file, field: 'version', message: 'newer than this kith' }] },
        );
      }
      if (typeof ev.value !== 'number' || !Number.isInteger(ev.value)) this.issue('version', 'must be a whole number', ev.line);
    } else if (key === 'profile') await this.profile(ev.value, ev.line);
    else if (!IGNORED.has(key)) this.issue(key, 'Unrecognized key', ev.line);
  }

  private async profile(value: unknown, line: number): Promise<void> {
    if (value === null) return;
    const { ownerId: _o, updatedAt: _u, ...raw } = (value && typeof value === 'object' ? value : {}) as Record<string, unknown>;
    const r = profileSchema.safeParse(value && typeof value === 'object' ? raw : value);
    if (!r.success) {
      for (const i of r.error.issues) this.issue(['profile', ...i.path.map(String)].join('.'), i.message, line);
      return;
    }
    if (this.failed) return;
    await this.store.putProfile({
      ...(r.data as Omit<Profile, 'ownerId' | 'updatedAt'>),
      ownerId: this.owner,
      updatedAt: this.ctx.clock.now(),
    });
  }

  private async item(section: Section, index: number, line: number, value: unknown): Promise<void> {
    let raw = value;
    if (raw && typeof raw === 'object' && !Array.isArray(raw)) {
      // What a backup may carry but kith derives itself: the owner, a contact's last touch.
      const { ownerId: _o, ...rest } = raw as Record<string, unknown>;
      if (section === 'contacts') delete rest.lastTouchAt;
      raw = rest;
    }
    const r = SCHEMAS[section].safeParse(raw);
    if (!r.success) {
      for (const i of r.error.issues) this.issue([section, index, ...i.path].map(String).join('.'), i.message, line);
      return;
    }
    const row = r.data as Row;
    if (section === 'contacts') this.contactIds.add(row.id);
    const item = { index, line, row };
    if (!this.ready(section)) {
      const list = this.waiting.get(section) ?? [];
      list.push(item);
      this.waiting.set(section, list);
      return;
    }
    this.batch.push(item);
    if (this.batch.length >= BATCH) await this.flush(section);
  }

  private ready(section: Section): boolean {
    return NEEDS[section].every((s) => this.restored.has(s));
  }

  private async close(section: Section): Promise<void> {
    await this.flush(section);
    this.closed.add(section);
    await this.settle();
  }

  /** Restores every closed section whose prerequisites are in, until nothing more can be. */
  private async settle(): Promise<void> {
    for (let progress = true; progress; ) {
      progress = false;
      for (const s of SECTIONS) {
        if (!this.closed.has(s) || this.restored.has(s) || !this.ready(s)) continue;
        const held = this.waiting.get(s) ?? [];
        this.waiting.delete(s);
        for (let i = 0; i < held.length; i += BATCH) await this.write(s, held.slice(i, i + BATCH));
        this.restored.add(s);
        progress = true;
      }
    }
  }

  private async flush(section: Section): Promise<void> {
    const items = this.batch;
    this.batch = [];
    if (items.length > 0) await this.write(section, items);
  }

  /** Checks a batch's references, then writes it (unless a problem was found already). */
  private async write(section: Section, items: Item[]): Promise<void> {
    if (section !== 'agendaStates') {
      const kind = section === 'contacts' ? 'contact' : section === 'touchpoints' ? 'touchpoint' : KIND_OF[section];
      const held = await this.store.idsHeldByOthers(
        this.owner,
        kind,
        items.map((i) => i.row.id),
      );
      this.ids.add(this.owner, held);
    }
    await this.checkReferences(section, items);
    if (this.failed) return;
    const rows = items.map((i) => ({ ...this.ids.apply(i.row), ownerId: this.owner }));
    if (section === 'contacts') await this.writeContacts(items, rows as unknown as Contact[]);
    else if (section === 'touchpoints') await this.writeTouchpoints(rows as unknown as Touchpoint[]);
    else if (section === 'agendaStates') {
      for (const st of rows) await this.store.putAgendaState(st as never);
    } else await this.writeRecords(section, KIND_OF[section], items, rows);
  }

  private async checkReferences(section: Section, items: Item[]): Promise<void> {
    const unknown = new Map<string, Array<{ item: Item; field: string }>>();
    for (const item of items) {
      for (const ref of contactRefs(section, item.row)) {
        if (this.contactIds.has(ref.id)) continue;
        const list = unknown.get(ref.id) ?? [];
        list.push({ item, field: ref.field });
        unknown.set(ref.id, list);
      }
    }
    if (unknown.size === 0) return;
    // Not in the backup: it may be one of the user's contacts already.
    const stored = await this.store.existingIds(
      this.owner,
      'contact',
      [...unknown.keys()].map((id) => this.ids.id(id)),
    );
    for (const [id, uses] of unknown) {
      if (stored.has(this.ids.id(id))) continue;
      for (const { item, field } of uses)
        this.issue(`${section}.${item.index}.${field}`, `refers to contact ${id}, which is not in the backup`, item.line);
    }
  }

  private async writeContacts(items: Item[], rows: Contact[]): Promise<void> {
    const contacts = rows.map((c, i) => {
      const item = items[i] as Item;
      // The introducer may come later in the file: set once every contact is in.
      if (c.introducedById) this.introducers.push({ id: c.id, by: item.row.introducedById as string, index: item.index, line: item.line });
      return { ...c, introducedById: null, lastTouchAt: null };
    });
    const known = await this.store.existingIds(
      this.owner,
      'contact',
      contacts.map((c) => c.id),
    );
    const fresh = contacts.filter((c) => !known.has(c.id));
    await this.at('contacts', () => this.store.insertContacts(fresh));
    this.counts.new += fresh.length;
    if (known.size === 0) return;
    const current = new Map((await this.store.getContacts(this.owner, [...known])).map((c) => [c.id, c]));
    for (const c of contacts) {
      if (!known.has(c.id)) continue;
      await this.at(`contact ${c.id}`, () => this.store.updateContact({ ...c, lastTouchAt: current.get(c.id)?.lastTouchAt ?? null }));
      this.counts.updated++;
    }
  }

  private async writeTouchpoints(rows: Touchpoint[]): Promise<void> {
    const known = await this.store.existingIds(
      this.owner,
      'touchpoint',
      rows.map((t) => t.id),
    );
    for (const t of rows) for (const p of t.participantIds) this.touched.add(p);
    await this.at('touchpoints', () =>
      this.store.insertTouchpoints(
        rows.filter((t) => !known.has(t.id)),
        { deferLastTouch: true },
      ),
    );
    this.counts.new += rows.length - known.size;
    for (const t of rows.filter((x) => known.has(x.id))) {
      await this.at(`touchpoint ${t.id}`, () => this.store.updateTouchpoint(t));
      this.counts.updated++;
    }
  }

  private async writeRecords(section: RecordSection, kind: RecordKind, items: Item[], rows: Row[]): Promise<void> {
    const known = await this.store.existingIds(
      this.owner,
      kind,
      rows.map((r) => r.id),
    );
    for (const [i, raw] of rows.entries()) {
      const row = raw as unknown as RecordTypes[typeof kind];
      const where = `${section}.${items[i]?.index ?? i}`;
      if (known.has(raw.id)) {
        await this.at(where, () => this.store.updateRecord(kind, row));
        this.counts.updated++;
      } else {
        await this.at(where, () => this.store.insertRecord(kind, row));
        this.counts.new++;
      }
    }
  }

  /** End of the file: what is missing, what still waits, the introducers; then the verdict. */
  async finish(): Promise<RestoreCounts> {
    if (!this.sawFormat) this.notBackup();
    for (const s of SECTIONS) {
      if (this.seen.has(s)) continue;
      if (!OPTIONAL.has(s)) this.issue(s, 'Invalid input: expected array, received undefined');
      this.closed.add(s);
    }
    if (!this.seen.has('version')) this.issue('version', 'Invalid input: expected number, received undefined');
    if (!this.seen.has('profile')) this.issue('profile', 'Invalid input: expected object, received undefined');
    await this.settle();
    await this.setIntroducers();
    if (this.failed) this.throwIssues();
    await this.store.refreshLastTouches(this.owner, [...this.touched]);
    return this.counts;
  }

  private async setIntroducers(): Promise<void> {
    for (let i = 0; i < this.introducers.length && !this.failed; i += BATCH) {
      const chunk = this.introducers.slice(i, i + BATCH);
      const outside = chunk.filter((x) => !this.contactIds.has(x.by)).map((x) => this.ids.id(x.by));
      const stored = outside.length > 0 ? await this.store.existingIds(this.owner, 'contact', outside) : new Set<string>();
      for (const x of chunk) {
        if (!this.contactIds.has(x.by) && !stored.has(this.ids.id(x.by)))
          this.issue(`contacts.${x.index}.introducedById`, `refers to contact ${x.by}, which is not in the backup`, x.line);
      }
      if (this.failed) return;
      const current = await this.store.getContacts(
        this.owner,
        chunk.map((x) => x.id),
      );
      const by = new Map(chunk.map((x) => [x.id, this.ids.id(x.by)]));
      for (const c of current) await this.at(`contact ${c.id}`, () => this.store.updateContact({ ...c, introducedById: by.get(c.id) ?? null }));
    }
  }
}

async function restore(ctx: Ctx, events: AsyncIterable<JsonStreamEvent>, file: string): Promise<RestoreCounts> {
  return ctx.store.transaction(async (store) => {
    const r = new Restorer({ ...ctx, store }, file);
    for await (const ev of events) await r.onEvent(ev);
    return r.finish();
  });
}

/**
 * Restores a backup file read as a stream of bytes under the acting user, all or nothing;
 * records with known ids are replaced, so a re-import is idempotent.
 */
export async function restoreBackupStream(
  ctx: Ctx,
  source: AsyncIterable<Uint8Array | string> | Iterable<Uint8Array | string>,
  file = 'backup',
): Promise<RestoreCounts> {
  return restore(ctx, streamJsonObject(utf8Chunks(source)), file);
}

/** The events a backup already in memory would give. */
async function* objectEvents(b: Backup): AsyncGenerator<JsonStreamEvent> {
  for (const [key, value] of Object.entries(b)) {
    if (!Array.isArray(value)) {
      yield { kind: 'value', key, value, line: 0 };
      continue;
    }
    yield { kind: 'arrayStart', key, line: 0 };
    for (const [index, item] of value.entries()) yield { kind: 'item', key, index, value: item, line: 0 };
    yield { kind: 'arrayEnd', key, count: value.length };
  }
}

/** Restores a parsed backup under the acting user, all or nothing; records with known ids are replaced. */
export async function importBackup(ctx: Ctx, input: Backup, file = 'backup'): Promise<RestoreCounts> {
  return restore(ctx, objectEvents(input), file);
}
