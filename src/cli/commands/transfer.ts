/**
 * `kith export <format>` and `kith import [format] <file>`.
 */
import { readFile, writeFile, rename } from 'node:fs/promises';
import { basename } from 'node:path';
import { backupToJson, exportBackup, importBackup, parseBackup } from '../../app/backup.js';
import { AppError } from '../../core/errors.js';
import { printJson, println } from '../output.js';
import { withApp, type CommandOpts } from '../run.js';

const EXPORT_FORMATS = ['json'];
const IMPORT_FORMATS = ['json'];

export async function exportCmd([format]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    if (!EXPORT_FORMATS.includes(String(format))) {
      throw new AppError(
        'invalid_input',
        `format: "${String(format)}" is not an export format (try: ${EXPORT_FORMATS.join(', ')})`,
        {
          issues: [{ field: 'format', message: 'unknown format' }],
        },
      );
    }
    const text = backupToJson(await exportBackup(ctx));
    if (typeof o.output === 'string') {
      // Written beside and renamed, so an interrupted export never leaves half a file.
      const tmp = `${o.output}.tmp-${process.pid}`;
      await writeFile(tmp, text);
      await rename(tmp, o.output);
      process.stderr.write(`Wrote ${o.output}\n`);
    } else process.stdout.write(text);
  });
}

export async function importCmd([formatOrFile, maybeFile]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const file = String(maybeFile ?? formatOrFile);
    let format = maybeFile ? String(formatOrFile) : null;
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (e) {
      const code = (e as { code?: string }).code;
      throw new AppError(
        code === 'ENOENT' ? 'not_found' : 'invalid_input',
        `${file}: ${code === 'ENOENT' ? 'no such file' : (e as Error).message}`,
      );
    }
    if (!format) {
      if (/^\uFEFF?\s*\{/.test(text) && text.includes('"kith-backup"')) format = 'json';
      else {
        throw new AppError('invalid_input', `${file}: cannot tell the format; name it (one of: ${IMPORT_FORMATS.join(', ')})`, {
          issues: [{ file, field: 'format', message: 'unknown' }],
        });
      }
    }
    if (!IMPORT_FORMATS.includes(format)) {
      throw new AppError(
        'invalid_input',
        `format: "${format}" is not an import format this kith reads (try: ${IMPORT_FORMATS.join(', ')})`,
        {
          issues: [{ field: 'format', message: 'unknown format' }],
        },
      );
    }
    const backup = parseBackup(text, basename(file));
    const total =
      backup.contacts.length +
      backup.touchpoints.length +
      backup.communities.length +
      backup.events.length +
      backup.followUps.length +
      backup.commitments.length +
      backup.ledger.length +
      backup.introductions.length +
      backup.posts.length +
      backup.postResponses.length +
      backup.resources.length;
    let counts = { new: 0, updated: 0 };
    if (!o.dryRun) counts = await importBackup(ctx, backup, basename(file));
    const summary = {
      format: 'json',
      dryRun: !!o.dryRun,
      counts: { new: counts.new, updated: counts.updated, merged: 0, skipped: 0, invalid: 0, records: total },
      issues: [],
    };
    if (o.json) printJson(summary);
    else if (o.dryRun)
      println(
        `${file}: a valid kith backup with ${total} records (${backup.contacts.length} contacts, ${backup.touchpoints.length} touchpoints). Nothing was written.`,
      );
    else println(`Imported ${file}: ${counts.new} new, ${counts.updated} updated.`);
  });
}
