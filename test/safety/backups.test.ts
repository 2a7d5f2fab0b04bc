/**
 * Backups: names, rotation (table-driven and property-based), snapshots, restore
 * giving back exactly the data of that moment, the pre-migration snapshot, the
 * integrity check on start and the daily backups of a running server.
 */
import { existsSync, mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { logTouch } from '../../src/app/touchpoints.js';
import { createContact } from '../../src/app/contacts.js';
import {
  BACKUP_KINDS,
  backupName,
  backupsDir,
  backupsToKeep,
  listBackups,
  newestGoodBackup,
  parseBackupName,
  rotateBackups,
  type BackupEntry,
  type BackupKind,
} from '../../src/app/backups.js';
import { fixedClock, type Clock } from '../../src/app/ports.js';
import {
  backupNow,
  checkIntegrityOnStart,
  openCheckedApp,
  openTrustedApp,
  restoreBackup,
  snapshotBeforeImport,
  startDailyBackups,
  watchIntegrity,
  type Timers,
  type Traffic,
} from '../../src/app/safety.js';
import { openApp } from '../../src/app/session.js';
import { tempHome } from '../support/cli.js';
import { damagePages, exportHome, openHome, rewindLastMigration, seedHome } from './support.js';

const entry = (kind: BackupKind, takenAt: string, n = 0): BackupEntry => ({
  name: backupName(kind, takenAt, 'sqlite', n),
  path: `/nowhere/${backupName(kind, takenAt, 'sqlite', n)}`,
  kind,
  takenAt,
  bytes: 1,
  format: 'sqlite',
});

/** One daily backup at 03:00 on each of `days` days, from `first` on. */
function dailies(first: string, days: number): BackupEntry[] {
  const out: BackupEntry[] = [];
  const t0 = Date.parse(`${first}T03:00:00.000Z`);
  for (let i = 0; i < days; i++) out.push(entry('daily', new Date(t0 + i * 86_400_000).toISOString()));
  return out;
}

const kept = (entries: BackupEntry[]): string[] =>
  entries
    .filter((e) => backupsToKeep(entries).has(e.name))
    .map((e) => e.takenAt.slice(0, 10))
    .sort();

describe('backup names', () => {
  const check = (kind: BackupKind, at: string, format: 'sqlite' | 'json', n: number, expected: string): void => {
    const name = backupName(kind, at, format, n);
    expect(name).toBe(expected);
    expect(parseBackupName(name)).toEqual({ kind, takenAt: at, format });
  };
  it('round-trips kind, instant and format', () => {
    check('daily', '2026-11-26T03:04:05.006Z', 'sqlite', 0, 'kith-2026-11-26T03-04-05-006Z-daily.db');
    check('pre-import', '2026-01-02T00:00:00.000Z', 'sqlite', 2, 'kith-2026-01-02T00-00-00-000Z-pre-import-2.db');
    check('manual', '2026-12-31T23:59:59.999Z', 'json', 0, 'kith-2026-12-31T23-59-59-999Z-manual.json');
    check('pre-migration', '2027-03-01T12:00:00.000Z', 'sqlite', 0, 'kith-2027-03-01T12-00-00-000Z-pre-migration.db');
  });
  it('ignores other files', () => {
    for (const name of [
      'kith.db',
      'kith-2026-11-26T03-04-05-006Z-weekly.db',
      'notes.txt',
      'kith-2026-11-26T03-04-05-006Z-daily.db.partial',
    ])
      expect(parseBackupName(name)).toBeNull();
  });
});

describe('rotation', () => {
  it('keeps 7 daily, 4 weekly and 12 monthly of 400 days of daily backups', () => {
    const all = dailies('2025-10-01', 400); // up to 2026-11-04 (a Wednesday)
    const days = kept(all);
    // The 7 newest days.
    for (const d of ['2026-10-29', '2026-10-30', '2026-10-31', '2026-11-01', '2026-11-02', '2026-11-03', '2026-11-04'])
      expect(days).toContain(d);
    // The newest of each of the 4 newest ISO weeks: Sundays before this week's Wednesday.
    for (const d of ['2026-10-18', '2026-10-25', '2026-11-01']) expect(days).toContain(d);
    // The newest of each of the 12 newest months: month ends.
    for (const d of ['2025-12-31', '2026-01-31', '2026-06-30', '2026-09-30', '2026-10-31']) expect(days).toContain(d);
    expect(days).not.toContain('2025-11-30');
    expect(days).not.toContain('2026-10-11');
    expect(days.length).toBeLessThanOrEqual(7 + 4 + 12);
    expect(days[0]).toBe('2025-12-31');
  });

  it('keeps the newest daily of a day with several, and every daily when there are few', () => {
    const two = [entry('daily', '2026-11-26T03:00:00.000Z'), entry('daily', '2026-11-26T15:00:00.000Z')];
    expect([...backupsToKeep(two)]).toEqual([two[1]?.name]);
    const few = dailies('2026-11-20', 5);
    expect(backupsToKeep(few).size).toBe(5);
  });

  it('keeps the last 10 of each event kind and every manual backup', () => {
    const events: BackupEntry[] = [];
    for (const kind of ['pre-import', 'pre-migration', 'pre-restore', 'manual'] as const)
      for (let i = 0; i < 15; i++) events.push(entry(kind, new Date(Date.UTC(2026, 0, 1 + i)).toISOString()));
    const keep = backupsToKeep(events);
    const count = (kind: BackupKind) => events.filter((e) => e.kind === kind && keep.has(e.name)).length;
    expect([count('pre-import'), count('pre-migration'), count('pre-restore'), count('manual')]).toEqual([10, 10, 10, 15]);
    expect(keep.has(entry('pre-import', '2026-01-15T00:00:00.000Z').name)).toBe(true);
    expect(keep.has(entry('pre-import', '2026-01-05T00:00:00.000Z').name)).toBe(false);
  });

  it('keeps a bounded set that always includes the newest of each kind (property)', () => {
    const arb = fc.array(
      fc.record({
        kind: fc.constantFrom(...BACKUP_KINDS),
        ms: fc.integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2030, 0, 1) }),
      }),
      { maxLength: 300 },
    );
    fc.assert(
      fc.property(arb, (raw) => {
        const entries = raw.map((r, i) => entry(r.kind, new Date(r.ms).toISOString(), i));
        const keep = backupsToKeep(entries);
        for (const name of keep) expect(entries.some((e) => e.name === name)).toBe(true);
        const of = (kind: BackupKind) => entries.filter((e) => e.kind === kind);
        expect(of('daily').filter((e) => keep.has(e.name)).length).toBeLessThanOrEqual(23);
        for (const kind of ['pre-import', 'pre-migration', 'pre-restore'] as const)
          expect(of(kind).filter((e) => keep.has(e.name)).length).toBe(Math.min(10, of(kind).length));
        for (const e of of('manual')) expect(keep.has(e.name)).toBe(true);
        for (const kind of BACKUP_KINDS) {
          const newest = of(kind).sort((a, b) =>
            a.takenAt === b.takenAt ? (a.name < b.name ? 1 : -1) : a.takenAt < b.takenAt ? 1 : -1,
          )[0];
          if (newest) expect(keep.has(newest.name)).toBe(true);
        }
        // Idempotent: rotating what was kept keeps all of it.
        const again = backupsToKeep(entries.filter((e) => keep.has(e.name)));
        expect(again).toEqual(keep);
      }),
      { numRuns: 200 },
    );
  });

  it('deletes the files rotation drops and half-written snapshots', () => {
    const home = tempHome();
    const dir = backupsDir(home);
    mkdirSync(dir, { recursive: true });
    const all = dailies('2026-01-01', 40);
    for (const e of all) writeFileSync(join(dir, e.name), 'x');
    writeFileSync(join(dir, `${backupName('daily', '2026-03-01T00:00:00.000Z', 'sqlite')}.partial`), 'half');
    writeFileSync(join(dir, 'my-notes.txt'), 'not ours');
    const removed = rotateBackups(home);
    const left = readdirSync(dir);
    expect(left).toContain('my-notes.txt');
    expect(left.some((n) => n.endsWith('.partial'))).toBe(false);
    expect(
      listBackups(home)
        .map((e) => e.name)
        .sort(),
    ).toEqual([...backupsToKeep(all)].sort());
    expect(removed.length).toBe(40 - backupsToKeep(all).size + 1);
  });
});

