/**
 * `kith backup [now]`, `kith backup list` and `kith restore <backup>`.
 */
import { createInterface } from 'node:readline/promises';
import { listBackups, type BackupEntry } from '../../app/backups.js';
import { backupNow, restoreBackup } from '../../app/safety.js';
import { kithHome } from '../../app/session.js';
import { AppError } from '../../core/errors.js';
import { bold, dim, printJson, println, reportError } from '../output.js';
import { withApp, type CommandOpts } from '../run.js';

const size = (n: number): string =>
  n >= 1024 * 1024 ? `${(n / 1024 / 1024).toFixed(1)} MB` : n >= 1024 ? `${(n / 1024).toFixed(1)} kB` : `${n} B`;

const view = (e: BackupEntry) => ({
  name: e.name,
  kind: e.kind,
  takenAt: e.takenAt,
  bytes: e.bytes,
  format: e.format,
  path: e.path,
});

export async function backupNowCmd(_: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const made = await backupNow(ctx, process.env);
    if (o.json) printJson(view(made));
    else println(`Backed up to ${bold(made.path)} (${size(made.bytes)}).`);
  });
}

export async function backupListCmd(_: unknown[], o: CommandOpts): Promise<void> {
  try {
    const all = listBackups(kithHome(process.env));
    if (o.json) {
      printJson({ backups: all.map(view) });
      return;
    }
    if (all.length === 0) {
      println('No backups yet. kith backup takes one now.');
      return;
    }
    for (const e of all) println(`${e.name}  ${dim(`${e.kind}, ${size(e.bytes)}`)}`);
  } catch (e) {
    process.exitCode = reportError(e, !!o.json);
  }
}

async function confirm(question: string): Promise<boolean> {
  const rl = createInterface({ input: process.stdin, output: process.stderr });
  try {
    return /^y(es)?$/i.test((await rl.question(question)).trim());
  } finally {
    rl.close();
  }
}

export async function restoreCmd([ref]: unknown[], o: CommandOpts): Promise<void> {
  try {
    if (!o.yes) {
      if (!process.stdin.isTTY) {
        throw new AppError('invalid_input', 'kith restore replaces your data: add --yes to confirm.', {
          issues: [{ field: 'yes', message: 'required when not run from a terminal' }],
        });
      }
      if (!(await confirm(`Replace your data with ${String(ref)}? The current state is snapshotted first. [y/N] `))) {
        println('Nothing was changed.');
        return;
      }
    }
    const { restored, undo, setAside } = await restoreBackup(process.env, String(ref));
    if (o.json) printJson({ restored: view(restored), undo: undo ? view(undo) : null, setAside });
    else {
      println(`Restored ${bold(restored.name)} (${restored.takenAt}).`);
      if (undo) println(dim(`The state before it is in ${undo.name}: kith restore ${undo.name} --yes undoes this.`));
      if (setAside) println(dim(`The damaged database was moved to ${setAside}.`));
    }
  } catch (e) {
    process.exitCode = reportError(e, !!o.json);
  }
}
