/**
 * `kith today` on its own: the same command as in main.ts (registered by the same function), in
 * a program that has only it, so its bundle (`dist/cli/today.cjs`) holds only what it runs.
 * The launcher (launch.ts) picks it for `kith today …`; everything else goes to main.ts.
 */
import { registerToday } from './commands/register-engine.js';
import { int, lazy } from './program-kit.js';
import { programBase, runProgram } from './program.js';

export async function main(argv: string[]): Promise<number> {
  const program = programBase();
  registerToday(program, { lazy, int });
  return runProgram(program, argv);
}
