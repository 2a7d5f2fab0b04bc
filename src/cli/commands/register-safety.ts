/**
 * Registers `kith backup`, `kith backup list` and `kith restore`.
 */
import type { Command } from 'commander';
import type { collect as Collect, int as Int, lazy as Lazy } from '../program-kit.js';

export function registerSafetyCommands(
  program: Command,
  kit: { lazy: typeof Lazy; int?: typeof Int; collect?: typeof Collect },
): void {
  const { lazy } = kit;
  const load = async () => import('./backup.js');
  const backup = program
    .command('backup')
    .description('snapshot your data now into $KITH_HOME/backups, or list the backups')
    .addHelpText(
      'after',
      '\nkith also snapshots before every migration, import and restore, and daily while kith serve runs.\n' +
        'Kept: 7 daily, 4 weekly, 12 monthly, the last 10 of each event kind; manual backups are never removed.\n' +
        'On PostgreSQL kith backup writes your JSON backup; use pg_dump for the whole database.\n\n' +
        'Examples:\n  kith backup\n  kith backup list\n  kith restore kith-2026-11-26T09-00-00-000Z-daily.db --yes',
    );
  backup
    .command('now', { isDefault: true })
    .description('take a backup now')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await load()).backupNowCmd));
  backup
    .command('list')
    .alias('ls')
    .description('list the backups, newest first')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await load()).backupListCmd));
  program
    .command('restore <backup>')
    .description(
      'put a backup (a name from kith backup list, or a path) in place of your data; the current state is snapshotted first',
    )
    .option('--yes', 'do not ask for confirmation')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nStop kith serve first: a restore refuses a database another process has open.\n\nExamples:\n  kith backup list\n  kith restore kith-2026-11-26T09-00-00-000Z-daily.db --yes',
    )
    .action(lazy(async () => (await load()).restoreCmd));
}
