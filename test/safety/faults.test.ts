/**
 * Faults: a full disk during an import and during a normal write (an injected
 * SQLITE_FULL at the Store seam, and a real 2 MB tmpfs), a read-only KITH_HOME (a
 * read-only remount: root ignores chmod), and a database from a newer kith. Each gives
 * a clear error, no stack trace, and leaves the data as it was.
 *
 * The tmpfs tests need root (mount). Without it they fail loudly rather than skip.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import BetterSqlite3 from 'better-sqlite3';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { backupToJson, exportBackup } from '../../src/app/backup.js';
import { createContact, editContact } from '../../src/app/contacts.js';
import { runImport } from '../../src/app/import/import-run.js';
import type { Ctx } from '../../src/app/ports.js';
import { interceptWrites, restoreBackup } from '../../src/app/safety.js';
import { logTouch } from '../../src/app/touchpoints.js';
import { reportError } from '../../src/cli/output.js';
import { translateDriverError } from '../../src/storage/kysely-store.js';
import type { Store } from '../../src/storage/store.js';
import { kith, tempHome } from '../support/cli.js';
import { bigBackupJson } from './big-backup.js';
import { openHome, seedHome } from './support.js';

const READS = /^(get|list|search|count|find|existing|has|integrityCheck|snapshot|close|transaction|dialect)/;

/**
 * A Store that fails like a full disk once more than `writes` rows were written (a bulk
 * insert of k rows counts k): the write that crosses the line throws what the real
 * Store throws for SQLITE_FULL.
 */
function fullAfter(inner: Store, writes: number): { store: Store; attempted: () => number } {
  let count = 0;
  const store = interceptWrites(
    inner,
    (method) => READS.test(method),
    async (_method, args, run) => {
      count += (args.find(Array.isArray) as unknown[] | undefined)?.length ?? 1;
      if (count > writes) {
        throw translateDriverError(Object.assign(new Error('database or disk is full'), { code: 'SQLITE_FULL' }));
      }
      return run();
    },
  );
  return { store, attempted: () => count };
}

/** What the CLI prints for an error, and its exit code. */
function asCliError(e: unknown): { code: number; stderr: string } {
  let stderr = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => {
    stderr += String(chunk);
    return true;
  });
  try {
    return { code: reportError(e, false), stderr };
  } finally {
    spy.mockRestore();
  }
}

async function snapshotJson(ctx: Ctx): Promise<string> {
  return backupToJson(await exportBackup(ctx));
}

const noStack = (s: string): void => expect(s).not.toMatch(/^\s+at /m);

