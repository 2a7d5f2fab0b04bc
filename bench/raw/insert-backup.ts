/**
 * The raw floor for a JSON restore: read backup.json record by record and insert contacts
 * (identities, tags, search text), touchpoints (participants, search text), commitments and
 * ledger entries with better-sqlite3 prepared statements in ONE transaction, into a copy of an
 * empty kith database; then one UPDATE for every contact's last touch. No validation, no
 * reference checks. Events, communities, posts and resources (a few hundred rows) are left out.
 *   node --import tsx bench/raw/insert-backup.ts <template.db> <backup.json> <out.db> <ownerId>
 * Prints JSON: { rows, ms } where ms runs from opening the file to the commit.
 */
import { copyFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { normalizeIdentity, searchText } from '../../src/core/text-fold.js';
import { readBackupLines } from '../lib/backup-lines.js';

type Row = Record<string, unknown>;
const [template, backupPath, out, owner] = process.argv.slice(2) as [string, string, string, string];
for (const ext of ['', '-wal', '-shm']) rmSync(out + ext, { force: true });
copyFileSync(template, out);
const db = new Database(out);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
const ownerTok = `u${owner.replace(/[^0-9a-z]/gi, '').toLowerCase()}`;

const insContact = db.prepare(`INSERT INTO contacts (id, owner_id, display_name, given_name, family_name, nickname, company, title,
  location, time_zone, birthday, how_met, introduced_by_id, circle, cadence_days, paused_until, min_gap_days, preferred_channel,
  boundary_note, notes, photo, topics, employment, last_touch_at, created_at, updated_at, deleted_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, ?, ?, ?)`);
const insIdentity = db.prepare(`INSERT INTO contact_identities (owner_id, contact_id, position, kind, value, label, normalized) VALUES (?, ?, ?, ?, ?, ?, ?)`);
const insTag = db.prepare(`INSERT INTO contact_tags (owner_id, contact_id, position, tag) VALUES (?, ?, ?, ?)`);
const insTouch = db.prepare(`INSERT INTO touchpoints (id, owner_id, kind, channel, initiated_by, occurred_at, summary, notes, topics, source,
  external_id, created_at, updated_at, deleted_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
const insPart = db.prepare(`INSERT INTO touchpoint_participants (owner_id, touchpoint_id, contact_id, position, occurred_at, live) VALUES (?, ?, ?, ?, ?, ?)`);
const insCommit = db.prepare(`INSERT INTO commitments (id, owner_id, contact_id, direction, text, due_on, status, resolved_on, touchpoint_id, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
const insLedger = db.prepare(`INSERT INTO ledger_entries (id, owner_id, contact_id, direction, kind, note, occurred_on, is_public, created_at)
  VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
const insDoc = db.prepare(`INSERT INTO search_docs (owner_id, doc_kind, doc_id) VALUES (?, ?, ?)`);
const insFts = db.prepare(`INSERT INTO search_fts (rowid, owner, names, body) VALUES (?, ?, ?, ?)`);
const lastTouch = db.prepare(`UPDATE contacts SET last_touch_at = (SELECT max(p.occurred_at) FROM touchpoint_participants p
  WHERE p.contact_id = contacts.id AND p.live = 1) WHERE owner_id = ?`);

const s = (x: unknown): string | null => (x == null ? null : String(x));
const arr = <T>(x: unknown): T[] => (Array.isArray(x) ? (x as T[]) : []);
const index = (kind: string, id: string, names: string, body: string): void => {
  const doc = insDoc.run(owner, kind, id);
  insFts.run(doc.lastInsertRowid, ownerTok, names, body);
};

const t0 = process.hrtime.bigint();
let rows = 0;
db.exec('BEGIN IMMEDIATE');
await readBackupLines(backupPath, (section, r: Row) => {
  if (section === 'contacts') {
    const id = String(r.id);
    const b = (r.boundaries ?? {}) as Row;
    const topics = arr<{ text: string }>(r.topics);
    const tags = arr<string>(r.tags);
    const identities = arr<{ kind: string; value: string; label?: string | null }>(r.identities);
    const employment = arr<{ company: string; title?: string | null }>(r.employment);
    insContact.run(id, owner, r.displayName, s(r.givenName), s(r.familyName), s(r.nickname), s(r.company), s(r.title), s(r.location),
      s(r.timeZone), s(r.birthday), s(r.howMet), r.circle, r.cadenceDays ?? null, s(b.pausedUntil), b.minGapDays ?? null,
      s(b.preferredChannel), s(b.note), r.notes ?? '', s(r.photo), JSON.stringify(topics), JSON.stringify(employment),
      r.createdAt, r.updatedAt, s(r.deletedAt));
    identities.forEach((x, i) => insIdentity.run(owner, id, i, x.kind, x.value, x.label ?? null, normalizeIdentity(x.kind as never, x.value)));
    tags.forEach((t, i) => insTag.run(owner, id, i, t));
    index('contact', id, searchText(String(r.displayName), s(r.givenName), s(r.familyName), s(r.nickname)),
      searchText(s(r.company), s(r.title), s(r.location), s(r.howMet), s(r.notes), s(b.note), ...topics.map((t) => t.text), ...tags,
        ...employment.map((e) => `${e.company} ${e.title ?? ''}`), ...identities.map((x) => x.value)));
  } else if (section === 'touchpoints') {
    const id = String(r.id);
    const topics = arr<string>(r.topics);
    insTouch.run(id, owner, r.kind, s(r.channel), s(r.initiatedBy), r.occurredAt, r.summary ?? '', r.notes ?? '', JSON.stringify(topics),
      s(r.source), s(r.externalId), r.createdAt, r.updatedAt, s(r.deletedAt));
    [...new Set(arr<string>(r.participantIds))].forEach((cid, i) => insPart.run(owner, id, cid, i, r.occurredAt, r.deletedAt ? 0 : 1));
    index('touchpoint', id, '', searchText(s(r.summary), s(r.notes), ...topics));
  } else if (section === 'commitments') {
    insCommit.run(r.id, owner, r.contactId, r.direction, r.text, s(r.dueOn), r.status, s(r.resolvedOn), s(r.touchpointId), r.createdAt);
  } else if (section === 'ledger') {
    insLedger.run(r.id, owner, r.contactId, r.direction, r.kind, r.note, r.occurredOn, r.isPublic ? 1 : 0, r.createdAt);
  } else return;
  rows++;
});
lastTouch.run(owner);
db.exec('COMMIT');
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
db.close();
process.stdout.write(`${JSON.stringify({ rows, ms })}\n`);
