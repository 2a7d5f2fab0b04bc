/**
 * The JSON backup: every entity of one user, lossless. Export → import into an
 * empty home → export gives the same bytes. Import validates the whole file before
 * it writes anything, then writes it in one transaction.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import { AppError, type FieldIssue } from '../core/errors.js';
import {
  CHANNELS,
  CIRCLES,
  COMMITMENT_DIRECTIONS,
  COMMITMENT_STATUSES,
  INITIATORS,
  INTRO_STATUSES,
  LEDGER_DIRECTIONS,
  LEDGER_KINDS,
  TOUCH_KINDS,
  type Contact,
  type Profile,
  type Touchpoint,
} from '../core/types.js';
import type { RecordKind, RecordTypes, Store } from '../storage/store.js';
import type { Ctx } from './ports.js';
import { birthday, day, employment, identity, topic } from './schemas.js';

export const BACKUP_FORMAT = 'kith-backup';
export const BACKUP_VERSION = 1;

const nul = <T extends z.ZodType>(t: T) => t.nullable();
const instant = z.iso.datetime({ offset: false, precision: -1 }).or(z.iso.datetime());
const id = z.string().min(1).max(200);

const contactSchema = z
  .object({
    id,
    displayName: z.string().min(1),
    givenName: nul(z.string()),
    familyName: nul(z.string()),
    nickname: nul(z.string()),
    identities: z.array(identity.extend({ label: z.string().nullable() })),
    company: nul(z.string()),
    title: nul(z.string()),
    employment: z.array(
      employment.extend({ title: z.string().nullable(), from: z.string().nullable(), to: z.string().nullable() }),
    ),
    location: nul(z.string()),
    timeZone: nul(z.string()),
    birthday: nul(birthday),
    howMet: nul(z.string()),
    introducedById: nul(id),
    circle: z.enum(CIRCLES),
    cadenceDays: nul(z.number().int().positive()),
    boundaries: z.object({
      pausedUntil: nul(day),
      minGapDays: nul(z.number().int().min(0)),
      preferredChannel: nul(z.enum(CHANNELS)),
      note: nul(z.string()),
    }),
    topics: z.array(topic),
    tags: z.array(z.string()),
    notes: z.string(),
    photo: nul(z.string()),
    createdAt: instant,
    updatedAt: instant,
    deletedAt: nul(instant),
  })
  .strict();

const touchSchema = z
  .object({
    id,
    kind: z.enum(TOUCH_KINDS),
    channel: nul(z.enum(CHANNELS)),
    initiatedBy: nul(z.enum(INITIATORS)),
    occurredAt: instant,
    participantIds: z.array(id).min(1),
    summary: z.string(),
    notes: z.string(),
    topics: z.array(z.string()),
    source: nul(z.string()),
    externalId: nul(z.string()),
    createdAt: instant,
    updatedAt: instant,
    deletedAt: nul(instant),
  })
  .strict();

const recordSchemas = {
  followUp: z
    .object({
      id,
      contactId: id,
      text: z.string(),
      dueOn: nul(day),
      doneAt: nul(instant),
      touchpointId: nul(id),
      createdAt: instant,
    })
    .strict(),
  commitment: z
    .object({
      id,
      contactId: id,
      direction: z.enum(COMMITMENT_DIRECTIONS),
      text: z.string(),
      dueOn: nul(day),
      status: z.enum(COMMITMENT_STATUSES),
      resolvedOn: nul(day),
      touchpointId: nul(id),
      createdAt: instant,
    })
    .strict(),
  ledger: z
    .object({
      id,
      contactId: id,
      direction: z.enum(LEDGER_DIRECTIONS),
      kind: z.enum(LEDGER_KINDS),
      note: z.string(),
      occurredOn: day,
      isPublic: z.boolean(),
      createdAt: instant,
    })
    .strict(),
  introduction: z
    .object({
      id,
      contactAId: id,
      contactBId: id,
      status: z.enum(INTRO_STATUSES),
      reason: z.string(),
      createdAt: instant,
      updatedAt: instant,
    })
    .strict(),
  community: z
    .object({
      id,
      name: z.string().min(1),
      url: nul(z.string()),
      cadenceDays: nul(z.number().int().positive()),
      notes: z.string(),
      memberIds: z.array(id),
      createdAt: instant,
    })
    .strict(),
  event: z
    .object({
      id,
      name: z.string().min(1),
      startsOn: day,
      endsOn: nul(day),
      location: nul(z.string()),
      url: nul(z.string()),
      communityId: nul(id),
      notes: z.string(),
      attendees: z.array(z.object({ contactId: id, met: z.boolean() }).strict()),
      createdAt: instant,
    })
    .strict(),
  post: z
    .object({
      id,
      title: z.string().min(1),
      url: nul(z.string()),
      publishedOn: day,
      summary: z.string(),
      topics: z.array(z.string()),
      source: nul(z.string()),
      externalId: nul(z.string()),
      createdAt: instant,
    })
    .strict(),
  postResponse: z
    .object({
      id,
      postId: id,
      contactId: nul(id),
      authorName: nul(z.string()),
      receivedAt: instant,
      summary: z.string(),
      repliedAt: nul(instant),
      createdAt: instant,
    })
    .strict(),
  resource: z
    .object({
      id,
      url: nul(z.string()),
      title: z.string().min(1),
      topics: z.array(z.string()),
      notes: z.string(),
      createdAt: instant,
    })
    .strict(),
  jobChange: z
    .object({
      id,
      contactId: id,
      fromCompany: nul(z.string()),
      toCompany: z.string().min(1),
      detectedOn: day,
      createdAt: instant,
    })
    .strict(),
} satisfies Record<RecordKind, z.ZodType>;

/** The backup's keys for each record kind, in the order they are written and restored. */
const RECORD_KEYS = [
  ['community', 'communities'],
  ['event', 'events'],
  ['followUp', 'followUps'],
  ['commitment', 'commitments'],
  ['ledger', 'ledger'],
  ['introduction', 'introductions'],
  ['post', 'posts'],
  ['postResponse', 'postResponses'],
  ['resource', 'resources'],
  ['jobChange', 'jobChanges'],
] as const satisfies ReadonlyArray<readonly [RecordKind, string]>;