describe('a full disk at the Store seam (injected SQLITE_FULL)', () => {
  const home = tempHome();
  const file = bigBackupJson(40, 200, 0xf0);

  it.each([0, 1, 7, 60, 239])('an import failing after %i writes leaves the data as it was', async (n) => {
    const h = mkdtempSync(join(home, 'imp-'));
    await seedHome(h, 10, 20);
    const app = await openHome(h);
    try {
      const before = await snapshotJson(app.ctx);
      const failing = fullAfter(app.ctx.store, n);
      const err = await runImport(
        { ...app.ctx, store: failing.store },
        { source: { bytes: file, name: 'big.json' }, format: 'json' },
      ).then(
        () => null,
        (e: unknown) => e,
      );
      expect(failing.attempted()).toBeGreaterThan(n);
      const shown = asCliError(err);
      expect(shown).toEqual({ code: 1, stderr: 'kith: The disk is full: nothing was written.\n' });
      expect(await snapshotJson(app.ctx)).toBe(before);
    } finally {
      await app.close();
    }
  });

  it('a vCard import failing midway leaves the data as it was', async () => {
    const h = mkdtempSync(join(home, 'vcf-'));
    await seedHome(h, 3, 3);
    const vcf = Array.from(
      { length: 30 },
      (_, i) => `BEGIN:VCARD\nVERSION:3.0\nFN:Card ${i}\nEMAIL:card${i}@example.com\nEND:VCARD\n`,
    ).join('');
    const app = await openHome(h);
    try {
      const before = await snapshotJson(app.ctx);
      const failing = fullAfter(app.ctx.store, 12);
      await expect(
        runImport({ ...app.ctx, store: failing.store }, { source: { bytes: vcf, name: 'c.vcf' }, format: 'vcard' }),
      ).rejects.toMatchObject({ code: 'unavailable', message: 'The disk is full: nothing was written.' });
      expect(await snapshotJson(app.ctx)).toBe(before);
    } finally {
      await app.close();
    }
  });

  it.each([0, 1, 2])('a normal write failing after %i writes leaves the data as it was', async (n) => {
    const h = mkdtempSync(join(home, 'w-'));
    await seedHome(h, 3, 3);
    const app = await openHome(h);
    try {
      const before = await snapshotJson(app.ctx);
      const anchor = (await app.ctx.store.listContacts(app.ctx.userId, {}))[0];
      if (!anchor) throw new Error('seed has no contacts');
      for (const op of [
        (ctx: Ctx) => logTouch(ctx, { kind: 'coffee', with: [anchor.id], summary: 'will not be written' }),
        (ctx: Ctx) => createContact(ctx, { name: 'Never Stored', email: ['never@example.com'] }),
        (ctx: Ctx) => editContact(ctx, { who: anchor.id, company: 'Never Co' }),
      ]) {
        const failing = fullAfter(app.ctx.store, n);
        const err = await op({ ...app.ctx, store: failing.store }).then(
          () => null,
          (e: unknown) => e,
        );
        if (failing.attempted() > n)
          expect(asCliError(err)).toEqual({ code: 1, stderr: 'kith: The disk is full: nothing was written.\n' });
        else expect(err).toBeNull(); // the operation needed no more than n writes
      }
      const after = await snapshotJson(app.ctx);
      if (n === 0) expect(after).toBe(before);
    } finally {
      await app.close();
    }
  });
});