describe('snapshots and restore (SQLite)', () => {
  it('restores any listed backup to exactly the data of its moment', { timeout: 60_000 }, async () => {
    const home = tempHome();
    const env = { KITH_HOME: home };
    await seedHome(home, 50, 200);
    const moments: Array<{ name: string; json: string }> = [];
    for (let step = 0; step < 3; step++) {
      const app = await openHome(home, `2026-11-2${step}T10:00:00.000Z`);
      const made = await backupNow(app.ctx, env);
      await app.close();
      moments.push({ name: made.name, json: await exportHome(home) });
      const w = await openHome(home);
      const c = await createContact(w.ctx, { name: `Step ${step} Person` });
      await logTouch(w.ctx, { kind: 'coffee', with: [c.id], summary: `step ${step}` });
      await w.close();
    }
    const latest = await exportHome(home);
    for (const m of [moments[1], moments[0], moments[2]]) {
      if (!m) throw new Error('missing moment');
      const r = await restoreBackup(env, m.name);
      expect(r.restored.name).toBe(m.name);
      expect(await exportHome(home)).toBe(m.json);
      expect(r.undo?.kind).toBe('pre-restore');
    }
    // The first restore's undo snapshot holds the latest state.
    const undos = listBackups(home).filter((e) => e.kind === 'pre-restore');
    const firstUndo = undos[undos.length - 1];
    if (!firstUndo) throw new Error('no undo snapshot');
    await restoreBackup(env, firstUndo.name);
    expect(await exportHome(home)).toBe(latest);
  });

  it('snapshots before an import and before a migration, and both restore', { timeout: 60_000 }, async () => {
    const home = tempHome();
    const env = { KITH_HOME: home };
    await seedHome(home, 20, 40);
    const before = await exportHome(home);
    const app = await openHome(home);
    const pre = await snapshotBeforeImport(app.ctx, env);
    await app.close();
    expect(pre?.kind).toBe('pre-import');
    await seedHome(home, 10, 10, 0x7777);
    expect(await exportHome(home)).not.toBe(before);
    await restoreBackup(env, pre?.name ?? '');
    expect(await exportHome(home)).toBe(before);

    // A database from the previous kith: opening it migrates, after a snapshot.
    const data = await exportHome(home);
    rewindLastMigration(join(home, 'kith.db'));
    const migrated = await openApp(env);
    await migrated.close();
    const snaps = listBackups(home).filter((e) => e.kind === 'pre-migration');
    expect(snaps).toHaveLength(1);
    await seedHome(home, 5, 5, 0x8888);
    await restoreBackup(env, snaps[0]?.name ?? '');
    expect(await exportHome(home)).toBe(data);
  });

  it('refuses a backup that is damaged, an unknown name, and a JSON backup, changing nothing', async () => {
    const home = tempHome();
    const env = { KITH_HOME: home };
    await seedHome(home, 300, 600);
    const app = await openHome(home);
    const good = await backupNow(app.ctx, env);
    await app.close();
    const data = await exportHome(home);
    damagePages(good.path);
    await expect(restoreBackup(env, good.name)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringMatching(/damaged/),
    });
    await expect(restoreBackup(env, 'kith-1999')).rejects.toMatchObject({ code: 'not_found' });
    writeFileSync(join(backupsDir(home), backupName('manual', '2026-01-01T00:00:00.000Z', 'json')), '{}');
    await expect(restoreBackup(env, 'kith-2026-01-01')).rejects.toMatchObject({ code: 'invalid_input' });
    expect(await exportHome(home)).toBe(data);
    expect(existsSync(join(home, 'kith.db.restoring'))).toBe(false);
  });

  it('refuses to swap the file while another connection has it open, even one that only read', async () => {
    const home = tempHome();
    const env = { KITH_HOME: home };
    await seedHome(home, 5, 5);
    const made = await (async () => {
      const a = await openHome(home);
      const b = await backupNow(a.ctx, env);
      await a.close();
      return b;
    })();
    const reader = await openHome(home);
    await reader.ctx.store.listContacts(reader.ctx.userId, {});
    await expect(restoreBackup(env, made.name)).rejects.toMatchObject({ code: 'conflict' });
    await reader.close();
    expect((await restoreBackup(env, made.name)).restored.name).toBe(made.name);
  });

  it('refuses to swap the file while another process has it open', async () => {
    const home = tempHome();
    const env = { KITH_HOME: home };
    await seedHome(home, 5, 5);
    const holder = await openHome(home);
    const made = await backupNow(holder.ctx, env);
    await createContact(holder.ctx, { name: 'Written While Open' });
    await expect(restoreBackup(env, made.name)).rejects.toMatchObject({ code: 'conflict' });
    await holder.close();
    expect(await exportHome(home)).toContain('Written While Open');
  });
});

