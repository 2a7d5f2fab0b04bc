/**
 * Restores the generator's backup.json through kith's own restore operation (importBackup),
 * but reads the file record by record. `kith import json` reads the file as one string, which
 * V8 refuses past ~512 MB, so at 100 000 contacts this is how the benchmark home gets its data;
 * its time is reported next to the CLI's figure, never instead of it.
 *   node --import tsx bench/lib/load-backup.ts <KITH_HOME> <backup.json>
 * Prints JSON: { records, ms, rssMb }.
 */
import { readFileSync } from 'node:fs';
import { importBackup, type Backup } from '../../src/app/backup.js';
import { openApp } from '../../src/app/session.js';
import { readBackupLines } from './backup-lines.js';

const SECTIONS = ['contacts', 'touchpoints', 'communities', 'events', 'followUps', 'commitments', 'ledger', 'introductions', 'posts', 'postResponses', 'resources', 'jobChanges', 'agendaStates'];

/** Builds the restore's input from the file as parseBackup would, minus the one-string JSON.parse and the schema check. */
export async function readBackupObject(path: string): Promise<{ backup: Backup; records: number }> {
  const sections: Record<string, Array<Record<string, unknown>>> = Object.fromEntries(SECTIONS.map((s) => [s, []]));
  let records = 0;
  const head = await readBackupLines(path, (section, r) => {
    // What the restore derives itself: the owner, a contact's last touch.
    delete r.ownerId;
    if (section === 'contacts') delete r.lastTouchAt;
    (sections[section] ??= []).push(r);
    records++;
  });
  let profile: Record<string, unknown> | null = null;
  if (head.profile) {
    const { ownerId: _o, updatedAt: _u, ...rest } = head.profile;
    profile = rest;
  }
  return { backup: { format: head.format, version: head.version, profile, ...sections } as unknown as Backup, records };
}

async function main(home: string, path: string): Promise<void> {
  const t0 = process.hrtime.bigint();
  const { backup, records } = await readBackupObject(path);
  const app = await openApp({ KITH_HOME: home });
  try {
    await importBackup(app.ctx, backup, path);
  } finally {
    await app.close();
  }
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  const m = /VmHWM:\s+(\d+)\s+kB/.exec(readFileSync('/proc/self/status', 'utf8'));
  process.stdout.write(`${JSON.stringify({ records, ms, rssMb: m ? Number(m[1]) / 1024 : null })}\n`);
}

const [home, path] = process.argv.slice(2);
if (home && path) {
  main(home, path).catch((e: unknown) => {
    process.stderr.write(`load-backup: ${(e as Error)?.stack ?? String(e)}\n`);
    process.exitCode = 1;
  });
}
