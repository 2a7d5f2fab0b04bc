/**
 * Registers the relationship engine's commands: today, snooze, done, health, draft check,
 * capture, give/ask/got/thank, balance, promises and follow-ups.
 */
import { Option, type Command } from 'commander';
import type { collect as Collect, int as Int, lazy as Lazy } from '../program-kit.js';

const LEDGER_KINDS = ['intro', 'resource', 'review', 'mentoring', 'referral', 'recommendation', 'help', 'thanks'];

export function registerEngineCommands(
  program: Command,
  kit: { lazy: typeof Lazy; int: typeof Int; collect: typeof Collect },
): void {
  const { lazy } = kit;
  const load = async () => import('./engine.js');

  registerToday(program, kit);
  program
    .command('snooze <item>')
    .description('hide an agenda item until a day (<item>: its number in `kith today`, or its id)')
    .requiredOption('--until <date>', 'show it again from this day')
    .option('--on <date>', 'take this day as today')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await load()).snooze));
  program
    .command('done <item>')
    .description('mark an agenda item done (<item>: its number in `kith today`, or its id)')
    .option('--on <date>', 'take this day as today')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await load()).done));

  program
    .command('health [who]')
    .description('relationship health 0–100 with its reasons; without <who>, the whole network')
    .option('--on <date>', 'take this day as today')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExamples:\n  kith health anna\n  kith health --json')
    .action(lazy(async () => (await load()).health));

  const draft = program.command('draft').description('write something specific to a person');
  draft
    .command('check <who>')
    .description('how personal is this message? findings and concrete hooks from their record')
    .requiredOption('--text <text>', 'the draft (use "-" to read it from standard input)')
    .option('--channel <channel>', 'email, dm, linkedin, … (default: their preferred channel)')
    .addOption(new Option('--language <lang>', 'language of the message (default: detected)').choices(['en', 'de']))
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  kith draft check anna --text "Happy holidays!"\n  pbpaste | kith draft check anna --text -',
    )
    .action(lazy(async () => (await load()).draftCheck));

  program
    .command('capture <text>')
    .description('log in one line: "coffee with Anna yesterday about Rust; promised to send slides by Friday"')
    .option('--on <date>', 'take this day as today')
    .option('--dry-run', 'show what would be written, write nothing')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  kith capture "coffee with Anna Schmidt yesterday about Rust meetup; promised to send slides by Friday"\n' +
        '  kith capture "Kaffee mit Anna gestern über Rust" --dry-run',
    )
    .action(lazy(async () => (await load()).capture));

  for (const [name, direction, what] of [
    ['give', 'give', 'something you gave: an intro, a resource, a review, mentoring…'],
    ['ask', 'ask', 'something you asked of them'],
    ['got', 'receive', 'something they gave you (kith will nudge you to thank them)'],
  ] as const) {
    program
      .command(`${name} <who> <kind>`)
      .description(`record ${what}`)
      .addHelpText(
        'after',
        `\n<kind> is one of: ${LEDGER_KINDS.join(', ')}\nExample:\n  kith ${name} anna review --note "PR on the parser"`,
      )
      .option('--note <text>', 'what it was')
      .option('--on <date>', 'the day (default today)')
      .option('--json', 'print as JSON')
      .action(lazy(async () => (await load()).ledger(direction)));
  }
  program
    .command('thank <who>')
    .description('log thanks, in private or in public (a shout-out)')
    .option('--public', 'thanked in public')
    .option('--note <text>', 'what for')
    .option('--on <date>', 'the day (default today)')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await load()).thank));
  program
    .command('balance <who>')
    .description('what you gave, asked and received with one person')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await load()).balance));

  program
    .command('promise <who> <text>')
    .description('record a promise, yours by default')
    .option('--due <date>', 'when it is due')
    .option('--theirs', 'they promised it to you')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  kith promise anna "send the slides" --due 2026-11-28\n  kith promise anna "intro to her CTO" --theirs',
    )
    .action(lazy(async () => (await load()).promise));
  program
    .command('kept <commitment>')
    .description('mark a promise kept (<commitment>: its id or the start of it)')
    .option('--on <date>', 'the day (default today)')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await load()).resolve('kept')));
  program
    .command('broke <commitment>')
    .description('mark a promise broken')
    .option('--on <date>', 'the day (default today)')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await load()).resolve('broken')));
  program
    .command('commitments [who]')
    .description('open promises, yours and theirs, with your kept-on-time rate')
    .option('--all', 'include kept and broken ones')
    .option('--on <date>', 'take this day as today')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await load()).commitments));

  program
    .command('demo')
    .description('fill an empty home with a realistic small network and a year of history to explore')
    .option('--on <date>', 'take this day as today')
    .option('--json', 'print a summary as JSON')
    .addHelpText('after', '\nExample:\n  KITH_HOME=$(mktemp -d) kith demo && KITH_HOME=… kith today')
    .action(lazy(async () => (await load()).demo));

  const followup = program.command('followup').description('things to follow up on with someone');
  followup
    .command('add <who> <text>')
    .description('remember to follow up, e.g. "send the article on WASM GC"')
    .option('--due <date>', 'when')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await load()).followUpAdd));
  followup
    .command('done <followup>')
    .description('mark a follow-up done (its id or the start of it)')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await load()).followUpDone));
  followup
    .command('list [who]')
    .description('open follow-ups')
    .option('--all', 'include done ones')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await load()).followUpList));
}

/** `kith today`, on its own: the command's own entry (today-main.ts) registers only this. */
export function registerToday(program: Command, kit: { lazy: typeof Lazy; int: typeof Int }): void {
  const { lazy, int } = kit;
  program
    .command('today')
    .description('who deserves your attention today, and why (ranked, capped by your daily budget)')
    .option('--on <date>', 'take this day as today (YYYY-MM-DD)')
    .option('--limit <n>', 'show at most this many (default: your daily budget)', int('--limit'))
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  kith today\n  kith today --on 2026-12-01 --limit 10\n  kith done 1          (the first item is done)\n  kith snooze 2 --until 2026-12-08',
    )
    .action(lazy(async () => (await import('./today.js')).today));
}