const profileSchema = z
  .object({
    name: z.string(),
    emails: z.array(z.string()),
    urls: z.array(z.string()),
    employment: z.array(
      employment.extend({ title: z.string().nullable(), from: z.string().nullable(), to: z.string().nullable() }),
    ),
    schedulingLink: nul(z.string()),
    timeZone: z.string(),
    weeklyGoal: z.number().int().min(0),
    dailyBudget: z.number().int().min(1),
    cadenceDefaults: z.object({
      inner: nul(z.number().int().positive()),
      active: nul(z.number().int().positive()),
      network: nul(z.number().int().positive()),
      dormant: nul(z.number().int().positive()),
    }),
    postsPerMonth: z.number().min(0),
  })
  .strict();

const backupSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.number().int(),
    profile: nul(profileSchema),
    contacts: z.array(contactSchema),
    touchpoints: z.array(touchSchema),
    communities: z.array(recordSchemas.community),
    events: z.array(recordSchemas.event),
    followUps: z.array(recordSchemas.followUp),
    commitments: z.array(recordSchemas.commitment),
    ledger: z.array(recordSchemas.ledger),
    introductions: z.array(recordSchemas.introduction),
    posts: z.array(recordSchemas.post),
    postResponses: z.array(recordSchemas.postResponse),
    resources: z.array(recordSchemas.resource),
    // Added after the first backups were written: absent means none.
    jobChanges: z.array(recordSchemas.jobChange).default([]),
    agendaStates: z
      .array(z.object({ itemId: z.string().min(1), snoozedUntil: nul(day), doneOn: nul(day), updatedAt: instant }).strict())
      .default([]),
  })
  .strict();

export type Backup = z.infer<typeof backupSchema>;

/** Drops the owner (the backup is restored under whoever imports it) and what the Store derives. */
function strip<T extends { ownerId?: unknown }>(x: T): Omit<T, 'ownerId'> {
  const { ownerId: _owner, ...rest } = x;
  return rest;
}

