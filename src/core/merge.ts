/**
 * Merging two records of one person (capability 1): nothing of either is lost.
 */
import { fold, normalizeIdentity } from './text-fold.js';
import type { Circle, Contact, Employment, Identity, Instant, Topic } from './types.js';

const CIRCLE_RANK: Record<Circle, number> = { inner: 0, active: 1, network: 2, dormant: 3 };

function unionBy<T>(a: T[], b: T[], key: (x: T) => string): T[] {
  const seen = new Set(a.map(key));
  return [...a, ...b.filter((x) => !seen.has(key(x)) && seen.add(key(x)))];
}

const pick = <T>(a: T | null | undefined, b: T | null | undefined): T | null =>
  (a ?? null) !== null && a !== '' ? (a as T) : (b ?? null);

/**
 * `keep` absorbs `other`: keep's values win where both have one, other's fill the
 * gaps, lists are united, both notes are kept, the closer circle and the shorter
 * cadence win, and the relationship is as old as the older record.
 */
export function mergeContacts(keep: Contact, other: Contact, now: Instant): Contact {
  const notes =
    keep.notes.trim() && other.notes.trim() && keep.notes.trim() !== other.notes.trim()
      ? `${keep.notes.trimEnd()}\n\n---\n\n${other.notes.trim()}`
      : keep.notes.trim()
        ? keep.notes
        : other.notes;
  const cadences = [keep.cadenceDays, other.cadenceDays].filter((x): x is number => x != null);
  return {
    ...keep,
    givenName: pick(keep.givenName, other.givenName),
    familyName: pick(keep.familyName, other.familyName),
    nickname: pick(keep.nickname, other.nickname),
    identities: unionBy<Identity>(keep.identities, other.identities, (i) => `${i.kind}:${normalizeIdentity(i.kind, i.value)}`),
    company: pick(keep.company, other.company),
    title: pick(keep.title, other.title),
    employment: unionBy<Employment>(
      keep.employment,
      other.employment,
      (e) => `${fold(e.company)}|${fold(e.title ?? '')}|${e.from ?? ''}`,
    ),
    location: pick(keep.location, other.location),
    timeZone: pick(keep.timeZone, other.timeZone),
    birthday: pick(keep.birthday, other.birthday),
    howMet: pick(keep.howMet, other.howMet),
    introducedById: pick(keep.introducedById, other.introducedById === keep.id ? null : other.introducedById),
    circle: CIRCLE_RANK[other.circle] < CIRCLE_RANK[keep.circle] ? other.circle : keep.circle,
    cadenceDays: cadences.length > 0 ? Math.min(...cadences) : null,
    boundaries: {
      pausedUntil: pick(keep.boundaries.pausedUntil, other.boundaries.pausedUntil),
      minGapDays: pick(keep.boundaries.minGapDays, other.boundaries.minGapDays),
      preferredChannel: pick(keep.boundaries.preferredChannel, other.boundaries.preferredChannel),
      note: pick(keep.boundaries.note, other.boundaries.note),
    },
    topics: unionBy<Topic>(keep.topics, other.topics, (t) => `${t.kind}:${fold(t.text)}`),
    tags: unionBy(keep.tags, other.tags, fold),
    notes,
    photo: pick(keep.photo, other.photo),
    lastTouchAt: [keep.lastTouchAt, other.lastTouchAt].filter(Boolean).sort().pop() ?? null,
    createdAt: keep.createdAt < other.createdAt ? keep.createdAt : other.createdAt,
    updatedAt: now,
    deletedAt: null,
  };
}
