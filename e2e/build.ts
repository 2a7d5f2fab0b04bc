/**
 * Builds what the browser tests run: the kith command (dist/cli) and the web
 * app (dist/web), with `npm run build`. `KITH_E2E_NO_BUILD=1` reuses an existing build.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

export const ROOT = join(import.meta.dirname, '..');

export default function setup(): void {
  if (process.env.KITH_E2E_NO_BUILD !== '1') {
    execFileSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'pipe' });
  }
  for (const f of ['dist/cli/main.cjs', 'dist/web/index.html']) {
    if (!existsSync(join(ROOT, f))) throw new Error(`${f} is missing: run \`npm run build\``);
  }
}
