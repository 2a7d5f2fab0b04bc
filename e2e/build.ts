/**
 * Builds what the browser tests run: the server (tsc into dist/) and the web
 * app (vite into dist/web). `KITH_E2E_NO_BUILD=1` reuses an existing build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

export default function setup(): void {
  if (process.env.KITH_E2E_NO_BUILD !== '1') {
    try {
      execFileSync('npx', ['tsc', '-p', 'tsconfig.json'], { cwd: ROOT, stdio: 'pipe' });
    } catch (e) {
      // Type errors elsewhere still emit JavaScript; the check below is what matters.
      process.stderr.write(`tsc reported problems (continuing with what it emitted):\n${String((e as { stdout?: Buffer }).stdout ?? '').slice(0, 2000)}\n`);
    }
    execFileSync('npm', ['run', 'build:web'], { cwd: ROOT, stdio: 'pipe' });
  }
  for (const f of ['dist/cli/main.js', 'dist/web/index.html']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run \`npx tsc -p tsconfig.json && npm run build:web\``);
  }
}