const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Every entity of the acting user, in a stable order. */
export async function exportBackup(ctx: Ctx): Promise<Backup> {
  const { store, userId } = ctx;
  const profile = await store.getProfile(userId);
  const contacts = (await store.listContacts(userId, { state: 'all' })).sort(byId).map((c) => {
    const { lastTouchAt: _derived, ...rest } = strip(c);
    return rest;
  });
  const touchpoints = (await store.listTouchpoints(userId, { state: 'all', order: 'asc' })).sort(byId).map(strip);
  const out: Record<string, unknown> = {
    format: BACKUP_FORMAT,
    version: BACKUP_VERSION,
    profile: profile ? (({ ownerId: _o, updatedAt: _u, ...p }) => p)(profile) : null,
    contacts,
    touchpoints,
  };
  for (const [kind, key] of RECORD_KEYS) {
    out[key] = (await store.listRecords(kind, userId)).sort(byId).map((r) => strip(r as { ownerId: string; id: string }));
  }
  out.agendaStates = (await store.listAgendaStates(userId)).map(strip);
  return out as Backup;
}

/** Serialises a backup the one way kith writes it: two-space JSON and a final newline. */
export function backupToJson(b: Backup): string {
  return `${JSON.stringify(b, null, 2)}\n`;
}

/** 1-based line and column of a character offset. */
function lineCol(text: string, pos: number): { line: number; col: number } {
  let line = 1;
  let last = -1;
  for (let i = 0; i < pos && i < text.length; i++) {
    if (text.charCodeAt(i) === 10) {
      line++;
      last = i;
    }
  }
  return { line, col: pos - last };
}

/** Where in the text the record at `path` (e.g. contacts.3.displayName) starts: its line, found by its id. */
function lineOfPath(text: string, data: unknown, path: PropertyKey[]): number | undefined {
  let node: unknown = data;
  let idValue: string | undefined;
  for (const key of path) {
    if (node && typeof node === 'object') {
      node = (node as Record<string, unknown>)[key as string];
      if (node && typeof node === 'object' && typeof (node as { id?: unknown }).id === 'string')
        idValue = (node as { id: string }).id;
    }
  }
  if (!idValue) return undefined;
  const at = text.indexOf(`"id": ${JSON.stringify(idValue)}`);
  const at2 = at >= 0 ? at : text.indexOf(JSON.stringify(idValue));
  return at2 >= 0 ? lineCol(text, at2).line : undefined;
}

/**
 * Drops what a backup may carry but kith derives itself (the owner, a contact's last
 * touch), so a record exported through the API or another tool still restores.
 */
function withoutDerived(data: unknown): unknown {
  if (!data || typeof data !== 'object') return data;
  const out: Record<string, unknown> = { ...(data as Record<string, unknown>) };
  // Metadata some writers add: informative only.
  delete out.exportedAt;
  delete out.generator;
  if (out.profile && typeof out.profile === 'object') {
    const { ownerId: _o, updatedAt: _u, ...profile } = out.profile as Record<string, unknown>;
    out.profile = profile;
  }
  for (const [key, value] of Object.entries(out)) {
    if (!Array.isArray(value)) continue;
    out[key] = value.map((row: unknown) => {
      if (!row || typeof row !== 'object') return row;
      const { ownerId: _o, ...rest } = row as Record<string, unknown>;
      if (key === 'contacts') delete rest.lastTouchAt;
      return rest;
    });
  }
  return out;
}

/** Parses and validates a backup file's text; throws invalid_input naming `file:line` and the field. */
export function parseBackup(text: string, file = 'backup'): Backup {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (e) {
    const msg = (e as Error).message;
    const m = /position (\d+)/.exec(msg);
    const pos = m ? Number(m[1]) : text.length;
    const { line, col } = lineCol(text, pos);
    const what = m ? msg.replace(/ in JSON at position \d+.*$/, '') : 'the file ends too early (is it truncated?)';
    throw new AppError('invalid_input', `${file}:${line}:${col}: not valid JSON: ${what}`, {
      issues: [{ file, line, message: `not valid JSON: ${what}` }],
    });
  }
  if (data && typeof data === 'object' && (data as { format?: unknown }).format !== BACKUP_FORMAT) {
    throw new AppError('invalid_input', `${file}: not a kith backup (no "format": "${BACKUP_FORMAT}")`, {
      issues: [{ file, field: 'format', message: `must be "${BACKUP_FORMAT}"` }],
    });
  }
  const version = (data as { version?: unknown } | null)?.version;
  if (typeof version === 'number' && version > BACKUP_VERSION) {
    throw new AppError(
      'invalid_input',
      `${file}: backup version ${version} was written by a newer kith (this one reads up to ${BACKUP_VERSION}).`,
      {
        issues: [{ file, field: 'version', message: 'newer than this kith' }],
      },
    );
  }
  const r = backupSchema.safeParse(withoutDerived(data));
  if (!r.success) {
    const issues: FieldIssue[] = r.error.issues.slice(0, 50).map((i) => ({
      file,
      line: lineOfPath(text, data, i.path),
      field: i.path.map(String).join('.'),
      message: i.message,
    }));
    const first = issues[0];
    const where = first?.line ? `${file}:${first.line}` : file;
    throw new AppError(
      'invalid_input',
      `${where}: ${first?.field}: ${first?.message}${issues.length > 1 ? ` (and ${r.error.issues.length - 1} more)` : ''}`,
      {
        issues,
      },
    );
  }
  return r.data;
}

