/**
 * Relationship health (capability 5, P12): per contact with its explained
 * components, and the network overview with who is drifting.
 */
import { addDays, noonOf } from '../core/days.js';
import { contactHealth, networkHealth, type HealthResult, type NetworkHealth } from '../core/health.js';
import type { Commitment, Contact, Day, Id, LedgerEntry, Touchpoint } from '../core/types.js';
import { resolveContact } from './contacts.js';
import type { Ctx } from './ports.js';
import { profileOf } from './session.js';
import { userToday } from './user-today.js';

export interface ContactHealthReport extends HealthResult {
  contact: { id: Id; name: string };
  date: Day;
}

/** Health of one relationship on a day (default today). */
export async function healthOf(ctx: Ctx, who: string, on?: string): Promise<ContactHealthReport> {
  const today = await userToday(ctx, on);
  const c = await resolveContact(ctx, who);
  const profile = await profileOf(ctx);
  const [touchpoints, commitments, ledger] = await Promise.all([
    ctx.store.listTouchpoints(ctx.userId, { contactId: c.id, since: noonOf(addDays(today, -366)) }),
    ctx.store.listRecords('commitment', ctx.userId, { contactId: c.id }),
    ctx.store.listRecords('ledger', ctx.userId, { contactId: c.id }),
  ]);
  const r = contactHealth({ contact: c, cadenceDefaults: profile.cadenceDefaults, today, touchpoints, commitments, ledger });
  return { contact: { id: c.id, name: c.displayName }, date: today, ...r };
}

export interface NetworkHealthReport extends NetworkHealth {
  date: Day;
  contacts: Array<{ id: Id; name: string; circle: Contact['circle']; score: number; previousScore: number }>;
}

/** Health of every live contact today and 30 days ago: the distribution and who is drifting. */
export async function networkHealthOf(ctx: Ctx, on?: string): Promise<NetworkHealthReport> {
  const today = await userToday(ctx, on);
  const before = addDays(today, -30);
  const profile = await profileOf(ctx);
  const [contacts, touches, commitments, ledger] = await Promise.all([
    ctx.store.contactSummaries(ctx.userId),
    ctx.store.listTouchpoints(ctx.userId, { since: noonOf(addDays(before, -366)), until: noonOf(addDays(today, 1)) }),
    ctx.store.listRecords('commitment', ctx.userId),
    ctx.store.listRecords('ledger', ctx.userId),
  ]);
  const group = <T>(rows: T[], ids: (r: T) => Id[]): Map<Id, T[]> => {
    const m = new Map<Id, T[]>();
    for (const r of rows)
      for (const id of ids(r)) {
        const list = m.get(id) ?? [];
        list.push(r);
        m.set(id, list);
      }
    return m;
  };
  const touchBy = group<Touchpoint>(touches, (t) => t.participantIds);
  const commitBy = group<Commitment>(commitments, (c) => [c.contactId]);
  const ledgerBy = group<LedgerEntry>(ledger, (l) => [l.contactId]);
  const rows = contacts.map((c) => {
    const tp = touchBy.get(c.id) ?? [];
    const base = {
      cadenceDefaults: profile.cadenceDefaults,
      commitments: commitBy.get(c.id) ?? [],
      ledger: ledgerBy.get(c.id) ?? [],
    };
    const now = contactHealth({ ...base, contact: c, today, touchpoints: tp });
    // As it stood 30 days ago: only what had happened by then.
    const cutoff = noonOf(addDays(before, 1));
    const past = tp.filter((t) => t.occurredAt < cutoff);
    const lastThen = past.reduce<string | null>((m, t) => (m && m > t.occurredAt ? m : t.occurredAt), null);
    const then = contactHealth({
      ...base,
      commitments: base.commitments.filter((x) => x.createdAt < cutoff),
      ledger: base.ledger.filter((x) => x.occurredOn <= before),
      contact: { ...c, lastTouchAt: lastThen },
      today: before,
      touchpoints: past,
    });
    return {
      id: c.id,
      name: c.name,
      circle: c.circle,
      score: now.score,
      previousScore: c.createdAt < cutoff ? then.score : now.score,
    };
  });
  const overview = networkHealth(
    rows.map((r) => ({ contactId: r.id, name: r.name, circle: r.circle, score: r.score, previousScore: r.previousScore })),
  );
  return { date: today, ...overview, contacts: rows.sort((a, b) => a.score - b.score || a.name.localeCompare(b.name)) };
}
