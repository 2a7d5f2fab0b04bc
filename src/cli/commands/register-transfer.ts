/**
 * Registers `kith export`, `kith import` and `kith contact duplicates`.
 */
import { Option, type Command } from 'commander';
import { count, type lazy as Lazy } from '../program-kit.js';

const IMPORT_HELP = `
Formats (detected from the content when left out):
  linkedin            LinkedIn Connections.csv (every export layout)
  linkedin-messages   LinkedIn messages.csv: messages become touchpoints
  vcard               .vcf files, vCard 2.1, 3.0 and 4.0
  google-csv          Google Contacts CSV
  outlook-csv         Outlook and Thunderbird CSV
  ics                 iCalendar: past meetings become touchpoints
  mbox                mailboxes (Gmail Takeout, Thunderbird): emails become touchpoints
  feed                RSS or Atom: your own blog posts
  json                a kith backup (kith export json)

Contacts are merged only on the same email, LinkedIn or GitHub URL, or the source's own id;
the same name is reported as a possible duplicate, never merged. Messages, emails and meetings
need your own identity first (kith me --email … --linkedin …) to tell who wrote to whom.

Examples:
  kith import ~/Downloads/Connections.csv --dry-run
  kith import linkedin Connections.csv
  kith import vcard contacts.vcf --strict
  kith import ics calendar.ics --create-contacts
  kith import backup.json --json`;

export function registerTransferCommands(program: Command, lazy: typeof Lazy): void {
  program
    .command('export <format>')
    .description('export your data: json (lossless backup), csv, vcard, markdown (a directory), ics (the next 90 days)')
    .option('-o, --output <path>', 'write to this file (a directory for markdown) instead of standard output')
    .addOption(new Option('--vcard-version <n>', 'vCard version').choices(['3', '4', '3.0', '4.0']))
    .option('--on <date>', 'today, for the ics window (YYYY-MM-DD)')
    .addHelpText(
      'after',
      '\nExamples:\n  kith export json > backup.json\n  kith export json -o backup.json\n  kith export vcard --vcard-version 4 -o contacts.vcf\n  kith export markdown -o ~/notes/people\n  kith export ics -o kith.ics',
    )
    .action(lazy(async () => (await import('./transfer.js')).exportCmd));

  program
    .command('import <formatOrFile> [file]')
    .description('import contacts, messages, meetings or posts from a file')
    .option('--dry-run', 'show what would change, without writing')
    .option('--strict', 'stop at the first bad record (nothing is written)')
    .option('--create-contacts', 'create contacts for unknown people in meetings and messages')
    .option('--json', 'print the summary as JSON')
    .addHelpText('after', IMPORT_HELP)
    .action(lazy(async () => (await import('./transfer.js')).importCmd));

  const contact = program.commands.find((c) => c.name() === 'contact');
  if (contact) {
    contact
      .command('duplicates')
      .description('list contacts that are probably the same person (merge them with kith contact merge)')
      .option('--limit <n>', 'at most this many', count('--limit'))
      .option('--json', 'print as JSON')
      .addHelpText('after', '\nExamples:\n  kith contact duplicates\n  kith contact duplicates --json')
      .action(lazy(async () => (await import('./duplicates.js')).duplicatesCmd));
  }
}
