/**
 * Applies MIGRATIONS in order, each in its own transaction together with its
 * record in `kith_migrations`. Refuses a database that a newer kith has migrated.
 */
import { sql, type Kysely } from 'kysely';
import { AppError } from '../core/errors.js';
import { MIGRATIONS, type Migration } from './migrations.js';
import type { Database } from './schema.js';
import type { Dialect } from './store.js';

export interface MigrateResult {
  applied: string[];
}

/** Hook for tests and backups: called before a pending migration runs. */
export type BeforeMigrate = (pending: string[]) => Promise<void>;

export async function migrate(
  db: Kysely<Database>,
  dialect: Dialect,
  migrations: readonly Migration[] = MIGRATIONS,
  beforeMigrate?: BeforeMigrate,
): Promise<MigrateResult> {
  await db.schema
    .createTable('kith_migrations')
    .ifNotExists()
    .addColumn('name', 'text', (c) => c.primaryKey())
    .addColumn('applied_at', 'text', (c) => c.notNull())
    .execute();

  const known = new Set(migrations.map((m) => m.name));
  const appliedRows = await db.selectFrom('kith_migrations').select('name').execute();
  const unknown = appliedRows.map((r) => r.name).filter((n) => !known.has(n));
  if (unknown.length > 0) {
    throw new AppError(
      'unavailable',
      `This database was written by a newer version of kith (it has migration ${unknown.sort().join(', ')}). ` +
        'Upgrade kith to open it; it was not changed.',
      { migrations: unknown },
    );
  }
  const done = new Set(appliedRows.map((r) => r.name));
  const pending = migrations.filter((m) => !done.has(m.name));
  if (pending.length === 0) return { applied: [] };
  // A brand-new database has nothing to protect; one with data gets the hook (a snapshot).
  if (beforeMigrate && done.size > 0) await beforeMigrate(pending.map((m) => m.name));

  const applied: string[] = [];
  for (const m of pending) {
    await db.transaction().execute(async (trx) => {
      // Another process may be migrating at the same moment: serialise and re-check.
      if (dialect === 'postgres') await sql`SELECT pg_advisory_xact_lock(46590001)`.execute(trx);
      const again = await trx.selectFrom('kith_migrations').select('name').where('name', '=', m.name).executeTakeFirst();
      if (again) return;
      await m.up(trx as unknown as Kysely<unknown>, dialect);
      await trx.insertInto('kith_migrations').values({ name: m.name, applied_at: new Date().toISOString() }).execute();
      applied.push(m.name);
    });
  }
  return { applied };
}
