/**
 * Registers `kith export` and `kith import`.
 */
import type { Command } from 'commander';
import type { lazy as Lazy } from '../program-kit.js';

export function registerTransferCommands(program: Command, lazy: typeof Lazy): void {
  program
    .command('export <format>')
    .description('export your data: json (a lossless backup)')
    .option('-o, --output <path>', 'write to this file instead of standard output')
    .addHelpText('after', '\nExamples:\n  kith export json > backup.json\n  kith export json -o backup.json')
    .action(lazy(async () => (await import('./transfer.js')).exportCmd));

  program
    .command('import <formatOrFile> [file]')
    .description('import a file: json (a kith backup); the format is detected when left out')
    .option('--dry-run', 'check the file and show what would change, without writing')
    .option('--strict', 'stop at the first bad record')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', '\nExamples:\n  kith import json backup.json\n  kith import backup.json --dry-run')
    .action(lazy(async () => (await import('./transfer.js')).importCmd));
}
