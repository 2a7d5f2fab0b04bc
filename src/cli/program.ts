/**
 * The `kith` program without its commands, and running it. `main.ts` adds every command;
 * a command's own entry (`today-main.ts`) adds just its own, so it starts without loading
 * the rest (see scripts/build.mjs).
 */
import { Command, CommanderError } from 'commander';
import { EXIT, reportError } from './output.js';

const VERSION = '0.1.0';

export function programBase(): Command {
  return new Command()
    .name('kith')
    .description('A personal CRM for real professional relationships: who to reach out to today, and why.')
    .version(VERSION, '-V, --version')
    .showHelpAfterError('(run with --help for usage)')
    .configureOutput({ outputError: (str, write) => write(str) })
    .exitOverride();
}

/** Parses `argv` and runs the command it names; resolves to the exit code. */
export async function runProgram(program: Command, argv: string[]): Promise<number> {
  // `kith today | head -3`: the reader went away, so there is nobody left to tell; stop quietly, not with a stack trace.
  process.stdout.on('error', (e: NodeJS.ErrnoException) => {
    if (e.code === 'EPIPE') process.exit(0);
    throw e;
  });
  try {
    await program.parseAsync(argv);
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || e.code === 'commander.help') return 0;
      return EXIT.usage;
    }
    return reportError(e, argv.includes('--json'));
  }
}