export interface RestoreCounts {
  new: number;
  updated: number;
}

/** Checks that every reference in the backup points at something in it or already stored. */
async function checkReferences(b: Backup, store: Store, ownerId: string, file: string): Promise<void> {
  const contactIds = new Set(b.contacts.map((c) => c.id));
  const issues: FieldIssue[] = [];
  const known = async (cid: string): Promise<boolean> => contactIds.has(cid) || !!(await store.getContact(ownerId, cid));
  const need = async (cid: string | null | undefined, field: string): Promise<void> => {
    if (cid && !(await known(cid))) issues.push({ file, field, message: `refers to contact ${cid}, which is not in the backup` });
  };
  for (const [i, c] of b.contacts.entries()) await need(c.introducedById, `contacts.${i}.introducedById`);
  for (const [i, t] of b.touchpoints.entries())
    for (const p of t.participantIds) await need(p, `touchpoints.${i}.participantIds`);
  for (const [i, f] of b.followUps.entries()) await need(f.contactId, `followUps.${i}.contactId`);
  for (const [i, f] of b.commitments.entries()) await need(f.contactId, `commitments.${i}.contactId`);
  for (const [i, f] of b.ledger.entries()) await need(f.contactId, `ledger.${i}.contactId`);
  for (const [i, f] of b.introductions.entries()) {
    await need(f.contactAId, `introductions.${i}.contactAId`);
    await need(f.contactBId, `introductions.${i}.contactBId`);
  }
  for (const [i, e] of b.events.entries()) for (const a of e.attendees) await need(a.contactId, `events.${i}.attendees`);
  for (const [i, c] of b.communities.entries()) for (const m of c.memberIds) await need(m, `communities.${i}.memberIds`);
  for (const [i, r] of b.postResponses.entries()) await need(r.contactId, `postResponses.${i}.contactId`);
  for (const [i, j] of b.jobChanges.entries()) await need(j.contactId, `jobChanges.${i}.contactId`);
  if (issues.length > 0) {
    const first = issues[0];
    throw new AppError('invalid_input', `${file}: ${first?.field}: ${first?.message}`, { issues });
  }
}

