/**
 * Registers `kith serve`.
 */
import type { Command } from 'commander';
import type { int as Int, lazy as Lazy } from '../program-kit.js';

export function registerServerCommands(program: Command, lazy: typeof Lazy, int: typeof Int): void {
  program
    .command('serve')
    .description('serve kith over HTTP on this machine (default http://127.0.0.1:4580)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (default $PORT or 4580)', int('--port'))
    .action(lazy(async () => (await import('./serve.js')).serve));
}
