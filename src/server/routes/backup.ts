/**
 * /api/v1/backup: download the lossless JSON backup, or upload one (`?dryRun=1`
 * checks it and counts what would change, writing nothing).
 */
import { z } from 'zod';
import { backupToJson, exportBackup, importBackup, parseBackup, type RestoreCounts } from '../../app/backup.js';
import { UPLOAD_LIMIT } from '../limits.js';
import { flag, route, type RouteSpec } from '../route-kit.js';

/** Thrown to roll a dry run back once the counts are known. */
class DryRunDone extends Error {
  constructor(readonly counts: RestoreCounts) {
    super('dry run');
  }
}

export const backupRoutes: RouteSpec[] = [
  route({
    method: 'get',
    path: '/api/v1/backup',
    tag: 'backup',
    summary: 'Download everything of yours as the JSON backup (the same bytes as `kith export json`).',
    access: 'read',
    produces: 'application/json',
    response: 'The kith-backup document',
    async handle({ c, ctx }) {
      const text = backupToJson(await exportBackup(ctx));
      c.header('Content-Type', 'application/json; charset=utf-8');
      c.header('Content-Disposition', `attachment; filename="kith-backup-${ctx.clock.now().slice(0, 10)}.json"`);
      return c.body(text);
    },
  }),
  route({
    method: 'post',
    path: '/api/v1/backup',
    tag: 'backup',
    summary:
      'Restore a JSON backup (up to 50 MB), all or nothing; records with known ids are replaced. `dryRun=1` only checks and counts.',
    access: 'write',
    maxBytes: UPLOAD_LIMIT,
    query: z.object({ dryRun: flag }),
    body: z.looseObject({ format: z.literal('kith-backup'), version: z.number() }),
    response: '{ dryRun: boolean, counts: { new, updated } }',
    async handle({ c, ctx, query, server }) {
      const backup = parseBackup(await c.req.text(), 'upload');
      if (!query.dryRun) {
        await server.beforeImport?.(ctx);
        return c.json({ dryRun: false, counts: await importBackup(ctx, backup, 'upload') });
      }
      try {
        await ctx.store.transaction(async (store) => {
          throw new DryRunDone(await importBackup({ ...ctx, store }, backup, 'upload'));
        });
      } catch (e) {
        if (e instanceof DryRunDone) return c.json({ dryRun: true, counts: e.counts });
        throw e;
      }
      throw new Error('unreachable: a dry run always rolls back');
    },
  }),
];
