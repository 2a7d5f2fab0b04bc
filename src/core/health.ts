/**
 * Relationship health (P12): one 0–100 score per contact, built from five
 * explained components, and an overview of the whole network.
 *
 * Weights (they sum to 1):
 *   recency      0.30  last touch against the contact's cadence (180 days when they have none)
 *   reciprocity  0.20  give / ask / receive ledger: giving first and a balanced exchange score high
 *   depth        0.20  what kinds of touches the last 365 days held: in person and video count most
 *   reliability  0.15  my commitments to them kept on time
 *   initiation   0.15  both sides start conversations
 * Recency leads because a relationship nobody tends fades whatever its history;
 * the others say whether the tending is mutual and substantial.
 */
import { cadenceStatus, effectiveCadence } from './cadence.js';
import { addDays, dayOf, daysBetween, isDay } from './days.js';
import { fold } from './text-fold.js';
import type { CadenceDefaults, Circle, Commitment, Contact, Day, Id, LedgerEntry, Touchpoint, TouchKind } from './types.js';

export const HEALTH_WEIGHTS = {
  recency: 0.3,
  reciprocity: 0.2,
  depth: 0.2,
  reliability: 0.15,
  initiation: 0.15,
} as const;

/** Cadence used to judge recency for contacts without one (dormant, or circles without a default). */
export const FALLBACK_CADENCE_DAYS = 180;
/** Score of a component with nothing to judge it by: neither good nor bad. */
export const NEUTRAL_SCORE = 50;

export interface HealthInput {
  contact: Pick<Contact, 'circle' | 'cadenceDays' | 'lastTouchAt' | 'createdAt'>;
  cadenceDefaults: CadenceDefaults;
  today: Day;
  /** That contact's touchpoints; anything older than 365 days (or in the future) is ignored. */
  touchpoints: ReadonlyArray<Pick<Touchpoint, 'kind' | 'initiatedBy' | 'occurredAt'>>;
  commitments: ReadonlyArray<Pick<Commitment, 'direction' | 'dueOn' | 'status' | 'resolvedOn'>>;
  ledger: ReadonlyArray<Pick<LedgerEntry, 'direction' | 'occurredOn'>>;
}

export interface HealthComponent {
  name: 'recency' | 'reciprocity' | 'depth' | 'reliability' | 'initiation';
  /** 0–100 integer. */
  score: number;
  weight: number;
  /** A sentence for a person. */
  explanation: string;
}

export interface HealthResult {
  /** 0–100 integer: the weighted sum of the components. */
  score: number;
  components: HealthComponent[];
}

const clamp = (n: number): number => Math.max(0, Math.min(100, Math.round(n)));
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;

/** Health of one relationship on `today`, with each component explained. */
export function contactHealth(input: HealthInput): HealthResult {
  const { today } = input;
  const yearAgo = addDays(today, -365);
  const recent = input.touchpoints.filter((t) => {
    const d = dayOf(t.occurredAt);
    return isDay(d) && d >= yearAgo && d <= today;
  });
  const components: HealthComponent[] = [
    recency(input, recent),
    reciprocity(input.ledger),
    depth(recent),
    reliability(input.commitments, today),
    initiation(recent),
  ];
  const score = clamp(components.reduce((sum, c) => sum + c.score * c.weight, 0));
  return { score, components };
}

