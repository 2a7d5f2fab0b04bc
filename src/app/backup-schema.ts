/**
 * The JSON backup's schema: what each record must look like, and the order the sections
 * are written and restored in. Shared by the whole-text parser (backup.ts) and the
 * streaming restore (backup-restore.ts).
 */
import { z } from 'zod';
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
} from '../core/types.js';
import type { RecordKind } from '../storage/store.js';
import { birthday, day, employment, identity, topic } from './schemas.js';

export const BACKUP_FORMAT = 'kith-backup';
export const BACKUP_VERSION = 1;

const nul = <T extends z.ZodType>(t: T) => t.nullable();
const instant = z.iso.datetime({ offset: false, precision: -1 }).or(z.iso.datetime());
const id = z.string().min(1).max(200);

export const contactSchema = z
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

export const touchSchema = z
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

export const recordSchemas = {
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
export const RECORD_KEYS = [
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

export const profileSchema = z
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

export const agendaStateSchema = z
  .object({ itemId: z.string().min(1), snoozedUntil: nul(day), doneOn: nul(day), updatedAt: instant })
  .strict();

export const backupSchema = z
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
    agendaStates: z.array(agendaStateSchema).default([]),
  })
  .strict();

export type Backup = z.infer<typeof backupSchema>;
