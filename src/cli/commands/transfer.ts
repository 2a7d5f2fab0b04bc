/**
 * `kith import [format] <file>` and `kith export <format>`: argv in, a summary out.
 * The work happens in app/import and app/export.
 */
import { resolve } from 'node:path';
import type { ExportFormat } from '../../app/export/export-run.js';
import { runImport, type ImportProgress } from '../../app/import/import-run.js';
import { formatIssue, type ImportReport } from '../../app/import/import-report.js';
import { snapshotBeforeImport } from '../../app/safety.js';
import { AppError } from '../../core/errors.js';
import { bold, dim, printJson, println, yellow } from '../output.js';
import { withApp, type CommandOpts } from '../run.js';

/** A progress bar on stderr, only when stderr is a terminal and the import takes a while. */
async function progressBar(): Promise<{ update: (p: ImportProgress) => void; stop: () => void }> {
  if (!process.stderr.isTTY) return { update: () => {}, stop: () => {} };
  const { SingleBar, Presets } = (await import('cli-progress')).default;
  const bar = new SingleBar(
    {
      stream: process.stderr,
      format: 'importing [{bar}] {percentage}% | {records} records',
      hideCursor: true,
      clearOnComplete: true,
    },
    Presets.shades_classic,
  );
  let started = false;
  const startedAt = Date.now();
  return {
    update: (p) => {
      // Small files finish before a bar would help.
      if (!started && Date.now() - startedAt < 300) return;
      if (!started) {
        bar.start(Math.max(p.totalBytes, 1), 0, { records: 0 });
        started = true;
      }
      bar.update(Math.min(p.bytesRead, p.totalBytes), { records: p.records });
    },
    stop: () => {
      if (started) bar.stop();
    },
  };
}

function printReport(r: ImportReport): void {
  const c = r.counts;
  const verb = r.dryRun ? 'Would import' : 'Imported';
  println(
    `${verb} ${bold(r.file)} (${r.format}): ${c.new} new, ${c.updated} updated, ${c.merged} merged, ${c.skipped} skipped, ${c.invalid} invalid.`,
  );
  if (r.contactsCreated > 0) println(`  ${r.contactsCreated} new contacts for people in it.`);
  const reasons = Object.entries(r.skippedReasons);
  if (reasons.length > 0) println(dim(`  skipped: ${reasons.map(([why, n]) => `${n} ${why}`).join('; ')}`));
  for (const j of r.jobChanges.slice(0, 20)) println(`  ${bold(j.name)} moved from ${j.from ?? '?'} to ${j.to}`);
  if (r.jobChanges.length > 20) println(`  … and ${r.jobChanges.length - 20} more job changes`);
  if (r.issuesTotal > 0) {
    println(yellow(`${r.issuesTotal} problem${r.issuesTotal === 1 ? '' : 's'}:`));
    for (const i of r.issues.slice(0, 50)) println(`  ${formatIssue(i)}`);
    if (r.issuesTotal > 50) println(`  … and ${r.issuesTotal - 50} more (use --json to see them)`);
  }
  if (r.unknownPeople.length > 0) {
    println(`${r.unknownPeople.length} people are not contacts (add them with --create-contacts):`);
    for (const p of r.unknownPeople.slice(0, 10))
      println(`  ${[p.name, p.email ?? p.profileUrl].filter(Boolean).join(' ')} (${p.count})`);
  }
  if (r.duplicates.length > 0) {
    println(
      `${r.duplicates.length} possible duplicate${r.duplicates.length === 1 ? '' : 's'} (not merged; see kith contact duplicates):`,
    );
    for (const d of r.duplicates.slice(0, 10)) println(`  ${d.contacts.map((x) => x.name).join(' ~ ')}: ${d.reason}`);
  }
  if (r.dryRun) println(dim('Dry run: nothing was written.'));
}

export async function importCmd([formatOrFile, maybeFile]: unknown[], o: CommandOpts): Promise<void> {
  await withApp(o, async (ctx) => {
    const file = String(maybeFile ?? formatOrFile);
    const format = maybeFile ? String(formatOrFile) : null;
    // Data safety: a snapshot to go back to (kith backup list), before anything is written.
    if (!o.dryRun) await snapshotBeforeImport(ctx, process.env);
    const bar = await progressBar();
    let report: ImportReport;
    try {
      report = await runImport(ctx, {
        source: { path: resolve(file), name: file },
        format,
        dryRun: !!o.dryRun,
        strict: !!o.strict,
        createContacts: !!o.createContacts,
        onProgress: bar.update,
      });
    } finally {
      bar.stop();
    }
    if (o.json) printJson(report);
    else printReport(report);
  });
}

export async function exportCmd([format]: unknown[], o: CommandOpts): Promise<void> {
  // Loaded here, not at the top: an import should not load the exporters (iCalendar and all).
  const { runExport, EXPORT_FORMATS } = await import('../../app/export/export-run.js');
  const { writeExportOutput } = await import('../../app/export/export-write.js');
  await withApp(o, async (ctx) => {
    if (!EXPORT_FORMATS.includes(String(format) as ExportFormat)) {
      throw new AppError(
        'invalid_input',
        `format: "${String(format)}" is not an export format (one of: ${EXPORT_FORMATS.join(', ')})`,
        {
          issues: [{ field: 'format', message: 'unknown format' }],
        },
      );
    }
    const vcardVersion = o.vcardVersion === undefined ? undefined : String(o.vcardVersion);
    const out = await runExport(ctx, {
      format: format as ExportFormat,
      vcardVersion,
      on: typeof o.on === 'string' ? o.on : undefined,
    });
    const path = typeof o.output === 'string' ? o.output : null;
    if (out.kind === 'files' && !path) {
      throw new AppError('invalid_input', `${format} export writes a directory: name it with -o DIR`, {
        issues: [{ field: 'output', message: 'required' }],
      });
    }
    if (!path) {
      if (out.kind === 'text') process.stdout.write(out.text);
      return;
    }
    const written = await writeExportOutput(out, path);
    process.stderr.write(`Wrote ${path}${written > 1 ? ` (${written} files)` : ''}\n`);
  });
}
