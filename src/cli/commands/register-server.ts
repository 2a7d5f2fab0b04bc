/**
 * Registers `kith serve` and `kith user …` (accounts for the server).
 */
import { Option, type Command } from 'commander';
import type { int as Int, lazy as Lazy } from '../program-kit.js';

export function registerServerCommands(program: Command, lazy: typeof Lazy, int: typeof Int): void {
  program
    .command('serve')
    .description('serve kith over HTTP on this machine (default http://127.0.0.1:4580)')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--port <port>', 'port to listen on (default $PORT or 4580)', int('--port'))
    .addHelpText(
      'after',
      '\nThe first visit from this machine creates your login (or run `kith user add` first).\n' +
        'Behind a reverse proxy, list the public host names: KITH_ALLOWED_HOSTS=kith.example.com\n' +
        'PostgreSQL instead of the SQLite file: DATABASE_URL=postgres://…\n\nExamples:\n  kith serve\n  PORT=8080 kith serve --host 0.0.0.0',
    )
    .action(lazy(async () => (await import('./serve.js')).serve));

  const user = program.command('user').description('accounts for `kith serve`: logins, API tokens, invitations');
  const load = (name: 'add' | 'list' | 'passwd' | 'invite' | 'tokenAdd' | 'tokenList' | 'tokenRevoke' | 'logoutEverywhere') =>
    lazy(async () => (await import('./user.js'))[name]);
  user
    .command('add <email>')
    .description('give the owner a login (the first time), or invite another person')
    .option('--name <name>', 'their name')
    .option('--password-stdin', 'read the password from standard input (else $KITH_PASSWORD, else a prompt)')
    .option('--url <url>', 'the server address for invitation links', 'http://127.0.0.1:4580')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  kith user add me@example.com --name "Sam Rivera"\n  kith user add colleague@example.com --url https://kith.example.com',
    )
    .action(load('add'));
  user.command('list').description('list the users of this database').option('--json', 'print as JSON').action(load('list'));
  user
    .command('passwd [email]')
    .description('set a password (yours, or another user’s by email); their sessions end')
    .option('--password-stdin', 'read the password from standard input (else $KITH_PASSWORD, else a prompt)')
    .action(load('passwd'));
  user
    .command('invite [email]')
    .description('make a one-time invitation link for someone to join this server')
    .option('--days <n>', 'days the link stays valid (default 7)', int('--days'))
    .option('--url <url>', 'the server address for the link', 'http://127.0.0.1:4580')
    .option('--json', 'print as JSON')
    .action(load('invite'));
  user.command('logout-everywhere').description('end every login session of yours').action(load('logoutEverywhere'));
  const token = user.command('token').description('API tokens (Authorization: Bearer …)');
  token
    .command('add <name>')
    .description('create an API token; the secret is shown once')
    .addOption(new Option('--scope <scope>', 'what it may do').choices(['read', 'read-write']).default('read'))
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExamples:\n  kith user token add "backup script"\n  kith user token add zapier --scope read-write')
    .action(load('tokenAdd'));
  token
    .command('list')
    .description('list your API tokens and when each was last used')
    .option('--json', 'print as JSON')
    .action(load('tokenList'));
  token.command('revoke <id>').description('revoke an API token; it stops working at once').action(load('tokenRevoke'));
}
