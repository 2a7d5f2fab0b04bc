/**
 * The raw floor for a LinkedIn import: parse Connections.csv with csv-parse and insert every
 * named row with better-sqlite3 prepared statements in ONE transaction, into a copy of an empty
 * kith database (same tables, indexes and FTS5 index: a contact row, its identities, its
 * search text folded the way kith folds it). No matching, no validation, no merge.
 *   node --import tsx bench/raw/insert-linkedin.ts <template.db> <Connections.csv> <out.db> <ownerId>
 * Prints JSON: { rows, inserted, ms } where ms runs from reading the file to the commit.
 */
import { randomUUID } from 'node:crypto';
import { copyFileSync, readFileSync, rmSync } from 'node:fs';
import Database from 'better-sqlite3';
import { parse } from 'csv-parse/sync';
import { normalizeEmail, normalizeUrl, searchText } from '../../src/core/text-fold.js';

const [template, csvPath, out, owner] = process.argv.slice(2) as [string, string, string, string];
for (const ext of ['', '-wal', '-shm']) rmSync(out + ext, { force: true });
copyFileSync(template, out);
const db = new Database(out);
db.pragma('journal_mode = WAL');
db.pragma('synchronous = NORMAL');
db.pragma('foreign_keys = ON');
const ownerTok = `u${owner.replace(/[^0-9a-z]/gi, '').toLowerCase()}`;

const t0 = process.hrtime.bigint();
const text = readFileSync(csvPath, 'utf8');
const headerAt = text.indexOf('First Name,');
const records = parse(text.slice(headerAt), { columns: true, skip_empty_lines: true, relax_column_count: true }) as Array<Record<string, string>>;

const insContact = db.prepare(`INSERT INTO contacts (id, owner_id, display_name, given_name, family_name, company, title, circle,
  notes, topics, employment, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'network', '', '[]', ?, ?, ?)`);
const insIdentity = db.prepare(`INSERT INTO contact_identities (owner_id, contact_id, position, kind, value, label, normalized) VALUES (?, ?, ?, ?, ?, NULL, ?)`);
const insDoc = db.prepare(`INSERT INTO search_docs (owner_id, doc_kind, doc_id) VALUES (?, 'contact', ?)`);
const insFts = db.prepare(`INSERT INTO search_fts (rowid, owner, names, body) VALUES (?, ?, ?, ?)`);
const now = '2026-11-26T12:00:00.000Z';
let inserted = 0;
db.transaction(() => {
  for (const r of records) {
    const first = r['First Name'] ?? '';
    const last = r['Last Name'] ?? '';
    const name = `${first} ${last}`.trim();
    if (!name) continue;
    const id = randomUUID();
    const company = r.Company || null;
    const title = r.Position || null;
    const employment = company ? JSON.stringify([{ company, title, from: null, to: null }]) : '[]';
    insContact.run(id, owner, name, first || null, last || null, company, title, employment, now, now);
    let pos = 0;
    if (r.URL) insIdentity.run(owner, id, pos++, 'linkedin', r.URL, normalizeUrl(r.URL));
    if (r['Email Address']) insIdentity.run(owner, id, pos, 'email', r['Email Address'], normalizeEmail(r['Email Address']));
    const doc = insDoc.run(owner, id);
    insFts.run(doc.lastInsertRowid, ownerTok, searchText(name, first, last), searchText(company, title, r.URL, r['Email Address']));
    inserted++;
  }
})();
const ms = Number(process.hrtime.bigint() - t0) / 1e6;
db.close();
process.stdout.write(`${JSON.stringify({ rows: records.length, inserted, ms })}\n`);
