/**
 * Writing an export so an interrupted run never leaves half a file: a file is
 * written beside its target and renamed over it; a directory is built beside its
 * target and swapped in.
 */
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { AppError } from '../../core/errors.js';
import type { ExportOutput } from './export-run.js';

/** Marks a directory kith wrote, so a later export may replace it. */
export const EXPORT_MARKER = '.kith-export';

/** Writes `text` to `path` atomically (temp file + rename). */
export async function writeFileAtomic(path: string, text: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.tmp-${process.pid}-${Date.now()}`);
  try {
    await writeFile(tmp, text);
    await rename(tmp, path);
  } catch (e) {
    await rm(tmp, { force: true });
    throw cannotWrite(path, e);
  }
}

function cannotWrite(path: string, e: unknown): AppError {
  if (e instanceof AppError) return e;
  return new AppError('invalid_input', `${path}: cannot write it (${(e as Error).message})`, {
    issues: [{ field: 'output', message: 'unwritable' }],
  });
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes a set of files as the directory `dir`, atomically. An existing `dir` is
 * replaced only when it is empty or an earlier kith export; anything else is refused
 * rather than mixed with or deleted.
 */
export async function writeDirectoryAtomic(dir: string, files: Array<{ name: string; text: string }>): Promise<void> {
  if (await exists(dir)) {
    const s = await stat(dir);
    const entries = s.isDirectory() ? await readdir(dir) : null;
    if (!entries || (entries.length > 0 && !entries.includes(EXPORT_MARKER))) {
      throw new AppError('invalid_input', `${dir}: exists and is not an earlier kith export; choose a new directory`, {
        issues: [{ field: 'output', message: 'exists' }],
      });
    }
  }
  const parent = dirname(dir);
  const tmp = join(parent, `.${basename(dir)}.tmp-${process.pid}-${Date.now()}`);
  try {
    await mkdir(parent, { recursive: true });
    await mkdir(tmp);
    for (const f of files) {
      if (f.name.includes('/') || f.name.includes('\\') || f.name.startsWith('.')) throw new Error(`unsafe file name ${f.name}`);
      await writeFile(join(tmp, f.name), f.text);
    }
    await writeFile(join(tmp, EXPORT_MARKER), 'Written by `kith export`. A later export replaces this whole directory.\n');
    if (await exists(dir)) {
      const old = `${tmp}-old`;
      await rename(dir, old);
      await rename(tmp, dir);
      await rm(old, { recursive: true, force: true });
    } else await rename(tmp, dir);
  } catch (e) {
    await rm(tmp, { recursive: true, force: true });
    throw cannotWrite(dir, e);
  }
}

/** Writes an export to `path`; returns how many files were written. */
export async function writeExportOutput(out: ExportOutput, path: string): Promise<number> {
  if (out.kind === 'text') {
    await writeFileAtomic(path, out.text);
    return 1;
  }
  await writeDirectoryAtomic(path, out.files);
  return out.files.length;
}
