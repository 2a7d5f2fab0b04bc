// The floor for a CLI command: Node starts, loads better-sqlite3, opens the same kith.db with
// the app's pragmas, runs ONE indexed query equivalent to the command, and prints the rows.
// Plain JavaScript on purpose: no TypeScript loader in the measured start-up.
//   node bench/raw/cli-query.mjs <kith.db> <ownerId> today|search|show <arg>
import Database from 'better-sqlite3';

const [db, owner, mode, arg = ''] = process.argv.slice(2);
const sqlite = new Database(db);
sqlite.pragma('busy_timeout = 10000');
sqlite.pragma('journal_mode = WAL');
sqlite.pragma('synchronous = NORMAL');
sqlite.pragma('foreign_keys = ON');

let rows;
if (mode === 'today') {
  // Who has gone longest without a touch: the (owner_id, last_touch_at) index, 5 rows (the daily budget).
  rows = sqlite
    .prepare(
      `SELECT id, display_name, company, last_touch_at, cadence_days FROM contacts
       WHERE owner_id = ? AND deleted_at IS NULL AND last_touch_at IS NOT NULL ORDER BY last_touch_at LIMIT 5`,
    )
    .all(owner);
} else if (mode === 'search') {
  // kith's own FTS5 query (owner column inside the index, per-term prefix match, bm25, top 20).
  const ownerTok = `u${owner.replace(/[^0-9a-z]/gi, '').toLowerCase()}`;
  const terms = arg.toLowerCase().split(/\s+/).filter(Boolean);
  const match = `owner : ${ownerTok} AND ${terms.map((t) => `"${t}"*`).join(' AND ')}`;
  rows = sqlite
    .prepare(
      `SELECT d.doc_kind, d.doc_id, f.score FROM (
         SELECT rowid, bm25(search_fts, 0.0, 10.0, 1.0) AS score FROM search_fts
         WHERE search_fts MATCH ? ORDER BY score LIMIT 20
       ) f JOIN search_docs d ON d.id = f.rowid ORDER BY f.score, d.doc_id`,
    )
    .all(match);
} else if (mode === 'show') {
  // The contact by exact name (the (owner_id, display_name) index) with their 50 newest touchpoints.
  rows = sqlite
    .prepare(
      `SELECT c.id, c.display_name, c.company, t.occurred_at, t.kind, t.summary FROM contacts c
       LEFT JOIN touchpoint_participants p ON p.contact_id = c.id AND p.live = 1
       LEFT JOIN touchpoints t ON t.id = p.touchpoint_id
       WHERE c.owner_id = ? AND c.display_name = ? AND c.deleted_at IS NULL
       ORDER BY p.occurred_at DESC LIMIT 50`,
    )
    .all(owner, arg);
} else {
  process.stderr.write(`unknown mode ${mode}\n`);
  process.exit(2);
}
for (const r of rows) process.stdout.write(`${Object.values(r).join('  ')}\n`);
sqlite.close();
