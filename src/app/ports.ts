/**
 * The ports every operation receives in its context: a clock, an id source, the
 * store and the acting user. Nothing in app/ reads the clock or makes ids itself.
 */
import type { Day, Id, Instant } from '../core/types.js';
import type { Store } from '../storage/store.js';

export interface Clock {
  now(): Instant;
}

export interface Ids {
  next(): Id;
}

export interface Ctx {
  store: Store;
  clock: Clock;
  ids: Ids;
  /** The user the operation acts for; every read and write is scoped to them. */
  userId: Id;
}

export const systemClock: Clock = { now: () => new Date().toISOString() };

/** A clock that stands still at `instant` (tests, `--on`). */
export function fixedClock(instant: Instant): Clock {
  return { now: () => instant };
}

/**
 * Ten random bytes from Web Crypto (global in Node): node:crypto is then loaded when an id is
 * first made, not by every command that only reads.
 */
const randomBytes = (n: number): Buffer => Buffer.from(globalThis.crypto.getRandomValues(new Uint8Array(n)));

/** UUIDv7 (RFC 9562): time-ordered, so ids sort by creation. */
export function uuidv7(ms: number = Date.now(), rand: Buffer = randomBytes(10)): Id {
  const b = Buffer.alloc(16);
  b.writeUIntBE(ms, 0, 6);
  rand.copy(b, 6, 0, 10);
  b[6] = 0x70 | ((b[6] ?? 0) & 0x0f);
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f);
  const h = b.toString('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

/** Strictly increasing UUIDv7s, even within one millisecond. */
export function uuidv7Ids(): Ids {
  let lastMs = 0;
  let counter = 0;
  return {
    next() {
      const ms = Date.now();
      if (ms <= lastMs) counter++;
      else {
        lastMs = ms;
        counter = 0;
      }
      const rand = randomBytes(10);
      // The counter goes into the first random bytes so ids made in one millisecond still sort.
      rand.writeUInt16BE(counter & 0x0fff, 0);
      return uuidv7(lastMs, rand);
    },
  };
}

/** Deterministic ids for tests: `00000000-0000-7000-8000-<n>`. */
export function sequentialIds(prefix = '00000000-0000-7000-8000-'): Ids {
  let n = 0;
  return { next: () => `${prefix}${String(++n).padStart(12, '0')}` };
}

/** Today for the acting user: the UTC day of the clock, unless `on` overrides it. */
export function todayOf(clock: Clock, on?: Day): Day {
  return on ?? clock.now().slice(0, 10);
}