describe('integrity on start', () => {
  it('names the newest good backup when the database is damaged, and restore repairs it', { timeout: 60_000 }, async () => {
    const home = tempHome();
    const env = { KITH_HOME: home };
    await seedHome(home, 300, 1500);
    const app = await openHome(home, '2026-11-20T10:00:00.000Z');
    const older = await backupNow(app.ctx, env);
    await app.close();
    const app2 = await openHome(home, '2026-11-21T10:00:00.000Z');
    const newer = await backupNow(app2.ctx, env);
    await app2.close();
    const data = await exportHome(home);
    damagePages(newer.path); // the newest backup is bad too: the older one is named
    expect((await newestGoodBackup(home))?.name).toBe(older.name);
    damagePages(join(home, 'kith.db'));
    const opened = await openApp(env);
    await expect(checkIntegrityOnStart(opened, env)).rejects.toMatchObject({
      code: 'unavailable',
      message: expect.stringContaining(`kith restore ${older.name} --yes`),
    });
    await opened.close();
    await expect(openCheckedApp(env)).rejects.toMatchObject({
      message: expect.stringMatching(/integrity check.*will not write/s),
    });
    // What `kith serve` does: open, check in the background (a worker thread reads the file), refuse writes.
    const serving = await openTrustedApp(env);
    const watch = watchIntegrity(serving, env);
    expect(watch.state()).toBe('checking');
    const failure = await watch.done;
    expect(watch.state()).toBe('failed');
    expect(failure?.message).toContain(`kith restore ${older.name} --yes`);
    await expect(createContact({ ...serving.ctx, store: watch.store }, { name: 'Not Written' })).rejects.toMatchObject({
      details: { reason: 'integrity_check_failed' },
    });
    await serving.close();
    await restoreBackup(env, older.name);
    expect(await exportHome(home)).toBe(data);
    const ok = await openCheckedApp(env);
    await ok.close();
  });

  it('treats a file SQLite cannot read as damage, and restore moves it aside', async () => {
    const home = tempHome();
    const env = { KITH_HOME: home };
    await seedHome(home, 3, 3);
    const app = await openHome(home);
    const good = await backupNow(app.ctx, env);
    await app.close();
    const data = await exportHome(home);
    writeFileSync(join(home, 'kith.db'), Buffer.alloc(8192, 0x41));
    await expect(openTrustedApp(env)).rejects.toMatchObject({ code: 'unavailable', message: expect.stringContaining(good.name) });
    const r = await restoreBackup(env, good.name);
    expect(r.undo).toBeNull();
    expect(r.setAside && existsSync(r.setAside)).toBe(true);
    expect(await exportHome(home)).toBe(data);
  });
});

