/**
 * The SQLite fast path for bulk inserts (imports and restores): better-sqlite3 prepared
 * statements, prepared once per database and reused row after row, on the connection
 * Kysely's transaction holds. Building and compiling a multi-row INSERT through Kysely for
 * every chunk cost more than SQLite's own work; a reused statement costs a bind and a step.
 *
 * It must only run inside a transaction on that connection (KyselyStore makes sure), so the
 * rows commit or roll back with everything else the import wrote.
 */
import type BetterSqlite3 from 'better-sqlite3';

type Bindable = string | number | bigint | Buffer | null;
export type BulkRow = Record<string, unknown>;

export interface IndexDoc {
  ownerId: string;
  ownerToken: string;
  kind: string;
  id: string;
  names: string;
  body: string;
}

export class SqliteBulkWriter {
  private readonly statements = new Map<string, BetterSqlite3.Statement>();

  constructor(private readonly db: BetterSqlite3.Database) {}

  private statement(sql: string): BetterSqlite3.Statement {
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
    const st = this.statement(
      `INSERT INTO "${table}" (${columns.map((c) => `"${c}"`).join(', ')}) VALUES (${columns.map(() => '?').join(', ')})`,
    );
    const values: Bindable[] = new Array<Bindable>(columns.length);
    for (const row of rows) {
      for (let i = 0; i < columns.length; i++) values[i] = (row[columns[i] as string] ?? null) as Bindable;
      st.run(values);
    }
  }

  /** Adds documents that are not in the search index yet: a search_docs row, its FTS5 row, and its names-only row when it has names. */
  indexDocs(docs: IndexDoc[]): void {
    const doc = this.statement('INSERT INTO search_docs (owner_id, doc_kind, doc_id) VALUES (?, ?, ?)');
    const fts = this.statement('INSERT INTO search_fts (rowid, owner, names, body) VALUES (?, ?, ?, ?)');
    const names = this.statement('INSERT INTO search_names (rowid, names) VALUES (?, ?)');
    for (const d of docs) {
      const { lastInsertRowid } = doc.run(d.ownerId, d.kind, d.id);
      fts.run(lastInsertRowid, d.ownerToken, d.names, d.body);
      if (d.names) names.run(lastInsertRowid, d.names);
    }
  }
}
