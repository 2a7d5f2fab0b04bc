/**
 * Input schemas: one per operation input, shared by the CLI and the HTTP API.
 */
import { z } from 'zod';
import { isBirthday, isDay } from '../core/days.js';
import { AppError, type FieldIssue } from '../core/errors.js';
import { CHANNELS, CIRCLES, IDENTITY_KINDS, INITIATORS, TOPIC_KINDS, TOUCH_KINDS } from '../core/types.js';

export const day = z.string().refine(isDay, { message: 'must be a date written YYYY-MM-DD' });
export const birthday = z
  .string()
  .refine((s) => isBirthday(/^\d{2}-\d{2}$/.test(s) ? `--${s}` : s), {
    message: 'must be YYYY-MM-DD, or MM-DD / --MM-DD when the year is unknown',
  });
const text = z.string().trim();
const optText = z.string().trim().max(10_000).nullish();

function isTimeZone(tz: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}

export const identity = z.object({
  kind: z.enum(IDENTITY_KINDS),
  value: text.min(1, 'must not be empty').max(2000),
  label: z.string().max(200).nullish(),
});

export const topic = z.object({
  kind: z.enum(TOPIC_KINDS),
  text: text.min(1, 'must not be empty').max(500),
});

export const employment = z.object({
  company: text.min(1, 'must not be empty').max(500),
  title: z.string().max(500).nullish(),
  from: z.string().max(10).nullish(),
  to: z.string().max(10).nullish(),
});

/** Fields a person sets on a contact; shared by create and edit. */
export const contactFields = z.object({
  name: text.min(1, 'must not be empty').max(500),
  givenName: optText,
  familyName: optText,
  nickname: optText,
  emails: z.array(z.email({ message: 'must be an email address' })).optional(),
  phones: z.array(text.min(3).max(50)).optional(),
  links: z.array(z.url({ message: 'must be a URL' })).optional(),
  identities: z.array(identity).optional(),
  company: optText,
  title: optText,
  employment: z.array(employment).optional(),
  location: optText,
  timeZone: z.string().refine(isTimeZone, { message: 'must be an IANA time zone such as Europe/Berlin' }).nullish(),
  birthday: birthday.nullish(),
  howMet: optText,
  introducedBy: z.string().min(1).nullish(),
  circle: z.enum(CIRCLES).optional(),
  cadenceDays: z.number().int().min(1).max(3650).nullish(),
  pausedUntil: day.nullish(),
  minGapDays: z.number().int().min(0).max(3650).nullish(),
  preferredChannel: z.enum(CHANNELS).nullish(),
  boundaryNote: optText,
  topics: z.array(topic).optional(),
  tags: z.array(text.min(1).max(100)).optional(),
  notes: z.string().max(1_000_000).optional(),
  photo: z.string().max(5_000_000).nullish(),
});
export type ContactFields = z.infer<typeof contactFields>;

export const contactCreate = contactFields;
export const contactEdit = contactFields.partial().extend({
  who: z.string().min(1, 'name a contact'),
  /** Topics and tags to remove. */
  removeTags: z.array(z.string()).optional(),
  removeTopics: z.array(z.string()).optional(),
});

export const touchLog = z.object({
  kind: z.enum(TOUCH_KINDS),
  with: z.array(z.string().min(1)).min(1, 'name at least one contact'),
  on: day.optional(),
  at: z.iso.datetime({ offset: true }).optional(),
  by: z.enum(INITIATORS).optional(),
  channel: z.enum(CHANNELS).nullish(),
  summary: z.string().max(2000).optional(),
  notes: z.string().max(1_000_000).optional(),
  topics: z.array(text.min(1).max(200)).optional(),
});

/** Parses `input` with `schema`, or throws invalid_input naming each bad field. */
export function parseInput<T>(schema: z.ZodType<T>, input: unknown): T {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issues: FieldIssue[] = r.error.issues.map((i) => ({
    field: i.path.map(String).join('.') || undefined,
    message: i.message,
  }));
  const first = issues[0];
  const msg = first ? (first.field ? `${first.field}: ${first.message}` : first.message) : 'invalid input';
  throw new AppError('invalid_input', issues.length > 1 ? `${msg} (and ${issues.length - 1} more)` : msg, { issues });
}