/** A UUID-shaped id for `id` under this owner: the same every time, different for every owner. */
function ownedId(ownerId: string, id: string): string {
  const h = createHash('sha256').update(`${ownerId}\u0000${id}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-8${h.slice(13, 16)}-${((parseInt(h[16] ?? '0', 16) & 0x3) | 0x8).toString(16)}${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

/** Every string in a value, with the mapped ids replaced (agenda item ids embed contact ids, so inside strings too). */
function remapIds<T>(value: T, map: Map<string, string>): T {
  if (map.size === 0) return value;
  const pattern = new RegExp([...map.keys()].map((k) => k.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('|'), 'g');
  const walk = (v: unknown): unknown => {
    if (typeof v === 'string') return map.get(v) ?? v.replace(pattern, (m) => map.get(m) ?? m);
    if (Array.isArray(v)) return v.map(walk);
    if (v && typeof v === 'object') return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, walk(x)]));
    return v;
  };
  return walk(value) as T;
}

/**
 * Ids are unique across users, so a backup that reuses ids another user holds (a
 * shared dataset, a colleague's export) gets ids derived for this user instead of a
 * conflict: nobody learns that another user has such a record, and re-importing
 * the same file derives the same ids again.
 */
async function ownIds(store: Store, owner: string, b: Backup): Promise<Backup> {
  const map = new Map<string, string>();
  const check = async (kind: 'contact' | 'touchpoint' | RecordKind, rows: Array<{ id: string }>): Promise<void> => {
    for (const id of await store.idsHeldByOthers(
      owner,
      kind,
      rows.map((r) => r.id),
    ))
      map.set(id, ownedId(owner, id));
  };
  await check('contact', b.contacts);
  await check('touchpoint', b.touchpoints);
  for (const [kind, key] of RECORD_KEYS) await check(kind, b[key] as Array<{ id: string }>);
  return remapIds(b, map);
}

/** Restores a backup under the acting user, all or nothing; records with known ids are replaced (re-import is idempotent). */
export async function importBackup(ctx: Ctx, input: Backup, file = 'backup'): Promise<RestoreCounts> {
  const counts: RestoreCounts = { new: 0, updated: 0 };
  const owner = ctx.userId;
  // Names the record a database error came from, so the message says where the file is wrong.
  const at = async (where: string, fn: () => Promise<unknown>): Promise<void> => {
    try {
      await fn();
    } catch (e) {
      if (e instanceof AppError && (e.code === 'conflict' || e.code === 'not_found')) {
        throw new AppError(
          e.code,
          `${file}: ${where}: ${e.message}`,
          { ...e.details, issues: [{ file, field: where, message: e.message }] },
          { cause: e },
        );
      }
      throw e;
    }
  };
  await ctx.store.transaction(async (store) => {
    const b = await ownIds(store, owner, input);
    await checkReferences(b, store, owner, file);
    if (b.profile)
      await store.putProfile({
        ...(b.profile as Omit<Profile, 'ownerId' | 'updatedAt'>),
        ownerId: owner,
        updatedAt: ctx.clock.now(),
      });
    // Contacts first without their introducer, so the order within the file does not matter.
    const contacts: Contact[] = b.contacts.map((raw) => ({
      ...(raw as Omit<Contact, 'ownerId'>),
      ownerId: owner,
      lastTouchAt: null,
    }));
    const knownContacts = await store.existingIds(
      owner,
      'contact',
      contacts.map((c) => c.id),
    );
    const fresh = contacts.filter((c) => !knownContacts.has(c.id));
    await at('contacts', () => store.insertContacts(fresh.map((c) => ({ ...c, introducedById: null }))));
    counts.new += fresh.length;
    for (const c of contacts) {
      const existing = knownContacts.has(c.id) ? await store.getContact(owner, c.id) : null;
      if (existing) {
        await at(`contact ${c.id}`, () => store.updateContact({ ...c, lastTouchAt: existing.lastTouchAt ?? null }));
        counts.updated++;
      } else if (c.introducedById) {
        await at(`contact ${c.id}`, () => store.updateContact(c));
      }
    }
    const touchpoints: Touchpoint[] = b.touchpoints.map((raw) => ({ ...(raw as Omit<Touchpoint, 'ownerId'>), ownerId: owner }));
    const knownTouches = await store.existingIds(
      owner,
      'touchpoint',
      touchpoints.map((t) => t.id),
    );
    await at('touchpoints', () => store.insertTouchpoints(touchpoints.filter((t) => !knownTouches.has(t.id))));
    counts.new += touchpoints.length - knownTouches.size;
    for (const t of touchpoints.filter((x) => knownTouches.has(x.id))) {
      await at(`touchpoint ${t.id}`, () => store.updateTouchpoint(t));
      counts.updated++;
    }
    for (const [kind, key] of RECORD_KEYS) {
      const rows = b[key] as Array<{ id: string }>;
      const known = await store.existingIds(
        owner,
        kind,
        rows.map((r) => r.id),
      );
      for (const [i, raw] of rows.entries()) {
        const row = { ...raw, ownerId: owner } as RecordTypes[typeof kind];
        if (known.has(raw.id)) {
          await at(`${key}.${i}`, () => store.updateRecord(kind, row));
          counts.updated++;
        } else {
          await at(`${key}.${i}`, () => store.insertRecord(kind, row));
          counts.new++;
        }
      }
    }
    for (const st of b.agendaStates) await store.putAgendaState({ ...st, ownerId: owner });
  });
  return counts;
}
