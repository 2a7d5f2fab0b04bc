/**
 * A writer process for the concurrency tests (run with `node --import tsx`): opens kith
 * as the CLI does (KITH_HOME or DATABASE_URL from the environment) and logs `count`
 * touchpoints, one transaction each. Exits 0 only when every write succeeded.
 */
import { openApp } from '../../src/app/session.js';
import { logTouch } from '../../src/app/touchpoints.js';

async function run(count: number, tag: string): Promise<number> {
  const app = await openApp(process.env);
  let failed = 0;
  for (let i = 0; i < count; i++) {
    try {
      await logTouch(app.ctx, { kind: 'dm', with: ['anchor'], summary: `${tag}-${i}` });
    } catch (e) {
      failed++;
      const err = e as { code?: string; message?: string };
      process.stderr.write(`${tag}-${i}: ${err.code ?? ''} ${err.message ?? String(e)}\n`);
    }
  }
  await app.close();
  return failed;
}

run(Number(process.argv[2] ?? '100'), process.argv[3] ?? 'w').then(
  (failed) => process.exit(failed ? 1 : 0),
  (e: unknown) => {
    process.stderr.write(`writer failed to start: ${(e as Error).message}\n`);
    process.exit(1);
  },
);
