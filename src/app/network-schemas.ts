/**
 * Shared input pieces for the network operations (events, communities, writing,
 * resources, introductions, the habit coach): field schemas, today for the
 * acting user, and finding a record from what a person types (an id, the start
 * or end of an id, or a name).
 */
import { z } from 'zod';
import { dayInZone, isDay } from '../core/days.js';
import { AppError } from '../core/errors.js';
import { fold, tokens } from '../core/text-fold.js';
import type { Day, Id } from '../core/types.js';
import type { RecordKind, RecordTypes } from '../storage/store.js';
import type { Ctx } from './ports.js';
import { profileOf } from './session.js';

export const url = z.url({ message: 'must be a URL' });
export const shortText = (what: string, max = 500) => z.string().trim().min(1, `must not be empty: ${what}`).max(max);
export const topicList = z.array(z.string().trim().min(1, 'must not be empty').max(200)).optional();
export const whoList = z.array(z.string().trim().min(1, 'name a contact')).optional();
export const notes = z.string().max(1_000_000).optional();

/** Today for the acting user: `on` when given (checked), else the clock's day in the profile's time zone. */
export async function todayFor(ctx: Ctx, on?: string | null): Promise<Day> {
  if (on != null) {
    if (!isDay(on))
      throw new AppError('invalid_input', 'on: must be a date written YYYY-MM-DD', {
        issues: [{ field: 'on', message: 'must be a date written YYYY-MM-DD' }],
      });
    return on;
  }
  const { timeZone } = await profileOf(ctx);
  try {
    return dayInZone(ctx.clock.now(), timeZone);
  } catch {
    return ctx.clock.now().slice(0, 10);
  }
}

/** The last eight characters of an id: what human output prints, and enough to name a record again. */
export function shortId(id: Id): string {
  return id.slice(-8);
}

export interface RecordRefOptions<T> {
  /** How a person calls this kind of record, e.g. "event". */
  what: string;
  /** The record's name for name matching; omit for records found only by id. */
  nameOf?: (row: T) => string;
  /** Field named in errors. */
  field: string;
}

/**
 * Finds one record of `kind` from what a person typed: its id, the start or the
 * end (at least 4 characters) of its id, or words that start words of its name.
 * An exact name wins over prefixes; anything still ambiguous is an error that
 * lists the candidates, never a guess.
 */
export async function resolveRecord<K extends RecordKind>(
  ctx: Ctx,
  kind: K,
  ref: string,
  opts: RecordRefOptions<RecordTypes[K]>,
): Promise<RecordTypes[K]> {
  const r = ref.trim();
  if (!r)
    throw new AppError('invalid_input', `${opts.field}: name the ${opts.what}`, {
      issues: [{ field: opts.field, message: 'must not be empty' }],
    });
  const exact = await ctx.store.getRecord(kind, ctx.userId, r);
  if (exact) return exact;
  const all = await ctx.store.listRecords(kind, ctx.userId);
  const label = (row: RecordTypes[K]): string => (opts.nameOf ? opts.nameOf(row) : row.id);
  const pick = (list: Array<RecordTypes[K]>): RecordTypes[K] | null => {
    if (list.length === 1 && list[0]) return list[0];
    if (list.length > 1)
      throw new AppError('invalid_input', `"${r}" matches ${list.length} ${opts.what}s; say which one (its id).`, {
        candidates: list.slice(0, 20).map((x) => ({ id: x.id, name: label(x) })),
        issues: [{ field: opts.field, message: 'ambiguous' }],
      });
    return null;
  };
  const lower = r.toLowerCase();
  if (lower.length >= 4 && /^[0-9a-f-]+$/.test(lower)) {
    const byId = pick(all.filter((x) => x.id.startsWith(lower) || x.id.endsWith(lower)));
    if (byId) return byId;
  }
  if (opts.nameOf) {
    const nameOf = opts.nameOf;
    const same = all.filter((x) => fold(nameOf(x)) === fold(r));
    const one = pick(same);
    if (one) return one;
    const typed = tokens(r);
    if (typed.length) {
      const prefix = all.filter((x) => {
        const words = tokens(nameOf(x));
        return typed.every((t) => words.some((w) => w.startsWith(t)));
      });
      const p = pick(prefix);
      if (p) return p;
    }
  }
  throw new AppError('not_found', `No ${opts.what} matches "${r}".`);
}

/** A record as the faces print it: without its owner. */
export function withoutOwner<T extends { ownerId: Id }>(row: T): Omit<T, 'ownerId'> {
  const { ownerId: _owner, ...rest } = row;
  return rest;
}