function recency(input: HealthInput, recent: HealthInput['touchpoints']): HealthComponent {
  const { contact, today } = input;
  const weight = HEALTH_WEIGHTS.recency;
  const own = effectiveCadence(contact, input.cadenceDefaults);
  const cadence = own ?? FALLBACK_CADENCE_DAYS;
  // The denormalised lastTouchAt may lag behind the touchpoints we were given; trust the newer.
  const newest = recent.reduce<string | null>((m, t) => (m === null || t.occurredAt > m ? t.occurredAt : m), null);
  const lastTouchAt = [contact.lastTouchAt ?? null, newest]
    .filter((x): x is string => x !== null && isDay(dayOf(x)))
    .sort()
    .at(-1);
  const status = cadenceStatus(
    { ...contact, cadenceDays: cadence, lastTouchAt: lastTouchAt ?? null },
    input.cadenceDefaults,
    today,
  );
  const since = status.since ?? today;
  const elapsed = Math.max(0, isDay(since) ? daysBetween(since, today) : 0);
  const ratio = elapsed / cadence;
  // Within the cadence: 100 → 75 as the due day nears; past it, down to 0 at twice the cadence.
  const score = clamp(ratio <= 1 ? 100 - 25 * ratio : 75 - 75 * (ratio - 1));
  const aim =
    own === null
      ? `they have no check-in cadence, so kith judges against ${FALLBACK_CADENCE_DAYS} days`
      : `you aim for every ${plural(cadence, 'day')}`;
  const last = lastTouchAt
    ? `Last touch ${elapsed === 0 ? 'today' : `${plural(elapsed, 'day')} ago`}`
    : `No touch logged since you added them ${elapsed === 0 ? 'today' : `${plural(elapsed, 'day')} ago`}`;
  let state: string;
  if (status.state === 'overdue') state = `a check-in is ${plural(status.days, 'day')} overdue`;
  else if (status.state === 'due')
    state = status.days === 0 ? 'a check-in is due today' : `a check-in is due in ${plural(status.days, 'day')}`;
  else state = 'on track';
  return { name: 'recency', score, weight, explanation: `${last}; ${aim}: ${state}.` };
}

function reciprocity(ledger: HealthInput['ledger']): HealthComponent {
  const weight = HEALTH_WEIGHTS.reciprocity;
  const gives = ledger.filter((e) => e.direction === 'give').length;
  const asks = ledger.filter((e) => e.direction === 'ask').length;
  const receives = ledger.filter((e) => e.direction === 'receive').length;
  const taken = asks + receives;
  if (gives + taken === 0) {
    return {
      name: 'reciprocity',
      score: NEUTRAL_SCORE,
      weight,
      explanation: 'Nothing given, asked or received is logged yet; log a give to show you invest first.',
    };
  }
  const first = [...ledger].sort((a, b) => (a.occurredOn < b.occurredOn ? -1 : a.occurredOn > b.occurredOn ? 1 : 0))[0];
  const gaveFirst = first?.direction === 'give';
  let score: number;
  if (gives === 0)
    score = asks > 0 ? 15 : 35; // only taking; asking is worse than being helped unasked
  else if (taken === 0)
    score = 80; // generous, but not yet an exchange
  else {
    const share = gives / (gives + taken);
    score = share >= 0.5 ? 90 : 40 + 100 * share;
  }
  if (gaveFirst) score += 10;
  const parts: string[] = [];
  if (gives) parts.push(`gave ${times(gives)}`);
  if (asks) parts.push(`asked ${times(asks)}`);
  if (receives) parts.push(`received help ${times(receives)}`);
  let verdict: string;
  if (gives === 0 && asks > 0) verdict = 'you have only taken so far: give something before the next ask';
  else if (gives === 0) verdict = 'they have given and you have not given back yet';
  else if (taken === 0) verdict = 'you have only given so far';
  else if (gives > 2 * taken) verdict = 'you give much more than you take';
  else if (gives >= taken) verdict = 'the exchange is balanced';
  else verdict = 'you have taken more than you gave';
  const firstNote = gaveFirst ? '; you gave first' : '';
  return { name: 'reciprocity', score: clamp(score), weight, explanation: `You ${joinAnd(parts)}: ${verdict}${firstNote}.` };
}

/**
 * How much a touch says about the relationship: meeting in person or on video
 * above a call, above written messages.
 */
export const DEPTH_BY_KIND: Record<TouchKind, number> = {
  coffee: 1,
  event: 1,
  mentoring: 1,
  video: 0.9,
  'code-review': 0.7,
  call: 0.7,
  intro: 0.6,
  'shout-out': 0.4,
  dm: 0.3,
  email: 0.3,
  other: 0.3,
  comment: 0.2,
};