describe('daily backups while serving', () => {
  it('takes one snapshot a day and rotates', async () => {
    const home = tempHome();
    const env = { KITH_HOME: home };
    await seedHome(home, 3, 3);
    let now = '2026-11-26T09:00:00.000Z';
    const clock: Clock = { now: () => now };
    const app = await openApp(env, { clock });
    const errors: unknown[] = [];
    const daily = startDailyBackups(app, env, { everyMs: 5, onError: (e) => errors.push(e) });
    expect((await daily.ready)?.kind).toBe('daily');
    expect(await daily.check()).toBeNull(); // today has one
    expect(listBackups(home).filter((e) => e.kind === 'daily')).toHaveLength(1);
    now = '2026-11-27T00:30:00.000Z';
    // The timer notices the new day by itself.
    for (let i = 0; i < 500 && listBackups(home).length < 2; i++) await new Promise((r) => setTimeout(r, 10));
    daily.stop();
    expect(listBackups(home).map((e) => `${e.kind} ${e.takenAt.slice(0, 10)}`)).toEqual(['daily 2026-11-27', 'daily 2026-11-26']);
    expect(errors).toEqual([]);
    await app.close();
  });

  /** Timers that fire only when the test moves time on. */
  function manualTimers(): Timers & { advance(ms: number): void } {
    let now = 0;
    let next = 1;
    let due: Array<{ at: number; id: number; fn: () => void }> = [];
    return {
      set(fn, ms) {
        due.push({ at: now + ms, id: next, fn });
        return next++;
      },
      clear(handle) {
        due = due.filter((d) => d.id !== handle);
      },
      advance(ms) {
        const end = now + ms;
        for (;;) {
          const first = due.sort((a, b) => a.at - b.at || a.id - b.id)[0];
          if (!first || first.at > end) break;
          due.shift();
          now = first.at;
          first.fn();
        }
        now = end;
      },
    };
  }
  const settled = async (p: Promise<unknown>): Promise<boolean> => {
    let done = false;
    void p.then(() => (done = true));
    for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
    return done;
  };
  const dailyCount = (home: string): number => listBackups(home).filter((e) => e.kind === 'daily').length;
  /** A seeded home whose daily snapshot waits on `traffic`, with timers the test moves on. */
  async function waitingDaily(traffic: Traffic) {
    const home = tempHome();
    const env = { KITH_HOME: home };
    await seedHome(home, 3, 3);
    const app = await openApp(env, { clock: fixedClock('2026-11-26T09:00:00.000Z') });
    const timers = manualTimers();
    const daily = startDailyBackups(app, env, { timers, quietMs: 2000, maxWaitMs: 600_000, traffic });
    return { home, app, timers, daily };
  }

  it('waits for a quiet moment: not while requests come in or one is still open, then at once', async () => {
    const traffic = { started: 0, open: 0 };
    const { home, app, timers, daily } = await waitingDaily({ started: () => traffic.started, open: () => traffic.open });
    // A request every second for five minutes.
    for (let s = 0; s < 300; s++) {
      traffic.started++;
      timers.advance(1000);
    }
    // Then one long request, with nothing new for a minute.
    traffic.open = 1;
    timers.advance(60_000);
    expect(await settled(daily.ready)).toBe(false);
    expect(dailyCount(home)).toBe(0);
    traffic.open = 0;
    timers.advance(2000);
    expect((await daily.ready)?.kind).toBe('daily');
    expect(dailyCount(home)).toBe(1);
    daily.stop();
    await app.close();
  });

  it('takes the snapshot under load once it has waited maxWaitMs, so no day goes without one', async () => {
    let started = 0;
    const { app, timers, daily } = await waitingDaily({ started: () => started, open: () => 1 });
    for (let s = 0; s < 598; s++) {
      started++;
      timers.advance(1000);
    }
    expect(await settled(daily.ready)).toBe(false);
    started++;
    timers.advance(2000);
    expect((await daily.ready)?.kind).toBe('daily');
    daily.stop();
    await app.close();
  });

  it('takes nothing when stopped while it waits', async () => {
    const { home, app, timers, daily } = await waitingDaily({ started: () => 0, open: () => 1 });
    timers.advance(5000);
    daily.stop();
    expect(await daily.ready).toBeNull();
    timers.advance(24 * 3600_000);
    expect(await settled(daily.check())).toBe(true);
    expect(dailyCount(home)).toBe(0);
    await app.close();
  });

  it('reports a failed snapshot without throwing', async () => {
    const home = tempHome();
    const env = { KITH_HOME: home };
    await seedHome(home, 1, 1);
    writeFileSync(backupsDir(home), 'a file where the directory should be');
    const app = await openApp(env, { clock: fixedClock('2026-11-26T09:00:00.000Z') });
    const errors: Array<{ message: string }> = [];
    const daily = startDailyBackups(app, env, { onError: (e) => errors.push(e) });
    expect(await daily.ready).toBeNull();
    daily.stop();
    await app.close();
    expect(errors).toHaveLength(1);
    expect(errors[0]?.message).toMatch(/Cannot (write a backup|take the daily backup)/);
  });
});