/** A tmpfs of `mb` megabytes; fails the test loudly when it cannot be mounted. */
function mountTmpfs(mb: number): { dir: string; readOnly: () => void; writable: () => void; unmount: () => void } {
  const dir = mkdtempSync(join(tmpdir(), 'kith-fault-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${mb}m`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (e) {
    throw new Error(
      `Cannot mount a tmpfs at ${dir} (this test needs root): the real full-disk and read-only tests did not run. ` +
        `The injected SQLITE_FULL tests above still cover the Store seam. ${(e as Error).message}`,
      { cause: e },
    );
  }
  return {
    dir,
    readOnly: () => execFileSync('mount', ['-o', 'remount,ro', dir], { stdio: 'pipe' }),
    writable: () => execFileSync('mount', ['-o', 'remount,rw', dir], { stdio: 'pipe' }),
    unmount: () => {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      rmdirSync(dir);
    },
  };
}

/** Writes zeros until the file system is full. */
function fillDisk(path: string): void {
  try {
    execFileSync('dd', ['if=/dev/zero', `of=${path}`, 'bs=4k'], { stdio: 'pipe' });
  } catch {
    // dd stops at "No space left on device": that is the point.
  }
}

describe('a real full disk and a read-only home (tmpfs)', () => {
  const mounts: Array<ReturnType<typeof mountTmpfs>> = [];
  afterEach(() => {
    for (const m of mounts.splice(0)) {
      try {
        m.writable();
      } catch {
        // already writable
      }
      m.unmount();
    }
  });

  it('an import that fills the disk fails clearly and changes nothing', { timeout: 60_000 }, async () => {
    const m = mountTmpfs(2);
    mounts.push(m);
    const big = join(tempHome(), 'big.json');
    writeFileSync(big, bigBackupJson(1500, 6000, 0xd15c));
    expect((await kith(m.dir, ['contact', 'add', 'Anchor Person'])).code).toBe(0);
    expect((await kith(m.dir, ['log', 'coffee', '--with', 'anchor', '--summary', 'before'])).code).toBe(0);
    const before = (await kith(m.dir, ['export', 'json'])).stdout;
    const r = await kith(m.dir, ['import', big]);
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(/disk is full/i);
    noStack(r.stderr);
    expect((await kith(m.dir, ['export', 'json'])).stdout).toBe(before);
    // The snapshot before the import was taken, and it still fits.
    expect((await kith(m.dir, ['backup', 'list'])).stdout).toMatch(/pre-import/);
  });

  it('a normal write on a full disk fails clearly and changes nothing', { timeout: 60_000 }, async () => {
    const m = mountTmpfs(2);
    mounts.push(m);
    expect((await kith(m.dir, ['contact', 'add', 'Anchor Person'])).code).toBe(0);
    const before = (await kith(m.dir, ['export', 'json'])).stdout;
    fillDisk(join(m.dir, 'filler'));
    for (const args of [
      ['log', 'coffee', '--with', 'anchor', '--summary', 'on a full disk'],
      ['contact', 'add', 'Nobody Stored'],
      ['backup'],
    ]) {
      const r = await kith(m.dir, args);
      expect(r.code, args.join(' ')).toBe(1);
      // SQLite cannot tell a full disk from other I/O errors when it opens the file; the message names it as the likely cause.
      expect(r.stderr).toMatch(/disk (is )?full/i);
      noStack(r.stderr);
    }
    execFileSync('rm', [join(m.dir, 'filler')]);
    expect((await kith(m.dir, ['export', 'json'])).stdout).toBe(before);
  });

  it('a read-only KITH_HOME gives a clear error and keeps the data', { timeout: 60_000 }, async () => {
    const m = mountTmpfs(8);
    mounts.push(m);
    expect((await kith(m.dir, ['contact', 'add', 'Anchor Person'])).code).toBe(0);
    const before = (await kith(m.dir, ['export', 'json'])).stdout;
    m.readOnly();
    for (const args of [['log', 'coffee', '--with', 'anchor'], ['contact', 'add', 'Nobody Stored'], ['backup']]) {
      const r = await kith(m.dir, args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/read-?only/i);
      noStack(r.stderr);
    }
    // SQLite needs its shared-memory file to open a WAL database, so reads are refused the same clear way.
    const read = await kith(m.dir, ['export', 'json']);
    expect(read.code).toBe(1);
    expect(read.stderr).toMatch(/read-?only/i);
    noStack(read.stderr);
    m.writable();
    expect((await kith(m.dir, ['export', 'json'])).stdout).toBe(before);
  });
});

describe('a database from a newer kith', () => {
  const sha = (path: string): string => createHash('sha256').update(readFileSync(path)).digest('hex');

  it('is refused by the CLI and by restore, and is left unchanged', { timeout: 60_000 }, async () => {
    const home = tempHome();
    expect((await kith(home, ['contact', 'add', 'Anchor Person'])).code).toBe(0);
    const db = join(home, 'kith.db');
    const raw = new BetterSqlite3(db);
    raw
      .prepare('INSERT INTO kith_migrations (name, applied_at) VALUES (?, ?)')
      .run('9999_from_the_future', '2030-01-01T00:00:00.000Z');
    raw.close();
    const hash = sha(db);
    for (const args of [['contact', 'list'], ['log', 'coffee', '--with', 'anchor'], ['backup'], ['import', '/dev/null']]) {
      const r = await kith(home, args);
      expect(r.code, args.join(' ')).toBe(1);
      expect(r.stderr).toMatch(/newer version of kith/);
      noStack(r.stderr);
    }
    expect(sha(db)).toBe(hash);
    // A backup taken from a newer kith is refused by restore before anything changes.
    const other = tempHome();
    await seedHome(other, 2, 2);
    const app = await openHome(other);
    const mine = await exportBackup(app.ctx);
    await app.close();
    const { mkdirSync, copyFileSync } = await import('node:fs');
    mkdirSync(join(other, 'backups'), { recursive: true });
    copyFileSync(db, join(other, 'backups', 'kith-2030-01-01T00-00-00-000Z-manual.db'));
    await expect(restoreBackup({ KITH_HOME: other }, 'kith-2030')).rejects.toMatchObject({
      message: expect.stringMatching(/newer version/),
    });
    const again = await openHome(other);
    expect(backupToJson(await exportBackup(again.ctx))).toBe(backupToJson(mine));
    await again.close();
  });
});
