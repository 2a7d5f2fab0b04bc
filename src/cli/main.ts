/**
 * The `kith` command line. Commands are declared here (cheap) and their code is
 * loaded only when one runs, so a command's start-up stays close to Node's own.
 */
import { Option, type Command } from 'commander';
import { collect, count, int, lazy } from './program-kit.js';
import { programBase, runProgram } from './program.js';
import { registerEngineCommands } from './commands/register-engine.js';
import { registerNetworkCommands } from './commands/register-network.js';
import { registerSafetyCommands } from './commands/register-safety.js';
import { registerServerCommands } from './commands/register-server.js';
import { registerTransferCommands } from './commands/register-transfer.js';

function contactFieldOptions(cmd: Command, forEdit: boolean): Command {
  cmd
    .option('--email <email>', 'an email address (repeatable)', collect)
    .option('--phone <phone>', 'a phone number (repeatable)', collect)
    .option('--link <url>', 'a profile or site URL: LinkedIn, GitHub, blog (repeatable)', collect)
    .option('--company <company>', 'where they work now')
    .option('--title <title>', 'their role')
    .addOption(new Option('--circle <circle>', 'how close you are').choices(['inner', 'active', 'network', 'dormant']))
    .option('--cadence <days>', 'check in every this many days (default: by circle)', int('--cadence'))
    .option('--topic <kind:text>', 'interest|goal|side-project|challenge|can-help|looking-for:TEXT (repeatable)', collect)
    .option('--tag <tag>', 'a tag (repeatable)', collect)
    .option('--birthday <date>', 'YYYY-MM-DD, or MM-DD without the year')
    .option('--how-met <text>', 'how you met')
    .option('--introduced-by <who>', 'the contact who introduced you')
    .option('--location <place>', 'where they live')
    .option('--time-zone <tz>', 'their IANA time zone, e.g. Europe/Berlin')
    .option('--notes <markdown>', 'notes (Markdown)')
    .option('--json', 'print the contact as JSON');
  if (forEdit) {
    cmd
      .option('--name <name>', 'change the display name')
      .option('--paused-until <date>', 'no nudges before this day')
      .option('--min-gap <days>', 'at least this many days between touches', int('--min-gap'))
      .addOption(
        new Option('--preferred-channel <channel>', 'how they like to be reached').choices([
          'in-person',
          'video',
          'phone',
          'email',
          'linkedin',
          'chat',
          'social',
          'other',
        ]),
      )
      .option('--boundary-note <text>', 'anything else to respect')
      .option('--remove-tag <tag>', 'remove a tag (repeatable)', collect)
      .option('--remove-topic <text>', 'remove a topic by its text (repeatable)', collect);
  }
  return cmd;
}

export function buildProgram(): Command {
  const program = programBase();
  program
    .command('me')
    .description('show or set your own profile')
    .option('--name <name>', 'your name')
    .option('--email <email>', 'one of your email addresses (repeatable)', collect)
    .option('--linkedin <url>', 'your LinkedIn profile URL')
    .option('--url <url>', 'another profile URL of yours: GitHub, blog (repeatable)', collect)
    .option('--scheduling-link <url>', 'a link people can book time with you')
    .option('--time-zone <tz>', 'your IANA time zone')
    .option('--weekly-goal <n>', 'touchpoints per week you aim for', int('--weekly-goal'))
    .option('--daily-budget <n>', 'items on the daily agenda', int('--daily-budget'))
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  kith me --name "Sam Rivera" --email sam@example.com --scheduling-link https://cal.com/sam',
    )
    .action(lazy(async () => (await import('./commands/me.js')).me));

  const contact = program.command('contact').description('add, find, change and merge contacts');
  contactFieldOptions(
    contact
      .command('add <name>')
      .description('add a contact')
      .addHelpText(
        'after',
        '\nExamples:\n  kith contact add "Anna Schmidt" --email anna@example.com --company Acme --circle active\n' +
          '  kith contact add "Li Lei" --topic side-project:"Rust game engine" --tag rust',
      ),
    false,
  ).action(lazy(async () => (await import('./commands/contact.js')).add));
  contactFieldOptions(
    contact
      .command('edit <who>')
      .description('change a contact (lists such as emails, topics and tags are added to)')
      .addHelpText(
        'after',
        '\nExamples:\n  kith contact edit anna --company "New Co" --title CTO\n  kith contact edit anna --paused-until 2027-01-15',
      ),
    true,
  ).action(lazy(async () => (await import('./commands/contact.js')).edit));
  contact
    .command('list')
    .alias('ls')
    .description('list contacts')
    .addOption(new Option('--circle <circle>', 'only this circle').choices(['inner', 'active', 'network', 'dormant']))
    .option('--tag <tag>', 'only contacts with this tag')
    .option('--trash', 'list the trash instead')
    .option('--limit <n>', 'at most this many', count('--limit'))
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await import('./commands/contact.js')).list));
  contact
    .command('show <who>')
    .description('show a contact with their timeline')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\n<who> is an id, an email, or enough of a name to be unique.')
    .action(lazy(async () => (await import('./commands/contact.js')).show));
  contact
    .command('rm <who>')
    .description('move a contact to the trash (restore brings them back)')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await import('./commands/contact.js')).rm));
  contact
    .command('restore <who>')
    .description('bring a contact back from the trash')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await import('./commands/contact.js')).restore));
  contact
    .command('merge <keep> <other>')
    .description('merge <other> into <keep>: every touchpoint, identity, topic and note is kept')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await import('./commands/contact.js')).merge));

  program
    .command('log <kind>')
    .description(
      'log a touchpoint: coffee, video, call, dm, email, event, comment, code-review, mentoring, intro, shout-out, other',
    )
    .requiredOption('--with <who>', 'who was there (repeatable)', collect)
    .option('--on <date>', 'the day it happened (YYYY-MM-DD; default today)')
    .addOption(new Option('--by <who>', 'who started it').choices(['me', 'them']))
    .option('--summary <text>', 'what it was about, in a line')
    .option('--notes <markdown>', 'longer notes')
    .option('--topic <topic>', 'a topic (repeatable)', collect)
    .addOption(
      new Option('--channel <channel>', 'where it happened').choices([
        'in-person',
        'video',
        'phone',
        'email',
        'linkedin',
        'chat',
        'social',
        'other',
      ]),
    )
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  kith log coffee --with anna --summary "Rust meetup plans" --topic rust\n  kith log video --with anna --with "Li Lei" --on 2026-11-20 --by them',
    )
    .action(lazy(async () => (await import('./commands/log.js')).log));

  program
    .command('search <query...>')
    .description('search names, companies, topics, notes and touchpoints')
    .option('--limit <n>', 'at most this many results (default 20)', count('--limit'))
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExamples:\n  kith search muller        (finds Müller)\n  kith search rust meetup')
    .action(lazy(async () => (await import('./commands/search.js')).search));

  registerEngineCommands(program, { lazy, int, collect });
  registerNetworkCommands(program, { lazy, int, count, collect });
  registerTransferCommands(program, lazy);
  registerServerCommands(program, lazy, int);
  registerSafetyCommands(program, { lazy, int, collect });

  return program;
}

/** Runs the CLI; resolves to the exit code. */
export async function main(argv: string[]): Promise<number> {
  return runProgram(buildProgram(), argv);
}
