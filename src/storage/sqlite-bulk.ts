/**
 * The SQLite fast path for bulk inserts (imports and restores) and for search: better-sqlite3
 * prepared statements, prepared once per database and reused, on the connection Kysely holds.
 * Building and compiling a multi-row INSERT through Kysely for every chunk cost more than
 * SQLite's own work; a reused statement costs a bind and a step. The same goes for search,
 * whose few small statements cost less than Kysely's compiling and driver round trip.
 *
 * Writes must only run inside a transaction on that connection (KyselyStore makes sure), so
 * the rows commit or roll back with everything else the import wrote. Reads run either inside
 * the caller's transaction or while KyselyStore holds the connection, never in the middle of
 * another caller's open transaction.
 */
import type BetterSqlite3 from 'better-sqlite3';
import { docTerms } from './search-text.js';

type Bindable = string | number | bigint | Buffer | null;
export type BulkRow = Record<string, unknown>;

export interface IndexDoc {
  ownerId: string;
  kind: string;
  id: string;
  names: string;
  body: string;
  /** What a list of results shows of the record (JSON). */
  card: string;
}

export class SqliteBulkWriter {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(private readonly db: BetterSqlite3.Database) {}

  /**
   * The change mark (`Store.changeMark`) read at once, or null while a transaction is open
   * on the connection: its uncommitted writes would be in the count. Outside a transaction
   * every statement has committed, so whoever else uses the connection loses nothing.
   */
  changeMarkNow(): string | null {
    return this.db.inTransaction ? null : this.changeMark();
  }

  /** `data_version` moves when another connection commits, `total_changes()` when this one writes. */
  changeMark(): string {
    this.markStatements ??= [this.db.prepare('PRAGMA data_version').pluck(), this.db.prepare('SELECT total_changes()').pluck()];
    const [version, changes] = this.markStatements;
    return `sqlite:${version.get() as number}:${changes.get() as number}`;
  }

  private markStatements: [BetterSqlite3.Statement, BetterSqlite3.Statement] | null = null;

  /** The statement for this SQL text, prepared on first use. */
  prepared(sql: string): BetterSqlite3.Statement {
    let st = this.statements.get(sql);
    if (!st) {
      st = this.db.prepare(sql);
      this.statements.set(sql, st);
    }
    return st;
  }

  /** Inserts rows that all have the same columns (the first row's), one reused statement. */
  insertRows(table: string, rows: BulkRow[]): void {
    const first = rows[0];
    if (!first) return;
    const columns = Object.keys(first);
    const st = this.prepared(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    const values: Bindable[] = new Array<Bindable>(columns.length);
    for (const row of rows) {
      for (let i = 0; i < columns.length; i++) values[i] = (row[columns[i] as string] ?? null) as Bindable;
      st.run(values);
    }
  }

  /**
   * Adds documents that are not in the search index yet: a search_docs row, its FTS5 row, and
   * its names-only row when it has names, and a contact's row in the contacts-only index and
   * its words (`terms`). The
   * FTS5 table's `owner` column is left empty: no query reads it (the owner filter is search_docs.owner_id).
   */
  indexDocs(docs: IndexDoc[]): void {
    const doc = this.prepared('INSERT INTO search_docs (owner_id, doc_kind, doc_id, card, terms) VALUES (?, ?, ?, ?, ?)');
    const fts = this.prepared('INSERT INTO search_fts (rowid, names, body) VALUES (?, ?, ?)');
    const names = this.prepared('INSERT INTO search_names (rowid, names) VALUES (?, ?)');
    const contacts = this.prepared('INSERT INTO search_contacts (rowid, names, body) VALUES (?, ?, ?)');
    for (const d of docs) {
      const { lastInsertRowid } = doc.run(d.ownerId, d.kind, d.id, d.card, docTerms(d.kind, d));
      fts.run(lastInsertRowid, d.names, d.body);
      if (d.names) names.run(lastInsertRowid, d.names);
      if (d.kind === 'contact') contacts.run(lastInsertRowid, d.names, d.body);
    }
  }
}