const KIND_LABEL: Record<TouchKind, [string, string]> = {
  coffee: ['coffee', 'coffees'],
  event: ['event', 'events'],
  mentoring: ['mentoring session', 'mentoring sessions'],
  video: ['video call', 'video calls'],
  'code-review': ['code review', 'code reviews'],
  call: ['call', 'calls'],
  intro: ['introduction', 'introductions'],
  'shout-out': ['shout-out', 'shout-outs'],
  dm: ['DM', 'DMs'],
  email: ['email', 'emails'],
  other: ['other touch', 'other touches'],
  comment: ['comment', 'comments'],
};

function depth(recent: HealthInput['touchpoints']): HealthComponent {
  const weight = HEALTH_WEIGHTS.depth;
  if (recent.length === 0) {
    return { name: 'depth', score: 0, weight, explanation: 'No touches in the last year.' };
  }
  const values = recent.map((t) => DEPTH_BY_KIND[t.kind] ?? DEPTH_BY_KIND.other).sort((a, b) => b - a);
  // The best touch sets most of it; up to four good ones fill the rest, so extra DMs never lower depth.
  const best = values[0] ?? 0;
  const topFour = values.slice(0, 4).reduce((s, v) => s + v, 0) / 4;
  const score = clamp(100 * (0.6 * best + 0.4 * topFour));
  const counts = new Map<TouchKind, number>();
  for (const t of recent) counts.set(t.kind, (counts.get(t.kind) ?? 0) + 1);
  const listed = [...counts.entries()]
    .sort((a, b) => (DEPTH_BY_KIND[b[0]] ?? 0) - (DEPTH_BY_KIND[a[0]] ?? 0) || b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .map(([kind, n]) => {
      const [one, many] = KIND_LABEL[kind] ?? [kind, `${kind}s`];
      return `${n} ${n === 1 ? one : many}`;
    });
  const hint =
    best >= 0.9
      ? 'time together in person or on video counts most'
      : 'all text or calls: meeting in person or on video would deepen it';
  return { name: 'depth', score, weight, explanation: `In the last year: ${listed.join(', ')}; ${hint}.` };
}

function reliability(commitments: HealthInput['commitments'], today: Day): HealthComponent {
  const weight = HEALTH_WEIGHTS.reliability;
  let onTime = 0;
  let late = 0;
  let broken = 0;
  let overdue = 0;
  for (const c of commitments) {
    if (c.direction !== 'mine') continue;
    if (c.status === 'kept') {
      if (c.dueOn && c.resolvedOn && c.resolvedOn > c.dueOn) late++;
      else onTime++;
    } else if (c.status === 'broken') broken++;
    else if (c.dueOn && c.dueOn < today) overdue++;
    // Open and not yet due: nothing to judge yet.
  }
  const judged = onTime + late + broken + overdue;
  if (judged === 0) {
    return {
      name: 'reliability',
      score: NEUTRAL_SCORE,
      weight,
      explanation: 'No promises to them are due yet, so there is nothing to judge: neutral.',
    };
  }
  // Late still counts for most of a kept promise; an overdue one may yet be kept.
  const score = clamp((100 * (onTime + 0.6 * late + 0.2 * overdue)) / judged);
  const extra: string[] = [];
  if (late) extra.push(`${late} kept late`);
  if (broken) extra.push(`${broken} broken`);
  if (overdue) extra.push(`${overdue} overdue`);
  const tail = extra.length ? `; ${extra.join(', ')}` : '';
  return {
    name: 'reliability',
    score,
    weight,
    explanation: `You kept ${onTime} of ${plural(judged, 'promise')} to them on time${tail}.`,
  };
}

function initiation(recent: HealthInput['touchpoints']): HealthComponent {
  const weight = HEALTH_WEIGHTS.initiation;
  const mine = recent.filter((t) => t.initiatedBy === 'me').length;
  const theirs = recent.filter((t) => t.initiatedBy === 'them').length;
  const n = mine + theirs;
  if (n === 0) {
    return {
      name: 'initiation',
      score: NEUTRAL_SCORE,
      weight,
      explanation: 'No touch in the last year records who started it: neutral.',
    };
  }
  // Smoothed share of the quieter side, so one touch is not judged as harshly as ten one-sided ones.
  const minority = (Math.min(mine, theirs) + 0.5) / (n + 1);
  const score = clamp(30 + 140 * minority);
  let verdict: string;
  if (theirs === 0) verdict = 'they have not reached out first yet';
  else if (mine === 0) verdict = 'you have not reached out first yet';
  else if (Math.abs(mine - theirs) <= Math.max(1, n / 5)) verdict = 'it goes both ways';
  else verdict = mine > theirs ? 'mostly you reach out' : 'mostly they reach out';
  return {
    name: 'initiation',
    score,
    weight,
    explanation: `${mine} of ${plural(n, 'touch', 'touches')} in the last year ${n === 1 ? 'was' : 'were'} started by you: ${verdict}.`,
  };
}

function times(n: number): string {
  return n === 1 ? 'once' : n === 2 ? 'twice' : `${n} times`;
}

function joinAnd(parts: string[]): string {
  return parts.length <= 1 ? (parts[0] ?? '') : `${parts.slice(0, -1).join(', ')} and ${parts.at(-1)}`;
}

export interface NetworkHealthItem {
  contactId: Id;
  name: string;
  circle: Circle;
  score: number;
  previousScore?: number | null;
}

export interface HealthBucket {
  /** Inclusive bounds: 0–19, 20–39, 40–59, 60–79, 80–100. */
  from: number;
  to: number;
  count: number;
}

export interface DriftingContact extends NetworkHealthItem {
  /** previousScore − score, when there is a previous score. */
  drop: number | null;
  reasons: string[];
}

export interface NetworkHealth {
  count: number;
  /** Rounded to one decimal; null for an empty network. */
  mean: number | null;
  median: number | null;
  distribution: HealthBucket[];
  /** Lowest score first, then the biggest drop, then by name. */
  drifting: DriftingContact[];
}

/** Score below which an inner or active contact counts as drifting. */
export const DRIFT_SCORE = 40;
/** Drop since the previous score that counts as drifting in any circle. */
export const DRIFT_DROP = 15;

/** The network at a glance: distribution, mean and median, and who is drifting. */
export function networkHealth(items: readonly NetworkHealthItem[]): NetworkHealth {
  const buckets: HealthBucket[] = [0, 20, 40, 60, 80].map((from) => ({ from, to: from === 80 ? 100 : from + 19, count: 0 }));
  const scores = items.map((i) => Math.max(0, Math.min(100, i.score))).sort((a, b) => a - b);
  for (const s of scores) {
    const bucket = buckets[Math.min(4, Math.floor(s / 20))];
    if (bucket) bucket.count++;
  }
  const n = scores.length;
  const mean = n === 0 ? null : Math.round((scores.reduce((a, b) => a + b, 0) / n) * 10) / 10;
  let median: number | null = null;
  if (n > 0) {
    const mid = Math.floor(n / 2);
    median = n % 2 === 1 ? scores[mid]! : (scores[mid - 1]! + scores[mid]!) / 2;
  }
  const drifting: DriftingContact[] = [];
  for (const item of items) {
    const reasons: string[] = [];
    if (item.score < DRIFT_SCORE && (item.circle === 'inner' || item.circle === 'active')) {
      reasons.push(`Health ${item.score} is low for someone in your ${item.circle} circle.`);
    }
    const drop = item.previousScore != null ? item.previousScore - item.score : null;
    if (drop !== null && drop >= DRIFT_DROP) {
      reasons.push(`Health dropped by ${drop} (from ${item.previousScore} to ${item.score}).`);
    }
    if (reasons.length) drifting.push({ ...item, drop, reasons });
  }
  drifting.sort(
    (a, b) =>
      a.score - b.score ||
      (b.drop ?? 0) - (a.drop ?? 0) ||
      (fold(a.name) < fold(b.name) ? -1 : fold(a.name) > fold(b.name) ? 1 : 0) ||
      (a.contactId < b.contactId ? -1 : a.contactId > b.contactId ? 1 : 0),
  );
  return { count: n, mean, median, distribution: buckets, drifting };
}
