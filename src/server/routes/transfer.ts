/**
 * /api/v1/imports and /api/v1/export/<format>: every import format (upload, preview
 * with `dryRun=1`, then the real run) and every export format as a download.
 */
import { z } from 'zod';
import { AppError } from '../../core/errors.js';
import { UPLOAD_LIMIT } from '../limits.js';
import { flag, route, type RouteSpec } from '../route-kit.js';

const EXPORT_FORMATS = ['json', 'csv', 'vcard', 'ics'] as const;

export const transferRoutes: RouteSpec[] = [
  route({
    method: 'post',
    path: '/api/v1/imports',
    tag: 'import',
    summary:
      'Import a file sent as the raw request body (up to 50 MB): LinkedIn, vCard, Google/Outlook CSV, iCalendar, mbox, feeds or a kith backup. ' +
      '`format` is detected when left out; `dryRun=1` previews the exact counts and problems and writes nothing; the real run is all or nothing.',
    access: 'write',
    maxBytes: UPLOAD_LIMIT,
    query: z.object({
      format: z.string().optional(),
      name: z.string().max(200).optional(),
      dryRun: flag,
      strict: flag,
      createContacts: flag,
    }),
    produces: 'application/json',
    response:
      '{ format, dryRun, counts: { new, updated, merged, skipped, invalid }, issues: [{ file, line, field, message }], … }',
    async handle({ c, ctx, query, server }) {
      const bytes = new Uint8Array(await c.req.arrayBuffer());
      if (bytes.length === 0)
        throw new AppError('invalid_input', 'file: the upload is empty', { issues: [{ field: 'file', message: 'empty' }] });
      if (!query.dryRun) await server.beforeImport?.(ctx);
      // Loaded on first use: the parsers (mailparser above all) are a large part of the server's start-up.
      const { runImport } = await import('../../app/import/import-run.js');
      const report = await runImport(ctx, {
        source: { bytes, name: query.name ?? 'upload' },
        format: query.format,
        dryRun: query.dryRun,
        strict: query.strict,
        createContacts: query.createContacts,
      });
      return c.json(report, query.dryRun ? 200 : 201);
    },
  }),
  route({
    method: 'get',
    path: '/api/v1/export/:format',
    tag: 'export',
    summary:
      'Download your data as json (the lossless backup), csv, vcard (`version=4` for vCard 4.0) or ics (the next 90 days).',
    access: 'read',
    query: z.object({ version: z.enum(['3', '4']).optional(), on: z.string().optional() }),
    produces: 'text/plain',
    response: 'The file, as an attachment',
    async handle({ c, ctx, query }) {
      const format = c.req.param('format') ?? '';
      if (!(EXPORT_FORMATS as readonly string[]).includes(format)) {
        throw new AppError(
          'invalid_input',
          `format: must be one of ${EXPORT_FORMATS.join(', ')} (markdown is a folder: use kith export markdown)`,
          {
            issues: [{ field: 'format', message: 'unknown' }],
          },
        );
      }
      const { runExport } = await import('../../app/export/export-run.js');
      const out = await runExport(ctx, {
        format: format as (typeof EXPORT_FORMATS)[number],
        vcardVersion: query.version ?? '3',
        on: query.on,
      });
      if (out.kind !== 'text') throw new AppError('invalid_input', 'format: this export is a folder; use kith export');
      c.header('Content-Type', `${out.mediaType}; charset=utf-8`);
      c.header('Content-Disposition', `attachment; filename="${out.fileName}"`);
      return c.body(out.text);
    },
  }),
];
