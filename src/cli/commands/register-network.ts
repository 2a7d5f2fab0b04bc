/**
 * Registers the commands for events, communities, writing, resources, introductions and the habit coach.
 */
import { Option, type Command } from 'commander';
import type { collect as Collect, count as Count, int as Int, lazy as Lazy } from '../program-kit.js';

export function registerNetworkCommands(
  program: Command,
  kit: { lazy: typeof Lazy; int: typeof Int; count: typeof Count; collect: typeof Collect },
): void {
  const { lazy, int, count, collect } = kit;
  const events = async () => import('./events.js');
  const communities = async () => import('./communities.js');
  const posts = async () => import('./posts.js');
  const resources = async () => import('./resources.js');
  const intros = async () => import('./intros.js');
  const coach = async () => import('./coach.js');

  const event = program.command('event').description('events you went to and the people you met there (P8)');
  event
    .command('add <name>')
    .description('record an event; people met in person get a follow-up in the agenda within days')
    .requiredOption('--on <date>', 'the day it started (YYYY-MM-DD)')
    .option('--until <date>', 'the last day, for events over several days')
    .option('--where <place>', 'where it was')
    .option('--url <url>', 'its web page')
    .option('--community <community>', 'the community it belongs to')
    .option('--met <who>', 'someone you met in person (repeatable)', collect)
    .option('--attended <who>', 'someone who was there (repeatable)', collect)
    .option('--notes <markdown>', 'notes')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  kith event add "RustFest 2026" --on 2026-11-20 --until 2026-11-21 --where Berlin --met anna --met "Li Lei"\n' +
        '  kith event add "Rust Berlin November" --on 2026-11-19 --community "Rust Berlin" --attended ben',
    )
    .action(lazy(async () => (await events()).add));
  event
    .command('list')
    .alias('ls')
    .description('events, newest first')
    .option('--community <community>', 'only this community’s events')
    .option('--with <who>', 'only events this person was at')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await events()).list));
  event
    .command('show <event>')
    .description('an event with who was there (<event>: its name, or its id or the end of it)')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await events()).show));
  event
    .command('met <event> <who...>')
    .description('mark people as met in person at an event (adds them when they were not listed)')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  kith event met rustfest anna "Li Lei"')
    .action(lazy(async () => (await events()).met));

  const community = program
    .command('community')
    .description('communities you take part in, their members and your participation (P7)');
  community
    .command('add <name>')
    .description('add a community')
    .option('--url <url>', 'its web page')
    .option('--cadence <days>', 'take part at least every this many days', int('--cadence'))
    .option('--member <who>', 'a contact who is a member (repeatable)', collect)
    .option('--notes <markdown>', 'notes')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  kith community add "Rust Berlin" --url https://rust.berlin --cadence 30 --member anna')
    .action(lazy(async () => (await communities()).add));
  community
    .command('list')
    .alias('ls')
    .description('communities with your participation: due or ok against the cadence')
    .option('--on <date>', 'take this day as today')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await communities()).list));
  community
    .command('show <community>')
    .description('members, events and participation of one community')
    .option('--on <date>', 'take this day as today')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await communities()).show));
  community
    .command('join <community> <who...>')
    .description('add people to a community’s members')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await communities()).join));
  community
    .command('leave <community> <who...>')
    .description('remove people from a community’s members')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await communities()).leave));

  const post = program.command('post').description('your posts, readers’ responses, and who would care (P1)');
  post
    .command('add <title>')
    .description('record a post you published')
    .requiredOption('--on <date>', 'the day it was published (YYYY-MM-DD)')
    .option('--url <url>', 'where it is')
    .option('--topic <topic>', 'a topic (repeatable)', collect)
    .option('--summary <text>', 'what it is about')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  kith post add "WebAssembly GC in practice" --on 2026-11-02 --topic wasm --topic rust')
    .action(lazy(async () => (await posts()).add));
  post
    .command('list')
    .alias('ls')
    .description('your posts, newest first, with responses')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await posts()).list));
  post
    .command('response <post>')
    .description('record a reader’s response to a post (<post>: its title, or its id)')
    .option('--from <who>', 'the contact who responded')
    .option('--author <name>', 'who responded, when they are not a contact')
    .requiredOption('--summary <text>', 'what they said')
    .option('--on <date>', 'the day it came in (default today)')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExample:\n  kith post response "wasm gc" --from anna --summary "Asked about the benchmark"')
    .action(lazy(async () => (await posts()).response));
  post
    .command('replied <response>')
    .description('mark a response answered (<response>: its id or the end of it)')
    .option('--on <date>', 'the day you replied (default today)')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await posts()).replied));
  post
    .command('care <post>')
    .description('who would care about a post: contacts whose topics and tags it fits')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await posts()).care));
  program
    .command('writing')
    .description('your posting cadence against your goal, the streak, and responses awaiting your reply')
    .option('--on <date>', 'take this day as today')
    .option('--goal <n>', 'set your goal first: posts per month (1 by default; 0.5 is one every two months)')
    .option('--json', 'print as JSON')
    .addHelpText('after', '\nExamples:\n  kith writing\n  kith writing --goal 2 --json')
    .action(lazy(async () => (await posts()).writing));

  const resource = program.command('resource').description('articles, talks and tools worth passing on (P5)');
  resource
    .command('add <title>')
    .description('keep a resource to share')
    .option('--url <url>', 'where it is')
    .option('--topic <topic>', 'a topic (repeatable)', collect)
    .option('--notes <markdown>', 'notes')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExample:\n  kith resource add "A practical guide to WASM GC" --url https://example.com/wasm-gc --topic wasm',
    )
    .action(lazy(async () => (await resources()).add));
  resource
    .command('list')
    .alias('ls')
    .description('your resources')
    .option('--topic <topic>', 'only those with this topic')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await resources()).list));
  resource
    .command('care <resource>')
    .description('who would care about a resource, best fit first, with the reasons')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await resources()).care));
  resource
    .command('for <who>')
    .description('resources that suit one person')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await resources()).forWho));

  const intro = program.command('intro').description('introductions with double opt-in: propose, ask both, accept, make (P6)');
  intro
    .command('suggest')
    .description('pairs worth introducing: one is looking for what the other can help with')
    .option('--limit <n>', 'at most this many', count('--limit'))
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await intros()).suggest));
  intro
    .command('propose <a> <b>')
    .description('propose introducing two people')
    .requiredOption('--reason <text>', 'why they should meet')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nThen: kith intro ask <id> (you asked both) → kith intro accept <id> (both agreed) → kith intro made <id>.\n' +
        'Example:\n  kith intro propose anna ben --reason "Anna is looking for a Rust mentor"',
    )
    .action(lazy(async () => (await intros()).propose));
  for (const [name, status, what] of [
    ['ask', 'asked', 'you asked both sides whether they want the introduction'],
    ['accept', 'accepted', 'both agreed'],
    ['made', 'made', 'you made the introduction (logs an intro touchpoint and a give for each)'],
    ['decline', 'declined', 'one side said no'],
  ] as const) {
    intro
      .command(`${name} <intro>`)
      .description(`${what} (<intro>: its id or the end of it)`)
      .option('--on <date>', 'the day (default today)')
      .option('--json', 'print as JSON')
      .action(lazy(async () => (await intros()).move(status)));
  }
  intro
    .command('list')
    .alias('ls')
    .description('introductions, latest change first')
    .addOption(new Option('--status <status>', 'only this status').choices(['proposed', 'asked', 'accepted', 'made', 'declined']))
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await intros()).list));

  const coachCmd = program
    .command('coach')
    .description('the habit coach: this week against your goal, streaks, and when to widen your circle (P3)')
    .option('--on <date>', 'take this day as today')
    .option('--json', 'print as JSON')
    .addHelpText(
      'after',
      '\nExamples:\n  kith coach start\n  kith coach start --pick anna --pick ben --pick "Li Lei"\n  kith coach goal 3\n  kith coach',
    )
    .action(lazy(async () => (await coach()).status));
  coachCmd
    .command('start')
    .description('suggest 3–5 people to start with, or set the ones you --pick (inner circle, tag starting-circle)')
    .option('--pick <who>', 'a person for your starting circle (3 to 5 of them)', collect)
    .option('--on <date>', 'take this day as today')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await coach()).start));
  coachCmd
    .command('goal <n>')
    .description('set your weekly goal: touches per week')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await coach()).goal));
  program
    .command('review')
    .description('the weekly review: touches vs goal, promises, gives and asks, who drifted, next steps (P11)')
    .option('--on <date>', 'the last day of the week to review (default today)')
    .option('--json', 'print as JSON')
    .action(lazy(async () => (await coach()).review));
}
